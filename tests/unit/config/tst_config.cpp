#include "config/config.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

namespace {

ConfigLoadResult parse(const char *json)
{
    return parseConfig(QByteArray(json), QStringLiteral("test.json"));
}

bool anyContains(const QStringList &list, const QString &needle)
{
    for (const QString &s : list) {
        if (s.contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsTheArchitectureExample();
    void operatorDefaultsToOsUser();
    void readsKubernetesNamespaces();
    void errorsNameFileFieldAndReason_data();
    void errorsNameFileFieldAndReason();
    void errorsNameTheLine();
    void reportsUnknownKeysWithoutFailing();
    void collectsEveryErrorAtOnce();
    void readsEndpointSecurity();
    void loadsFromFileAndNamesMissingFile();
    void readsDashboards();
    void readsGrafanaExportsNamedByTheProfile();
    void demoProfileExampleInDocsIsValid();
};

void TestConfig::loadsTheArchitectureExample()
{
    const auto r = parse(R"({
      "profiles": [{
        "name": "demo", "read_only": false, "operator": "alice",
        "services": [{ "name": "api-gateway", "metrics_url": "http://127.0.0.1:18080/metrics",
                       "health_url": "http://127.0.0.1:18080/health", "interval_s": 5 }],
        "prometheus": { "url": "http://127.0.0.1:19090" },
        "alertmanagers": [ { "name": "main", "urls": ["http://127.0.0.1:19093"] } ],
        "databases": [{ "name": "app", "host": "127.0.0.1", "port": 15432, "dbname": "app", "user": "ops",
                        "password": { "env": "OPSDECK_APP_PASSWORD" } }],
        "backups": { "directory": "/var/backups/opsdeck", "keep_days": 30, "keep_min": 3 }
      }]})");
    QVERIFY2(r.ok(), qPrintable(r.errors.join(u'\n')));
    QVERIFY(r.warnings.isEmpty());
    const Profile *p = r.config->profile(QString());
    QVERIFY(p);
    QCOMPARE(p->name, QStringLiteral("demo"));
    QCOMPARE(p->operatorName, QStringLiteral("alice"));
    QCOMPARE(p->services.size(), 1);
    QCOMPARE(p->services[0].intervalS, 5);
    QCOMPARE(p->services[0].timeoutS, 5);
    QCOMPARE(p->services[0].healthUrl, QUrl(QStringLiteral("http://127.0.0.1:18080/health")));
    QVERIFY(p->prometheus.has_value());
    QCOMPARE(p->alertmanagers[0].urls.size(), 1);
    QCOMPARE(p->databases[0].port, 15432);
    QCOMPARE(p->databases[0].password.kind, SecretRef::Kind::Env);
    QCOMPARE(p->databases[0].password.key, QStringLiteral("OPSDECK_APP_PASSWORD"));
    QCOMPARE(p->backups->keepMin, 3);
    QCOMPARE(r.config->profile(QStringLiteral("demo")), p);
    QCOMPARE(r.config->profile(QStringLiteral("nope")), nullptr);
}

void TestConfig::operatorDefaultsToOsUser()
{
    const auto r = parse(R"({"profiles":[{"name":"x"}]})");
    QVERIFY(r.ok());
    QCOMPARE(r.config->profiles[0].operatorName, osUserName());
}

void TestConfig::readsKubernetesNamespaces()
{
    auto r = parse(R"({"profiles":[{"name":"x","kubernetes":{"kubeconfig":"~/.kube/prod","context":"prod","namespaces":["shop","billing"]}}]})");
    QVERIFY(r.ok());
    QCOMPARE(r.config->profiles[0].kubernetes->namespaces, (QStringList{QStringLiteral("shop"), QStringLiteral("billing")}));
    QCOMPARE(r.config->profiles[0].kubernetes->context, QStringLiteral("prod"));
    // "namespace": the one-namespace shorthand.
    r = parse(R"({"profiles":[{"name":"x","kubernetes":{"namespace":"shop"}}]})");
    QVERIFY(r.ok());
    QCOMPARE(r.config->profiles[0].kubernetes->namespaces, QStringList{QStringLiteral("shop")});
    r = parse(R"({"profiles":[{"name":"x","kubernetes":{"namespaces":"shop"}}]})");
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.join(u' ').contains(QStringLiteral("profiles[0].kubernetes.namespaces")), qPrintable(r.errors.join(u' ')));
}

void TestConfig::errorsNameFileFieldAndReason_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{\n  \"profiles\": [\n  oops ]}")
                              << QStringLiteral("test.json:3:3: invalid JSON");
    QTest::newRow("top level") << QByteArray("[]") << QStringLiteral("test.json: the top level must be an object");
    QTest::newRow("no profiles") << QByteArray("{}") << QStringLiteral("test.json:1: profiles: required");
    QTest::newRow("missing name") << QByteArray(R"({"profiles":[{}]})")
                                  << QStringLiteral("test.json:1: profiles[0].name: required, missing");
    QTest::newRow("wrong type") << QByteArray(R"({"profiles":[{"name":"a","read_only":"yes"}]})")
                                << QStringLiteral("profiles[0].read_only: must be true or false");
    QTest::newRow("interval range")
        << QByteArray(R"({"profiles":[{"name":"a","services":[{"name":"s","health_url":"http://h/x","interval_s":0}]}]})")
        << QStringLiteral("profiles[0].services[0].interval_s: must be between 1 and 86400, not 0");
    QTest::newRow("bad scheme")
        << QByteArray(R"({"profiles":[{"name":"a","services":[{"name":"s","health_url":"ftp://h/x"}]}]})")
        << QStringLiteral("profiles[0].services[0].health_url: only http and https");
    QTest::newRow("credentials in url")
        << QByteArray(R"({"profiles":[{"name":"a","prometheus":{"url":"http://u:p@h:9090"}}]})")
        << QStringLiteral("profiles[0].prometheus.url: credentials do not belong in a URL");
    QTest::newRow("no endpoint")
        << QByteArray(R"({"profiles":[{"name":"a","services":[{"name":"s"}]}]})")
        << QStringLiteral("profiles[0].services[0].health_url: a service needs at least one of");
    QTest::newRow("plain password")
        << QByteArray(R"({"profiles":[{"name":"a","databases":[{"name":"d","dbname":"d","user":"u","password":"hunter2"}]}]})")
        << QStringLiteral("profiles[0].databases[0].password: secrets are never written in the file");
    QTest::newRow("two secret sources")
        << QByteArray(R"({"profiles":[{"name":"a","databases":[{"name":"d","dbname":"d","user":"u","password":{"env":"X","pgpass":true}}]}]})")
        << QStringLiteral("password: give exactly one of");
    QTest::newRow("duplicate service")
        << QByteArray(R"({"profiles":[{"name":"a","services":[{"name":"s","health_url":"http://h/"},{"name":"s","health_url":"http://h/"}]}]})")
        << QStringLiteral("profiles[0].services[1].name: \"s\" is used twice");
    QTest::newRow("duplicate profile") << QByteArray(R"({"profiles":[{"name":"a"},{"name":"a"}]})")
                                       << QStringLiteral("profiles[1].name: \"a\" is used twice");
    QTest::newRow("alertmanager urls") << QByteArray(R"({"profiles":[{"name":"a","alertmanagers":[{"name":"m","urls":[]}]}]})")
                                       << QStringLiteral("profiles[0].alertmanagers[0].urls: required");
    QTest::newRow("sslmode") << QByteArray(R"({"profiles":[{"name":"a","databases":[{"name":"d","dbname":"d","user":"u","sslmode":"always"}]}]})")
                             << QStringLiteral("profiles[0].databases[0].sslmode: must be one of");
    QTest::newRow("logs_table") << QByteArray(R"({"profiles":[{"name":"a","databases":[{"name":"d","dbname":"d","user":"u","logs_table":"logs; DROP TABLE x"}]}]})")
                                << QStringLiteral("profiles[0].databases[0].logs_table: must be a plain table name");
}

void TestConfig::errorsNameFileFieldAndReason()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const auto r = parseConfig(json, QStringLiteral("test.json"));
    QVERIFY(!r.ok());
    QVERIFY2(anyContains(r.errors, expected), qPrintable(r.errors.join(u'\n')));
    for (const QString &e : r.errors)
        QVERIFY2(e.startsWith(QLatin1String("test.json")), qPrintable(e));
}

// The line is the field's (its key's), or for a missing key the line of the object that lacks it.
void TestConfig::errorsNameTheLine()
{
    const QByteArray text = "{\n"
                            "  \"profiles\": [\n"
                            "    { \"name\": \"prod\",\n"
                            "      \"services\": [\n"
                            "        { \"name\": \"api\", \"health_url\": \"http://h/health\",\n"
                            "          \"interval_s\": 0 },\n"
                            "        {\n"
                            "          \"health_url\": \"http://h/other\" }\n"
                            "      ],\n"
                            "      \"colour\": \"#ff0000\", \"color\": \"red\"\n"
                            "    }\n"
                            "  ]\n"
                            "}\n";
    const auto r = parseConfig(text, QStringLiteral("prod.json"));
    QVERIFY(!r.ok());
    QVERIFY2(anyContains(r.errors, QStringLiteral("prod.json:6: profiles[0].services[0].interval_s: must be between")), qPrintable(r.errors.join(u'\n')));
    QVERIFY2(anyContains(r.errors, QStringLiteral("prod.json:7: profiles[0].services[1].name: required")), qPrintable(r.errors.join(u'\n')));
    QVERIFY2(anyContains(r.errors, QStringLiteral("prod.json:10: profiles[0].color: must be a colour")), qPrintable(r.errors.join(u'\n')));
    QVERIFY2(anyContains(r.warnings, QStringLiteral("prod.json:10: profiles[0].colour: unknown key")), qPrintable(r.warnings.join(u'\n')));
}

void TestConfig::reportsUnknownKeysWithoutFailing()
{
    const auto r = parse(R"({"profiles":[{"name":"a","servcies":[],"services":[{"name":"s","health_url":"http://h/","intervall":3}]}],"extra":1})");
    QVERIFY2(r.ok(), qPrintable(r.errors.join(u'\n')));
    QCOMPARE(r.warnings.size(), 3);
    QVERIFY(anyContains(r.warnings, QStringLiteral("test.json:1: profiles[0].servcies: unknown key")));
    QVERIFY(anyContains(r.warnings, QStringLiteral("profiles[0].services[0].intervall: unknown key")));
    QVERIFY(anyContains(r.warnings, QStringLiteral("test.json:1: extra: unknown key")));
}

void TestConfig::collectsEveryErrorAtOnce()
{
    const auto r = parse(R"({"profiles":[{"services":[{"name":"s","health_url":"gopher://x"}],"read_only":1}]})");
    QCOMPARE(r.errors.size(), 3);
}

void TestConfig::readsEndpointSecurity()
{
    const auto r = parse(R"({"profiles":[{"name":"a","services":[{"name":"s","health_url":"https://h/",
        "ca_file":"/etc/ca.pem","insecure_skip_verify":true,"auth":{"bearer":{"env":"TOKEN"}}}]}]})");
    QVERIFY2(r.ok(), qPrintable(r.errors.join(u'\n')));
    const auto &sec = r.config->profiles[0].services[0].security;
    QCOMPARE(sec.caFile, QStringLiteral("/etc/ca.pem"));
    QVERIFY(sec.insecure);
    QCOMPARE(sec.bearerToken.kind, SecretRef::Kind::Env);
}

void TestConfig::loadsFromFileAndNamesMissingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"profiles":[{"name":"p"}]})");
    f.close();
    QVERIFY(loadConfigFile(path).ok());
    const auto missing = loadConfigFile(dir.filePath(QStringLiteral("none.json")));
    QVERIFY(!missing.ok());
    QVERIFY(missing.errors.first().contains(QLatin1String("none.json: cannot read")));
}

void TestConfig::demoProfileExampleInDocsIsValid()
{
    const QString path = QStringLiteral(OPSDECK_SOURCE_DIR "/docs/examples/config.json");
    const auto r = loadConfigFile(path);
    QVERIFY2(r.ok(), qPrintable(r.errors.join(u'\n')));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
}

void TestConfig::readsDashboards()
{
    const auto r = loadConfigFile(QStringLiteral(OPSDECK_SOURCE_DIR "/docs/examples/config.json"));
    QVERIFY(r.ok());
    const Profile &p = r.config->profiles.first();
    QCOMPARE(p.dashboards.size(), 1);
    const DashboardSpec &d = p.dashboards.first();
    QCOMPARE(d.panels.size(), 2);
    const LocalQuery &q = d.panels[0].queries[0].query;
    QCOMPARE(q.kind, LocalQuery::Kind::Quantile);
    QCOMPARE(q.quantile, 0.99);
    QCOMPARE(q.scale, 1000.0);
    QCOMPARE(q.by, std::vector<std::string>{"service"});
    QVERIFY(q.matchers[0].matches({{"service", "trading-engine"}}));
    QVERIFY(!q.matchers[0].matches({{"service", "market-data"}}));
    QCOMPARE(d.panels[0].thresholds[0].value, 250.0);
    QCOMPARE(d.panels[1].queries[0].query.kind, LocalQuery::Kind::Ratio);
}

