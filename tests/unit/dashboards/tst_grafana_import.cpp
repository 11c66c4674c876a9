#include "dashboards/grafana_import.h"

#include <QFile>
#include <QTest>

using namespace opsdeck;

class TestGrafanaImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsDrawablePanelsAndListsTheRest();
    void importsANodeExporterDashboard();
    void importsLegacySinglestats();
    void readsGrafanaColours();
    void refusesWhatIsNoDashboard();
    void expandsGrafanaIntervals();
};

namespace {

GrafanaImport importFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {{}, {}, QStringLiteral("cannot open %1").arg(path)};
    return importGrafanaDashboard(f.readAll());
}

const PanelSpec *panelTitled(const GrafanaImport &imported, const QString &title)
{
    for (const PanelSpec &p : imported.dashboard.panels) {
        if (p.title == title)
            return &p;
    }
    return nullptr;
}

} // namespace

void TestGrafanaImport::importsDrawablePanelsAndListsTheRest()
{
    const GrafanaImport imported = importFile(QStringLiteral(OPSDECK_SOURCE_DIR "/tests/data/grafana/service-dashboard.json"));
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QCOMPARE(imported.dashboard.title, QStringLiteral("Service overview"));
    QCOMPARE(imported.dashboard.panels.size(), 4);  // p95 latency, Requests, Uptime (a tile), Connections (from the row)

    const PanelSpec &latency = imported.dashboard.panels[0];
    QCOMPARE(latency.kind, PanelKind::TimeSeries);
    QCOMPARE(latency.unit, QStringLiteral("ms"));
    QCOMPARE(latency.thresholds.size(), 1);  // drawn as a line: thresholdsStyle says so
    QCOMPARE(latency.thresholds[0].value, 100.0);
    QCOMPARE(latency.thresholds[0].color, QStringLiteral("#f2495c"));
    // Variables stay variables: the dashboard fills them in with what is picked.
    QVERIFY(latency.queries[0].promql.contains(QLatin1String("service=\"$service\"")));
    QVERIFY(latency.queries[0].promql.contains(QLatin1String("$__rate_interval")));
    QCOMPARE(latency.queries[0].legend, QStringLiteral("p95"));

    const PanelSpec &requests = imported.dashboard.panels[1];
    QCOMPARE(requests.unit, QStringLiteral("req/s"));
    QCOMPARE(requests.queries.size(), 1);  // the hidden target stays hidden
    QCOMPARE(requests.queries[0].legend, QStringLiteral("{{status}}"));

    // The saved selections, written as Grafana would write them.
    const QList<DashboardVariable> &vars = imported.dashboard.variables;
    QCOMPARE(vars.size(), 3);
    QCOMPARE(vars[0].current, QStringList{QStringLiteral("api-gateway")});
    QCOMPARE(vars[1].current, QStringList{QStringLiteral("$__all")});
    QCOMPARE(vars[2].current.size(), 2);
    VariableValues values;
    values.insert(QStringLiteral("service"), {vars[0].current, false});
    values.insert(QStringLiteral("status"), {{QStringLiteral("200"), QStringLiteral("500")}, true});
    values.insert(QStringLiteral("instance"), {vars[2].current, false});
    const QString written = interpolateVariables(requests.queries[0].promql, vars, values);
    QVERIFY2(written.contains(QLatin1String("service=\"api-gateway\"")), qPrintable(written));
    // "All" with an allValue is that value; several values are an escaped alternation.
    QVERIFY2(written.contains(QLatin1String("status=~\".*\"")), qPrintable(written));
    QVERIFY2(written.contains(QLatin1String("instance=~\"(10\\\\.0\\\\.0\\\\.1:8080|10\\\\.0\\\\.0\\\\.2:8080)\"")), qPrintable(written));

    const PanelSpec *uptime = panelTitled(imported, QStringLiteral("Uptime"));
    QVERIFY(uptime);
    QCOMPARE(uptime->kind, PanelKind::Stat);

    // Nothing dropped silently.
    QCOMPARE(imported.skipped.size(), 2);
    QVERIFY(imported.skipped.filter(QStringLiteral("Runbook: text panels")).size() == 1);
    QVERIFY(imported.skipped.filter(QStringLiteral("From Loki: no Prometheus query")).size() == 1);
}

