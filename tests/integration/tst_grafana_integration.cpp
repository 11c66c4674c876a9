// A Grafana dashboard in the shape of "Node Exporter Full" against the real
// thing: the demo's Prometheus scraping a real node_exporter. Imported as a
// user imports it, shown in the Dashboards panel on the offscreen platform:
// its query variables must resolve from Prometheus (job, then the host of that
// job), and its tiles and charts must draw the host's numbers, not "No data".

#include "config/config.h"
#include "dashboards/dashboard_panel.h"
#include "dashboards/grafana_import.h"
#include "dashboards/variable_bar.h"
#include "demo_environment.h"
#include "profile_session.h"
#include "prometheus/variable_resolver.h"
#include "stat_tile.h"
#include "time_series_chart.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QTest>
#include <QThread>

using namespace opsdeck;

class TestGrafanaIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void nodeDashboardDrawsTheHost();

private:
    testsupport::DemoEnvironment m_demo{QStringLiteral(OPSDECK_SOURCE_DIR), QStringLiteral(OPSDECK_DEMO_BIN_DIR), false};
};

void TestGrafanaIntegration::initTestCase()
{
    QVERIFY2(m_demo.start(), "the demo environment did not start");
}

void TestGrafanaIntegration::nodeDashboardDrawsTheHost()
{
    const auto loaded = loadConfigFile(m_demo.configPath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    Profile profile = loaded.config->profiles.first();
    QFile file(QStringLiteral(OPSDECK_SOURCE_DIR "/demo/grafana/host.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const GrafanaImport imported = importGrafanaDashboard(file.readAll());
    QVERIFY2(imported.ok(), qPrintable(imported.error));

    ProfileSession session(profile);
    DashboardPanel panel;
    panel.resize(1366, 900);
    panel.setSession(&session);
    panel.show();
    session.start();
    session.addDashboard(imported.dashboard);
    panel.reloadDashboardList();
    panel.setCurrentDashboard(imported.dashboard.title);
    QVERIFY(panel.variables());

    // Prometheus needs a few scrapes of node_exporter before node_uname_info exists:
    // until then the variable has no values, and the resolver asks again.
    auto *job = qobject_cast<QComboBox *>(panel.variableBar()->picker(QStringLiteral("job")));
    auto *host = qobject_cast<QComboBox *>(panel.variableBar()->picker(QStringLiteral("node")));
    QVERIFY(job && host);
    const QString instance = QStringLiteral("127.0.0.1:%1").arg(m_demo.ports().nodeExporter);
    QTRY_VERIFY_WITH_TIMEOUT(panel.variables()->selection(QStringLiteral("node")) == QStringList{instance},
                             4 * VariableResolver::retryMs);
    QVERIFY2(panel.variables()->error(QStringLiteral("job")).isEmpty(), qPrintable(panel.variables()->error(QStringLiteral("job"))));
    QCOMPARE(panel.variables()->selection(QStringLiteral("job")), QStringList{QStringLiteral("node")});
    QCOMPARE(panel.variables()->selection(QStringLiteral("node")), QStringList{instance});
    QTRY_COMPARE_WITH_TIMEOUT(host->currentText(), instance, 5000);
    QCOMPARE(job->currentText(), QStringLiteral("node"));

    auto tileTitled = [&](const QString &title) -> StatTile * {
        for (StatTile *t : panel.tiles()) {
            if (t->title() == title)
                return t;
        }
        return nullptr;
    };
    // The host's own numbers: as many cores as this machine has, an uptime, a busy CPU between 0 and 100 %.
    StatTile *cores = tileTitled(QStringLiteral("CPU Cores"));
    StatTile *uptime = tileTitled(QStringLiteral("Uptime"));
    StatTile *ram = tileTitled(QStringLiteral("RAM Used"));
    StatTile *disks = tileTitled(QStringLiteral("Filesystems used"));
    QVERIFY(cores && uptime && ram && disks);
    QTRY_COMPARE_WITH_TIMEOUT(cores->itemCount(), 1, 30000);
    QCOMPARE(cores->valueText(0), QString::number(QThread::idealThreadCount()));
    QTRY_COMPARE_WITH_TIMEOUT(uptime->itemCount(), 1, 30000);
    QVERIFY2(uptime->valueText(0) != u"N/A", qPrintable(uptime->valueText(0)));
    QTRY_COMPARE_WITH_TIMEOUT(ram->itemCount(), 1, 30000);
    QVERIFY2(ram->valueText(0).endsWith(QLatin1String(" %")), qPrintable(ram->valueText(0)));
    QTRY_VERIFY_WITH_TIMEOUT(disks->itemCount() >= 1, 30000);

    // The charts: memory has its two lines, the title says which host.
    TimeSeriesChart *memory = nullptr;
    for (TimeSeriesChart *c : panel.charts()) {
        if (c->chart()->title().startsWith(QLatin1String("Memory Basic")))
            memory = c;
    }
    QVERIFY(memory);
    QCOMPARE(memory->chart()->title(), QStringLiteral("Memory Basic on %1").arg(instance));
    QTRY_COMPARE_WITH_TIMEOUT(memory->lineCount(), 2, 30000);
    QVERIFY(memory->hasPoints());
    QVERIFY(memory->emptyText().isEmpty());
    QVERIFY(memory->noticeText().isEmpty());
}

QTEST_MAIN(TestGrafanaIntegration)
#include "tst_grafana_integration.moc"
