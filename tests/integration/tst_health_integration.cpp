// End to end: the real demo environment (demo services, Prometheus,
// Alertmanager, PostgreSQL) on its own ports, checked through opsdeck-cli.

#include "demo_environment.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestHealthIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void allDemoServicesHealthy();
    void injectedFaultsAreReported();
    void configErrorsExitWithTwo();
    void consoleOpensOnDemoProfile();

private:
    CliRun cli(const QStringList &args);
    QJsonObject serviceIn(const QJsonArray &array, const QString &name);

    testsupport::DemoEnvironment m_demo{QStringLiteral(OPSDECK_SOURCE_DIR), QStringLiteral(OPSDECK_DEMO_BIN_DIR), true};
};

CliRun TestHealthIntegration::cli(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(m_demo.environment());
    p.start(QStringLiteral(OPSDECK_CLI), args);
    CliRun run;
    if (!p.waitForFinished(60000))
        return run;
    run.exitCode = p.exitCode();
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

QJsonObject TestHealthIntegration::serviceIn(const QJsonArray &array, const QString &name)
{
    for (const QJsonValue &v : array) {
        if (v.toObject().value(QStringLiteral("service")).toString() == name)
            return v.toObject();
    }
    return {};
}

void TestHealthIntegration::initTestCase()
{
    QVERIFY2(m_demo.start(), "the demo environment did not start");
}

void TestHealthIntegration::cleanupTestCase()
{
}

void TestHealthIntegration::allDemoServicesHealthy()
{
    const QString config = m_demo.configPath();
    const CliRun run = cli({QStringLiteral("health"), QStringLiteral("--json"), QStringLiteral("--config"), config});
    QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
    const QJsonArray array = QJsonDocument::fromJson(run.out).array();
    QCOMPARE(array.size(), 3);
    const QStringList expectedVersions = {QStringLiteral("1.4.2"), QStringLiteral("2.7.0"), QString()};
    const QStringList names = {QStringLiteral("api-gateway"), QStringLiteral("trading-engine"), QStringLiteral("market-data")};
    for (int i = 0; i < names.size(); ++i) {
        const QJsonObject s = array.at(i).toObject();
        QCOMPARE(s.value(QStringLiteral("service")).toString(), names[i]);
        QCOMPARE(s.value(QStringLiteral("status")).toString(), QStringLiteral("healthy"));
        QVERIFY(s.value(QStringLiteral("latency_ms")).toInt() >= 1);
        QVERIFY(!s.value(QStringLiteral("components")).toArray().isEmpty());
        QCOMPARE(s.value(QStringLiteral("version")).toString(), expectedVersions[i]);
    }
    // Plain text too, for people.
    const CliRun text = cli({QStringLiteral("health"), QStringLiteral("--config"), config});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("api-gateway"));
}