void TestGrafanaImport::importsANodeExporterDashboard()
{
    const GrafanaImport imported = importFile(QStringLiteral(OPSDECK_SOURCE_DIR "/demo/grafana/host.json"));
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    // Every panel but the text one; nothing else skipped.
    QCOMPARE(imported.dashboard.panels.size(), 10);
    QCOMPARE(imported.skipped, QStringList{QStringLiteral("About: text panels are not drawn by OpsDeck")});

    // The datasource variable is ours (the profile's Prometheus); the rest are kept, in order.
    const QList<DashboardVariable> &vars = imported.dashboard.variables;
    QCOMPARE(vars.size(), 3);
    QCOMPARE(vars[0].name, QStringLiteral("job"));
    QCOMPARE(vars[0].query, QStringLiteral("label_values(node_uname_info, job)"));  // from Grafana 9's query object
    QCOMPARE(vars[0].sort, DashboardVariable::Sort::AlphaAsc);
    QCOMPARE(vars[1].displayName(), QStringLiteral("Host"));
    QCOMPARE(vars[1].query, QStringLiteral("label_values(node_uname_info{job=\"$job\"}, instance)"));
    QVERIFY(vars[1].current.isEmpty());
    QCOMPARE(vars[2].kind, DashboardVariable::Kind::Custom);
    QVERIFY(vars[2].hidden);

    const PanelSpec *cpu = panelTitled(imported, QStringLiteral("CPU Busy"));
    QVERIFY(cpu);
    QCOMPARE(cpu->kind, PanelKind::Gauge);
    QCOMPARE(cpu->unit, QStringLiteral("%"));
    QCOMPARE(cpu->tile.min, std::optional<double>(0));
    QCOMPARE(cpu->tile.max, std::optional<double>(100));
    QCOMPARE(cpu->tile.decimals, 1);
    QCOMPARE(cpu->tile.baseColor, QStringLiteral("#32ac2d"));  // rgba(50, 172, 45, 0.97)
    QCOMPARE(cpu->thresholds.size(), 2);
    QCOMPARE(cpu->thresholds[0].value, 85.0);
    QCOMPARE(cpu->thresholds[1].color, QStringLiteral("#f53636"));

    const PanelSpec *ram = panelTitled(imported, QStringLiteral("RAM Used"));
    QVERIFY(ram);
    QCOMPARE(ram->queries.size(), 1);  // target A is hidden

    const PanelSpec *uptime = panelTitled(imported, QStringLiteral("Uptime"));
    QVERIFY(uptime);
    QCOMPARE(uptime->kind, PanelKind::Stat);
    QCOMPARE(uptime->unit, QStringLiteral("s"));
    QVERIFY(!uptime->tile.sparkline);  // graphMode none
    QVERIFY(panelTitled(imported, QStringLiteral("Load (1m)"))->tile.sparkline);
    QCOMPARE(panelTitled(imported, QStringLiteral("Load (1m)"))->thresholds[0].color, QStringLiteral("#c4162a"));  // dark-red

    const PanelSpec *disks = panelTitled(imported, QStringLiteral("Filesystems used"));
    QVERIFY(disks);
    QCOMPARE(disks->kind, PanelKind::BarGauge);
    QCOMPARE(disks->queries[0].legend, QStringLiteral("{{mountpoint}}"));

    // percentunit is drawn as %: the query is scaled, and a threshold not asked to be drawn is not.
    const PanelSpec *cpuBasic = panelTitled(imported, QStringLiteral("CPU Basic"));
    QVERIFY(cpuBasic);
    QCOMPARE(cpuBasic->unit, QStringLiteral("%"));
    QVERIFY(cpuBasic->queries[0].promql.endsWith(QLatin1String(") * 100")));
    QVERIFY(cpuBasic->thresholds.isEmpty());
    // The title keeps its variable for the dashboard to fill in.
    QVERIFY(panelTitled(imported, QStringLiteral("Memory Basic on $node")));
}

