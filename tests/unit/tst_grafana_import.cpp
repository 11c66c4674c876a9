#include "grafana_import.h"

#include <QFile>
#include <QTest>

using namespace opsdeck;

class TestGrafanaImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsDrawablePanelsAndListsTheRest();
    void refusesWhatIsNoDashboard();
    void expandsGrafanaIntervals();
};

void TestGrafanaImport::importsDrawablePanelsAndListsTheRest()
{
    QFile f(QStringLiteral(OPSDECK_SOURCE_DIR "/tests/data/grafana/service-dashboard.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const GrafanaImport imported = importGrafanaDashboard(f.readAll());
    QVERIFY2(imported.ok(), qPrintable(imported.error));
    QCOMPARE(imported.dashboard.title, QStringLiteral("Service overview"));
    QCOMPARE(imported.dashboard.panels.size(), 3);  // p95 latency, Requests, Connections (from the row)

    const PanelSpec &latency = imported.dashboard.panels[0];
    QCOMPARE(latency.unit, QStringLiteral("ms"));
    QCOMPARE(latency.thresholds.size(), 1);
    QCOMPARE(latency.thresholds[0].value, 100.0);
    QVERIFY(latency.queries[0].promql.contains(QLatin1String("service=\"api-gateway\"")));
    QVERIFY(latency.queries[0].promql.contains(QLatin1String("$__rate_interval")));
    QCOMPARE(latency.queries[0].legend, QStringLiteral("p95"));

    const PanelSpec &requests = imported.dashboard.panels[1];
    QCOMPARE(requests.unit, QStringLiteral("req/s"));
    QCOMPARE(requests.queries.size(), 1);  // the hidden target stays hidden
    QVERIFY(requests.queries[0].promql.contains(QLatin1String("status=~\".*\"")));
    QVERIFY(requests.queries[0].promql.contains(QLatin1String("instance=~\"10.0.0.1:8080|10.0.0.2:8080\"")));
    QCOMPARE(requests.queries[0].legend, QStringLiteral("{{status}}"));

    // Nothing dropped silently.
    QCOMPARE(imported.skipped.size(), 3);
    QVERIFY(imported.skipped.filter(QStringLiteral("Uptime: stat panels")).size() == 1);
    QVERIFY(imported.skipped.filter(QStringLiteral("Runbook: text panels")).size() == 1);
    QVERIFY(imported.skipped.filter(QStringLiteral("From Loki: no Prometheus query")).size() == 1);
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
