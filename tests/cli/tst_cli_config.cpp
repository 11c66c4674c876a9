// opsdeck-cli config init / validate / show, against the real demo environment's
// Prometheus (its scrape targets are what init proposes).

#include "cli_run.h"
#include "demo_environment.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initFromPrometheusWritesTheServices();
    void initRefusesATakenNameAndABrokenFile();
    void validateNamesLineAndField();
    void showMasksSecrets();
    void missingConfigurationSaysHowToStart();

private:
    testsupport::CliRun cli(const QString &config) const
    {
        return {QStringLiteral(OPSDECK_CLI), config, m_dir.filePath(QStringLiteral("audit.jsonl"))};
    }
    void write(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }

    testsupport::DemoEnvironment m_demo{QStringLiteral(OPSDECK_SOURCE_DIR), QStringLiteral(OPSDECK_DEMO_BIN_DIR), false};
    QTemporaryDir m_dir;
};

void TestCliConfig::initTestCase()
{
    QVERIFY2(m_demo.start(), "the demo environment did not start");
}

void TestCliConfig::initFromPrometheusWritesTheServices()
{
    const QString config = m_dir.filePath(QStringLiteral("init/config.json"));
    QByteArray out, err;
    // A Prometheus just started knows its targets after its first pass over the scrape configs.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QFile::remove(config);
            return cli(config)({QStringLiteral("config"), QStringLiteral("init"), QStringLiteral("--from-prometheus"), m_demo.prometheusUrl()},
                               &out, &err, QStringLiteral("demo-copy")) == 0
                && out.contains("found 6 targets");
        }(),
        30000);
    QVERIFY2(out.contains("services (a health endpoint answered): api-gateway, market-data, trading-engine"), out.constData());
    QVERIFY2(out.contains("left out (no /health, /health/live or /health/ready): alertmanager, node, prometheus"), out.constData());
    QVERIFY2(out.contains("wrote profile \"demo-copy\""), out.constData());

    QFile f(config);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject profile = QJsonDocument::fromJson(f.readAll()).object()[u"profiles"].toArray()[0].toObject();
    QCOMPARE(profile[u"name"].toString(), QStringLiteral("demo-copy"));
    QCOMPARE(profile[u"services"].toArray().size(), 3);
    QCOMPARE(profile[u"prometheus"].toObject()[u"url"].toString(), m_demo.prometheusUrl());
    QCOMPARE(profile[u"alertmanagers"].toArray()[0].toObject()[u"urls"].toArray()[0].toString(),
             QStringLiteral("http://127.0.0.1:%1").arg(m_demo.ports().alertmanager));

    // What init wrote is what the rest of the CLI reads: every service healthy.
    QCOMPARE(cli(config)({QStringLiteral("health")}, &out, &err, QStringLiteral("demo-copy")), 0);
    for (const char *service : {"api-gateway", "market-data", "trading-engine"})
        QVERIFY2(out.contains(service), out.constData());

    // A second profile goes beside the first, which stays as it was.
    QCOMPARE(cli(config)({QStringLiteral("config"), QStringLiteral("init")}, &out, &err, QStringLiteral("empty")), 0);
    QCOMPARE(cli(config)({QStringLiteral("config"), QStringLiteral("validate")}, &out, &err), 0);
    QVERIFY2(out.contains("ok, 2 profiles (demo-copy, empty)"), out.constData());
    QVERIFY(QFile::exists(config + QStringLiteral(".bak")));

    // A Prometheus that is not there: a message, exit 1, nothing written.
    const QString other = m_dir.filePath(QStringLiteral("init/none.json"));
    QCOMPARE(cli(other)({QStringLiteral("config"), QStringLiteral("init"), QStringLiteral("--from-prometheus"), QStringLiteral("http://127.0.0.1:9")},
                        &out, &err), 1);
    QVERIFY2(err.contains("127.0.0.1:9"), err.constData());
    QVERIFY(!QFile::exists(other));
}

void TestCliConfig::initRefusesATakenNameAndABrokenFile()
{
    const QString config = m_dir.filePath(QStringLiteral("taken.json"));
    write(config, R"json({"profiles":[{"name":"default","x-mine":true}]})json");
    QByteArray out, err;
    QCOMPARE(cli(config)({QStringLiteral("config"), QStringLiteral("init")}, &out, &err), 2);
    QVERIFY2(err.contains("a profile named \"default\" exists"), err.constData());

    const QByteArray broken = "{\"profiles\": [ {\"name\": 1} ]}";
    write(config, broken);
    QCOMPARE(cli(config)({QStringLiteral("config"), QStringLiteral("init")}, &out, &err, QStringLiteral("x")), 2);
    QVERIFY2(err.contains("has errors; it is left as it is"), err.constData());
    QFile f(config);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), broken);
}

void TestCliConfig::validateNamesLineAndField()
{
    const QString config = m_dir.filePath(QStringLiteral("validate.json"));
    write(config, "{\n  \"profiles\": [\n    { \"name\": \"prod\",\n      \"databases\": [ { \"name\": \"app\", \"dbname\": \"app\",\n"
                  "        \"user\": \"ops\", \"port\": 99999 } ] }\n  ]\n}\n");
    QByteArray out, err;
    // The file as an argument, or --config: both are read.
    QCOMPARE(cli(m_dir.filePath(QStringLiteral("elsewhere.json")))({QStringLiteral("config"), QStringLiteral("validate"), config}, &out, &err), 1);
    QVERIFY2(err.contains(QStringLiteral("error: %1:5: profiles[0].databases[0].port: must be between 1 and 65535").arg(config).toUtf8()),
             err.constData());
    QCOMPARE(cli(m_dir.filePath(QStringLiteral("nothing.json")))({QStringLiteral("config"), QStringLiteral("validate")}, &out, &err), 1);
    QVERIFY2(err.contains("no such file"), err.constData());
}

void TestCliConfig::showMasksSecrets()
{
    const QString config = m_dir.filePath(QStringLiteral("show.json"));
    write(config, R"json({"profiles":[{"name":"prod","databases":[{"name":"d","dbname":"d","user":"u","password":{"env":"PROD_PW"}}]},
                                     {"name":"staging"}]})json");
    QByteArray out, err;
    QCOMPARE(cli(config)({QStringLiteral("config"), QStringLiteral("show")}, &out, &err, QStringLiteral("prod")), 0);
    QVERIFY2(out.contains("PROD_PW") && !out.contains("staging"), out.constData());
    QVERIFY(QJsonDocument::fromJson(out).isObject());
}

void TestCliConfig::missingConfigurationSaysHowToStart()
{
    QByteArray out, err;
    QCOMPARE(cli(m_dir.filePath(QStringLiteral("absent.json")))({QStringLiteral("health")}, &out, &err), 2);
    QVERIFY2(err.contains("no configuration yet") && err.contains("opsdeck-cli config init"), err.constData());
    // It points at a page that is there: the clone's docs here, the package's once installed.
    const qsizetype at = err.indexOf("the format: ");
    QVERIFY2(at > 0, err.constData());
    const QString page = QString::fromUtf8(err.mid(at + 12)).section(u')', 0, 0);
    QVERIFY2(QFile::exists(page), qPrintable(page));
}

QTEST_GUILESS_MAIN(TestCliConfig)
#include "tst_cli_config.moc"