void TestGrafanaImport::importsLegacySinglestats()
{
    // Grafana before 7: singlestat with "thresholds": "85,95", three colours, gauge.show, valueName.
    const auto imported = importGrafanaDashboard(R"json({"title":"old","rows":[{"panels":[
        {"type":"singlestat","title":"CPU","format":"percent","decimals":1,"valueName":"avg",
         "thresholds":"85, 95","colors":["rgba(50, 172, 45, 0.97)","rgba(237, 129, 40, 0.89)","#d44a3a"],
         "gauge":{"show":true,"minValue":0,"maxValue":100},"sparkline":{"show":false},
         "targets":[{"expr":"avg(rate(x[5m]))"}]},
        {"type":"singlestat","title":"Up","format":"none","valueName":"current","sparkline":{"show":true},
         "targets":[{"expr":"up"}]}]}]})json");
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QCOMPARE(imported.dashboard.panels.size(), 2);
    const PanelSpec &cpu = imported.dashboard.panels[0];
    QCOMPARE(cpu.kind, PanelKind::Gauge);
    QCOMPARE(cpu.tile.reducer, ValueReducer::Mean);
    QCOMPARE(cpu.tile.max, std::optional<double>(100));
    QCOMPARE(cpu.thresholds.size(), 2);
    QCOMPARE(cpu.thresholds[1].value, 95.0);
    QCOMPARE(cpu.thresholds[1].color, QStringLiteral("#d44a3a"));
    QCOMPARE(cpu.tile.baseColor, QStringLiteral("#32ac2d"));
    const PanelSpec &up = imported.dashboard.panels[1];
    QCOMPARE(up.kind, PanelKind::Stat);
    QCOMPARE(up.tile.reducer, ValueReducer::LastNotNull);
    QVERIFY(up.tile.sparkline);
}

void TestGrafanaImport::readsGrafanaColours()
{
    QCOMPARE(grafanaColor(QStringLiteral("green")), QStringLiteral("#73bf69"));
    QCOMPARE(grafanaColor(QStringLiteral("semi-dark-orange")), QStringLiteral("#ff780a"));
    QCOMPARE(grafanaColor(QStringLiteral("#EAB839")), QStringLiteral("#eab839"));
    QCOMPARE(grafanaColor(QStringLiteral("rgb(1, 2, 255)")), QStringLiteral("#0102ff"));
    QCOMPARE(grafanaColor(QStringLiteral("text")), QString());
}

void TestGrafanaImport::refusesWhatIsNoDashboard()
{
    QVERIFY(!importGrafanaDashboard("[1,2]").ok());
    QVERIFY(!importGrafanaDashboard("{\"title\":\"x\"}").ok());
    QVERIFY(!importGrafanaDashboard("not json").ok());
    // The API's wrapper is accepted.
    const auto wrapped = importGrafanaDashboard(
        R"({"dashboard":{"title":"W","panels":[{"type":"timeseries","title":"t","targets":[{"expr":"up"}]}]},"meta":{}})");
    QVERIFY(wrapped.ok());
    QCOMPARE(wrapped.dashboard.title, QStringLiteral("W"));
}

void TestGrafanaImport::expandsGrafanaIntervals()
{
    QCOMPARE(expandGrafanaIntervals(QStringLiteral("rate(x[$__rate_interval]) + rate(y[${__interval}]) + z[$__range]"),
                                    60000, 15000, 3600000),
             QStringLiteral("rate(x[60s]) + rate(y[15s]) + z[3600s]"));
}

QTEST_GUILESS_MAIN(TestGrafanaImport)
#include "tst_grafana_import.moc"
