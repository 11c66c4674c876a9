// Canary secrets in every place a secret can live (a bearer token, a basic
// password, a database password, a token in a URL's query), used for real by
// the console and the command line at --log-level debug; then every line they
// wrote (stdout, stderr, log files), and the audit log, is searched for them.
// "Nothing leaks" must hold while the log says what happened, not because it
// says nothing.

#include "local_http_server.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <mutex>

using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

namespace {

constexpr const char *bearerCanary = "CANARY-bearer-7f3a9c";
constexpr const char *basicCanary = "CANARY-basic-51e0d2";
constexpr const char *alertmanagerCanary = "CANARY-am-c4b7e1";
constexpr const char *databaseCanary = "CANARY-db-9d2f60";
constexpr const char *urlCanary = "CANARY-url-2a8b4e";

} // namespace

class TestSecretsStaySecret : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void consoleAndCliLogWithoutSecrets();

private:
    QProcessEnvironment environment() const;
    QByteArray run(const QString &program, const QStringList &args, int timeoutMs = 30000);
    QByteArray everyFileUnder(const QString &path) const;

    LocalHttpServer m_server;
    QTemporaryDir m_dir;
    QString m_config;
    std::mutex m_mutex;
    QByteArray m_seenHeaders;  // what the server was really sent, to prove the secrets were used
};

void TestSecretsStaySecret::initTestCase()
{
    auto remember = [this](const RecordedRequest &r) {
        std::lock_guard lock(m_mutex);
        for (const auto &[name, value] : r.headers)
            m_seenHeaders += QByteArray::fromStdString(name + ": " + value + "\n");
        m_seenHeaders += QByteArray::fromStdString(r.target + "\n");
    };
    m_server.route("/health", [remember](Connection &c, const RecordedRequest &r) {
        remember(r);
        c.respond(200, "application/json", R"({"status":"healthy","version":"1.4.2"})");
    });
    m_server.route("/metrics", [remember](Connection &c, const RecordedRequest &r) {
        remember(r);
        c.respond(200, "text/plain; version=0.0.4", "# TYPE up gauge\nup 1\n");
    });
    m_server.route("/api/v2/alerts/groups", [remember](Connection &c, const RecordedRequest &r) {
        remember(r);
        c.respond(200, "application/json", "[]");
    });
    m_server.route("/api/v2/silences", [remember](Connection &c, const RecordedRequest &r) {
        remember(r);
        c.respond(200, "application/json", r.method == "POST" ? R"({"silenceID":"canary-silence"})" : "[]");
    });

    const QString base = QString::fromStdString(m_server.url(""));
    m_config = m_dir.filePath(QStringLiteral("config.json"));
    QFile config(m_config);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral(R"({"profiles":[{"name":"canary","operator":"alice",
        "services":[{"name":"api","interval_s":1,
            "health_url":"%1/health","auth":{"bearer":{"env":"OPSDECK_CANARY_BEARER"}}},
          {"name":"scraped","interval_s":1,"metrics_url":"%1/metrics?access_token=%2",
            "auth":{"user":"ops","password":{"env":"OPSDECK_CANARY_BASIC"}}}],
        "alertmanagers":[{"name":"main","urls":["%1"],"auth":{"bearer":{"env":"OPSDECK_CANARY_AM"}}}],
        "databases":[{"name":"monitoring","host":"127.0.0.1","port":%3,"dbname":"monitoring","user":"ops",
            "password":{"env":"OPSDECK_CANARY_DB"},"alerts_table":"alerts"}]}]})")
                     .arg(base, QLatin1String(urlCanary))
                     .arg(LocalHttpServer::unusedPort())
                     .toUtf8());
}