void TestHealthIntegration::injectedFaultsAreReported()
{
    QVERIFY(m_demo.fault(QStringLiteral("trading-engine"), QStringLiteral("unhealthy")));
    QVERIFY(m_demo.fault(QStringLiteral("market-data"), QStringLiteral("down")));
    QVERIFY(m_demo.fault(QStringLiteral("api-gateway"), QStringLiteral("degraded")));
    QTest::qWait(1500);  // the services read their fault file every 250 ms

    const QString config = m_demo.configPath();
    const CliRun run = cli({QStringLiteral("health"), QStringLiteral("--json"), QStringLiteral("--config"), config});
    QCOMPARE(run.exitCode, 1);
    const QJsonArray array = QJsonDocument::fromJson(run.out).array();
    const QJsonObject trading = serviceIn(array, QStringLiteral("trading-engine"));
    QCOMPARE(trading.value(QStringLiteral("status")).toString(), QStringLiteral("down"));
    QVERIFY2(trading.value(QStringLiteral("reason")).toString().contains(QLatin1String("503")),
             qPrintable(trading.value(QStringLiteral("reason")).toString()));
    const QJsonObject market = serviceIn(array, QStringLiteral("market-data"));
    QCOMPARE(market.value(QStringLiteral("status")).toString(), QStringLiteral("unreachable"));
    const QJsonObject gateway = serviceIn(array, QStringLiteral("api-gateway"));
    QCOMPARE(gateway.value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    QVERIFY(gateway.value(QStringLiteral("reason")).toString().contains(QLatin1String("redis: timeout")));

    // Recovery is seen too.
    for (const char *name : {"trading-engine", "market-data", "api-gateway"})
        QVERIFY(m_demo.fault(QString::fromLatin1(name), QStringLiteral("none")));
    QTest::qWait(1500);
    QCOMPARE(cli({QStringLiteral("health"), QStringLiteral("--config"), config}).exitCode, 0);
}

void TestHealthIntegration::configErrorsExitWithTwo()
{
    const CliRun missing = cli({QStringLiteral("health"), QStringLiteral("--config"), m_demo.statePath(QStringLiteral("none.json"))});
    QCOMPARE(missing.exitCode, 2);
    // A missing file says how to write one, not only that it is missing.
    QVERIFY2(missing.err.contains("none.json: no configuration yet") && missing.err.contains("opsdeck-cli config init"),
             missing.err.constData());
    const CliRun badProfile = cli({QStringLiteral("health"), QStringLiteral("--config"),
                                   m_demo.configPath(), QStringLiteral("--profile"),
                                   QStringLiteral("nope")});
    QCOMPARE(badProfile.exitCode, 2);
    QVERIFY(badProfile.err.contains("no profile named \"nope\""));
    QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
}

void TestHealthIntegration::consoleOpensOnDemoProfile()
{
    // The real binary on the offscreen platform, on the generated demo profile,
    // with its settings kept in the test's own folder.
    QProcess p;
    auto env = m_demo.environment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_demo.statePath(QStringLiteral("xdg-config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_demo.statePath(QStringLiteral("xdg-data")));
    p.setProcessEnvironment(env);
    const QString shot = m_demo.statePath(QStringLiteral("console.png"));
    const QString state = m_demo.statePath(QStringLiteral("console-state.json"));
    p.start(QStringLiteral(OPSDECK_GUI), {QStringLiteral("--config"), m_demo.configPath(),
                                          QStringLiteral("--profile"), QStringLiteral("demo"),
                                          QStringLiteral("--quit-after"), QStringLiteral("3000"),
                                          QStringLiteral("--screenshot"), shot,
                                          QStringLiteral("--state-report"), state});
    QVERIFY(p.waitForFinished(30000));
    const QByteArray log = p.readAllStandardError();
    QVERIFY2(p.exitCode() == 0, log.constData());
    QImage image(shot);
    QVERIFY2(!image.isNull(), "no screenshot written");
    QVERIFY(image.width() >= 800 && image.height() >= 500);

    // What the window showed: the demo profile, and every demo service and both demo databases
    // (db/app, db/monitoring: their rows come from the Database panel's polls) healthy in the Health panel.
    QFile file(state);
    QVERIFY2(file.open(QIODevice::ReadOnly), "no state report written");
    const QJsonObject shown = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(shown.value(QStringLiteral("profile")).toString(), QStringLiteral("demo"));
    const QJsonArray health = shown.value(QStringLiteral("health")).toArray();
    QCOMPARE(health.size(), 5);
    for (const QJsonValue &v : health) {
        const QJsonObject s = v.toObject();
        QVERIFY2(s.value(QStringLiteral("status")).toString() == u"healthy",
                 qPrintable(s.value(QStringLiteral("service")).toString() + QLatin1String(": ") + s.value(QStringLiteral("status")).toString()));
        QVERIFY(!s.value(QStringLiteral("stale")).toBool());
    }
}

QTEST_GUILESS_MAIN(TestHealthIntegration)
#include "tst_health_integration.moc"