void TestConfig::readsGrafanaExportsNamedByTheProfile()
{
    // A Grafana export beside the configuration, named by a relative path; a missing one is an error.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::copy(QStringLiteral(OPSDECK_SOURCE_DIR "/demo/grafana/host.json"), dir.filePath(QStringLiteral("host.json"))));
    QFile config(dir.filePath(QStringLiteral("opsdeck.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"profiles":[{"name":"p","dashboards":[{"grafana":"host.json"},{"grafana":"host.json","title":"Hosts"}]}]})");
    config.close();
    const auto loaded = loadConfigFile(config.fileName());
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    const QList<DashboardSpec> &dashboards = loaded.config->profiles.first().dashboards;
    QCOMPARE(dashboards.size(), 2);
    QCOMPARE(dashboards[0].title, QStringLiteral("Host (node_exporter)"));
    QCOMPARE(dashboards[1].title, QStringLiteral("Hosts"));
    QVERIFY(!dashboards[0].variables.isEmpty());
    // What the import left out is said, as a warning naming the file and field.
    QVERIFY2(!loaded.warnings.filter(QStringLiteral("dashboards[0].grafana: not imported: About")).isEmpty(), qPrintable(loaded.warnings.join(u'\n')));

    const auto missing = parseConfig(R"({"profiles":[{"name":"p","dashboards":[{"grafana":"nowhere.json"}]}]})", dir.filePath(QStringLiteral("x.json")));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.errors.first().contains(QLatin1String("dashboards[0].grafana")) && missing.errors.first().contains(QLatin1String("nowhere.json")),
             qPrintable(missing.errors.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