QProcessEnvironment TestSecretsStaySecret::environment() const
{
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPSDECK_CANARY_BEARER"), QLatin1String(bearerCanary));
    env.insert(QStringLiteral("OPSDECK_CANARY_BASIC"), QLatin1String(basicCanary));
    env.insert(QStringLiteral("OPSDECK_CANARY_AM"), QLatin1String(alertmanagerCanary));
    env.insert(QStringLiteral("OPSDECK_CANARY_DB"), QLatin1String(databaseCanary));
    env.insert(QStringLiteral("OPSDECK_AUDIT_LOG"), m_dir.filePath(QStringLiteral("audit.jsonl")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

QByteArray TestSecretsStaySecret::run(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    return p.readAllStandardOutput() + p.readAllStandardError();
}

QByteArray TestSecretsStaySecret::everyFileUnder(const QString &path) const
{
    QByteArray all;
    QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.fileName().endsWith(QLatin1String("config.json")))
            continue;  // the configuration names the variables, and the URL token is in it by design
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

void TestSecretsStaySecret::consoleAndCliLogWithoutSecrets()
{
    QByteArray output;
    output += run(QStringLiteral(OPSDECK_GUI), {QStringLiteral("--config"), m_config, QStringLiteral("--log-level"),
                                                QStringLiteral("debug"), QStringLiteral("--quit-after"), QStringLiteral("4000")});
    const QStringList common{QStringLiteral("--config"), m_config, QStringLiteral("--log-level"), QStringLiteral("debug")};
    output += run(QStringLiteral(OPSDECK_CLI), QStringList{QStringLiteral("health"), QStringLiteral("--json")} + common);
    output += run(QStringLiteral(OPSDECK_CLI), QStringList{QStringLiteral("alerts"), QStringLiteral("list")} + common);
    output += run(QStringLiteral(OPSDECK_CLI), QStringList{QStringLiteral("alerts"), QStringLiteral("ack"), QStringLiteral("--match"),
                                                           QStringLiteral(R"(alertname="Canary")"), QStringLiteral("--comment"),
                                                           QStringLiteral("ACK: checking the log")} + common);
    output += run(QStringLiteral(OPSDECK_CLI), QStringList{QStringLiteral("metrics"), QStringLiteral("scrape"),
                                                           QString::fromStdString(m_server.url("/metrics?access_token=")) + QLatin1String(urlCanary)}
                                                   + common);
    const QByteArray files = everyFileUnder(m_dir.path());

    // The secrets were really used: each reached the server (the database's was offered to libpq).
    {
        std::lock_guard lock(m_mutex);
        QVERIFY2(m_seenHeaders.contains(QByteArray(QByteArray("Bearer ") + bearerCanary)), m_seenHeaders.constData());
        QVERIFY(m_seenHeaders.contains(QByteArray(QByteArray("Bearer ") + alertmanagerCanary)));
        QVERIFY(m_seenHeaders.contains("authorization: Basic "));
        QVERIFY(m_seenHeaders.contains(urlCanary));
    }
    // The log said what happened: requests, the database's failed connection and its backoff, the ack.
    const QByteArray said = output + files;
    QVERIFY2(said.contains("HTTP GET ") && said.contains("/health -> 200"), said.left(4000).constData());
    QVERIFY(said.contains("access_token=REDACTED"));
    QVERIFY(said.contains("database monitoring"));
    QVERIFY(said.contains("next attempt in"));
    QVERIFY(files.contains("\"action\""));  // the audit log has the acknowledgement

    // And nowhere a secret.
    for (const char *canary : {bearerCanary, basicCanary, alertmanagerCanary, databaseCanary, urlCanary}) {
        const qsizetype at = said.indexOf(canary);
        QVERIFY2(at < 0, qPrintable(QStringLiteral("%1 leaked: …%2…").arg(QLatin1String(canary),
                                                                           QString::fromUtf8(said.mid(std::max<qsizetype>(0, at - 200), 300)))));
    }
}

QTEST_GUILESS_MAIN(TestSecretsStaySecret)
#include "tst_secrets_stay_secret.moc"
