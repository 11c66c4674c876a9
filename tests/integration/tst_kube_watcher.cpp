// KubeWatcher against the fake API server (tests/support/fake_kube_apiserver.h;
// no real API server runs here): rows from a list, then from the watch; a
// new revision is a DeployChange; paged lists; a dropped stream resumed from
// the last version (bookmarks included) without a new list; a 410 Gone
// answered with a list that also drops what went away meanwhile; an exec
// plugin's token that expires mid-watch, and one the server stops taking (401);
// the cluster's CA inline or on disk, client certificates, insecure-skip-tls-verify,
// a wrong CA and missing credentials, each said plainly.

#include "kube/kube_watcher.h"
#include "kube_test_cluster.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace opsdeck;
using namespace std::chrono_literals;

class TestKubeWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsThenFollowsTheWatch();
    void listsInPages();
    void resumesADroppedStreamFromTheLastVersion();
    void relistsAfterGone();
    void execPluginTokenExpiresMidWatch();
    void clientCertificatesInlineAndOnDisk();
    void insecureSkipVerifyIsSaid();
    void tlsServerNameIsHonoured();
    void wrongCaAndMissingCredentialsAreSaid();

private:
    std::unique_ptr<KubeWatcher> watcher(const QStringList &namespaces, QString *error);
    static const Deployment *row(const KubeWatcher &w, const QString &name);
    static bool waitFor(const std::function<bool()> &condition, int timeoutMs = 15000);

    std::unique_ptr<testsupport::KubeTestCluster> m_cluster;
    HttpClient m_http;
    std::unique_ptr<KubeApi> m_api;
};

bool TestKubeWatcher::waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(20);
    }
    return true;
}

const Deployment *TestKubeWatcher::row(const KubeWatcher &w, const QString &name)
{
    for (const Deployment &d : w.snapshot().deployments) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

std::unique_ptr<KubeWatcher> TestKubeWatcher::watcher(const QStringList &namespaces, QString *error)
{
    const auto target = m_cluster->target(error);
    if (!target)
        return nullptr;
    m_api = std::make_unique<KubeApi>(&m_http, *target);
    auto w = std::make_unique<KubeWatcher>(m_api.get(), QStringLiteral("prod"), namespaces);
    w->start();
    return w;
}

void TestKubeWatcher::initTestCase()
{
    qRegisterMetaType<DeployChange>();
    m_cluster = std::make_unique<testsupport::KubeTestCluster>();
    QVERIFY2(m_cluster->ok(), qPrintable(m_cluster->error()));
    auto &server = m_cluster->server();
    server.addDeployment("shop", "api", "registry.example/shop/api:1.4.2", 3);
    server.addDeployment("shop", "worker", "registry.example/shop/worker:2.0.1", 2);
    server.addDeployment("billing", "ledger", "registry.example/billing/ledger:0.9.0", 1);
}

void TestKubeWatcher::listsThenFollowsTheWatch()
{
    QString error;
    auto w = watcher({QStringLiteral("shop")}, &error);
    QVERIFY2(w, qPrintable(error));
    QVERIFY(waitFor([&] { return w->settled(); }));
    QCOMPARE(w->snapshot().connection, KubeSnapshot::Connection::Live);
    QCOMPARE(w->snapshot().deployments.size(), 2);  // billing is not watched
    const Deployment *api = row(*w, QStringLiteral("shop/api"));
    QVERIFY(api);
    QCOMPARE(api->source, QStringLiteral("kubernetes"));
    QCOMPARE(api->version, QStringLiteral("1.4.2"));
    QCOMPARE(api->desired, 3);
    QCOMPARE(api->healthy, 3);
    QCOMPARE(api->revision, 1);
    QCOMPARE(api->status, DeploymentStatus::Running);

    // A deploy from elsewhere: the rolling row, then the finished one, and one DeployChange.
    QSignalSpy changes(w.get(), &KubeWatcher::deployChanged);
    m_cluster->server().setRolloutDelayMs(600);
    m_cluster->server().setImage("shop", "api", "registry.example/shop/api:1.4.3");
    QVERIFY(waitFor([&] { const Deployment *d = row(*w, QStringLiteral("shop/api")); return d && d->status == DeploymentStatus::Rolling; }));
    QVERIFY2(row(*w, QStringLiteral("shop/api"))->reason.contains(QStringLiteral("0 out of 3 new replicas have been updated")),
             qPrintable(row(*w, QStringLiteral("shop/api"))->reason));
    QVERIFY(waitFor([&] { const Deployment *d = row(*w, QStringLiteral("shop/api")); return d && d->status == DeploymentStatus::Running; }));
    m_cluster->server().setRolloutDelayMs(0);
    api = row(*w, QStringLiteral("shop/api"));
    QCOMPARE(api->version, QStringLiteral("1.4.3"));
    QCOMPARE(api->revision, 2);
    QCOMPARE(changes.size(), 1);
    const auto change = changes.first().first().value<DeployChange>();
    QCOMPARE(change.kind, DeployChange::Kind::Deploy);
    QCOMPARE(change.fromImage, QStringLiteral("registry.example/shop/api:1.4.2"));
    QCOMPARE(change.toImage, QStringLiteral("registry.example/shop/api:1.4.3"));
    // Its revisions, from its ReplicaSets, with the template's diff.
    QVERIFY(waitFor([&] { return w->revisions(QStringLiteral("shop/api")).size() == 2; }));
    const auto revisions = w->revisions(QStringLiteral("shop/api"));
    QCOMPARE(revisions[0].revision, 1);
    QVERIFY(revisions[1].current);
    bool imageLineChanged = false;
    for (const TemplateDiffLine &line : templateDiff(revisions[0].podTemplate, revisions[1].podTemplate)) {
        if (line.kind == TemplateDiffLine::Kind::Added && line.text.contains(QStringLiteral("image: registry.example/shop/api:1.4.3")))
            imageLineChanged = true;
        QVERIFY2(!line.text.contains(QStringLiteral("pod-template-hash")), qPrintable(line.text));
    }
    QVERIFY(imageLineChanged);

    // Deleted: the row goes.
    m_cluster->server().addDeployment("shop", "temp", "registry.example/shop/temp:1", 1);
    QVERIFY(waitFor([&] { return row(*w, QStringLiteral("shop/temp")) != nullptr; }));
    m_cluster->server().deleteDeployment("shop", "temp");
    QVERIFY(waitFor([&] { return row(*w, QStringLiteral("shop/temp")) == nullptr; }));
    // No list since the first ones: everything came from the watch.
    QCOMPARE(w->listsMade(), 2);
}

void TestKubeWatcher::listsInPages()
{
    for (int i = 0; i < 1100; ++i)
        m_cluster->server().addDeployment("bulk", "svc-" + std::to_string(i), "registry.example/bulk:1", 1);
    QString error;
    auto w = watcher({QStringLiteral("bulk")}, &error);
    QVERIFY2(w, qPrintable(error));
    QVERIFY(waitFor([&] { return w->settled(); }, 30000));
    QCOMPARE(w->snapshot().deployments.size(), 1100);
    // Deployments in three pages of at most 500 (with the continue token), ReplicaSets in three more.
    int pages = 0;
    for (const auto &r : m_cluster->server().requests()) {
        if (r.method == "GET" && r.path == "/apis/apps/v1/namespaces/bulk/deployments" && !r.has("watch", "1")) {
            QVERIFY(r.has("limit", "500"));
            ++pages;
        }
    }
    QCOMPARE(pages, 3);
}

void TestKubeWatcher::resumesADroppedStreamFromTheLastVersion()
{
    m_cluster->server().setBookmarkIntervalMs(200);
    QString error;
    auto w = watcher({QStringLiteral("shop")}, &error);
    QVERIFY2(w, qPrintable(error));
    QVERIFY(waitFor([&] { return w->settled(); }));
    // Changes elsewhere (billing) move the version on; bookmarks tell the watcher so.
    m_cluster->server().setImage("billing", "ledger", "registry.example/billing/ledger:0.9.1");
    const std::string versionAfter = m_cluster->server().resourceVersion();
    QTest::qWait(600);
    m_cluster->server().clearRequests();
    m_cluster->server().dropWatches();
    QVERIFY(waitFor([&] { return w->snapshot().connection != KubeSnapshot::Connection::Live; }, 5000));
    m_cluster->server().setImage("shop", "worker", "registry.example/shop/worker:2.0.2");
    QVERIFY(waitFor([&] { const Deployment *d = row(*w, QStringLiteral("shop/worker")); return d && d->version == QStringLiteral("2.0.2"); }));
    QVERIFY(waitFor([&] { return w->snapshot().connection == KubeSnapshot::Connection::Live; }));
    // Resumed with watches from the bookmark's version, no list.
    bool resumedFromBookmark = false;
    for (const auto &r : m_cluster->server().requests()) {
        QVERIFY2(r.has("watch", "1"), "a dropped stream must be resumed, not answered with a list");
        QVERIFY(r.has("allowWatchBookmarks", "true"));
        if (r.has("resourceVersion", versionAfter))
            resumedFromBookmark = true;
    }
    QVERIFY(resumedFromBookmark);
    m_cluster->server().setBookmarkIntervalMs(1000);
}

void TestKubeWatcher::relistsAfterGone()
{
    QString error;
    auto w = watcher({QStringLiteral("shop")}, &error);
    QVERIFY2(w, qPrintable(error));
    QVERIFY(waitFor([&] { return w->settled(); }));
    m_cluster->server().addDeployment("shop", "short-lived", "registry.example/shop/x:1", 1);
    QVERIFY(waitFor([&] { return row(*w, QStringLiteral("shop/short-lived")) != nullptr; }));
    const int listsBefore = w->listsMade();
    // The stream drops; meanwhile a Deployment goes and the history is compacted.
    m_cluster->server().dropWatches();
    m_cluster->server().deleteDeployment("shop", "short-lived");
    m_cluster->server().setImage("shop", "worker", "registry.example/shop/worker:2.0.3");
    m_cluster->server().compact();
    QVERIFY(waitFor([&] { return w->listsMade() > listsBefore && w->settled(); }));
    QVERIFY(waitFor([&] { return row(*w, QStringLiteral("shop/short-lived")) == nullptr; }));
    QCOMPARE(row(*w, QStringLiteral("shop/worker"))->version, QStringLiteral("2.0.3"));
    QCOMPARE(w->snapshot().connection, KubeSnapshot::Connection::Live);
}

void TestKubeWatcher::execPluginTokenExpiresMidWatch()
{
    // The plugin hands out exec-token-1 (expiring in 2 s, and so it says), then
    // exec-token-2 (it says an hour, but the server stops taking it after 2 s:
    // a 401, so the plugin runs again), then exec-token-3.
    auto &server = m_cluster->server();
    const auto now = std::chrono::system_clock::now();
    server.acceptToken("exec-token-1", now + 2s);
    server.acceptToken("exec-token-2", now + 4s);
    server.acceptToken("exec-token-3");
    const QString counter = m_cluster->dir().filePath(QStringLiteral("plugin-runs"));
    const QString script = m_cluster->dir().filePath(QStringLiteral("credential-plugin.sh"));
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("#!/bin/sh\n"
                              "# An exec credential plugin: a new token each run.\n"
                              "test \"$(printf %s \"$KUBERNETES_EXEC_INFO\" | grep -c ExecCredential)\" = 1 || exit 3\n"
                              "n=$(( $(cat '%1' 2>/dev/null || echo 0) + 1 )); echo $n > '%1'\n"
                              "if [ $n = 1 ]; then exp=$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%SZ); "
                              "else exp=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ); fi\n"
                              "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                              "\"status\":{\"token\":\"exec-token-%s\",\"expirationTimestamp\":\"%s\"}}' $n $exp\n")
                   .arg(counter)
                   .toUtf8());
    file.close();
    file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
    m_cluster->writeKubeconfig(QStringLiteral("user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
                                              "      command: ./credential-plugin.sh\n      args: [\"--cluster\", \"fake\"]\n"
                                              "      interactiveMode: Never\n"));
    QString error;
    auto w = watcher({QStringLiteral("shop")}, &error);
    QVERIFY2(w, qPrintable(error));
    w->setWatchTimeoutSeconds(1);  // the server ends each watch after a second: each new one needs a valid token
    w->stop();
    w->start();
    QVERIFY(waitFor([&] { return w->settled(); }));
    QCOMPARE(m_api->credentials()->pluginRuns(), 1);
    QVERIFY(waitFor([&] { return m_api->credentials()->pluginRuns() == 3; }, 20000));
    // Still live, still current.
    server.setImage("shop", "api", "registry.example/shop/api:1.5.0");
    QVERIFY(waitFor([&] { const Deployment *d = row(*w, QStringLiteral("shop/api")); return d && d->version == QStringLiteral("1.5.0"); }));
    QVERIFY(waitFor([&] { return w->snapshot().connection == KubeSnapshot::Connection::Live; }));
    bool sawTwo = false, sawThree = false;
    for (const auto &r : server.requests()) {
        sawTwo = sawTwo || r.token == "exec-token-2";
        sawThree = sawThree || r.token == "exec-token-3";
    }
    QVERIFY(sawTwo && sawThree);
    m_cluster->writeKubeconfig(QStringLiteral("user:\n    token: %1\n").arg(QString::fromLatin1(testsupport::kubeTestToken)));
}

void TestKubeWatcher::clientCertificatesInlineAndOnDisk()
{
    auto &pki = m_cluster->pki();
    QVERIFY(pki.makeClient(QStringLiteral("alice")));
    auto readAll = [](const QString &path) {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    };
    for (bool inlineData : {false, true}) {
        const QString user = inlineData
            ? QStringLiteral("user:\n    client-certificate-data: %1\n    client-key-data: %2\n")
                  .arg(QString::fromLatin1(readAll(pki.clientCertFile(QStringLiteral("alice"))).toBase64()),
                       QString::fromLatin1(readAll(pki.clientKeyFile(QStringLiteral("alice"))).toBase64()))
            : QStringLiteral("user:\n    client-certificate: %1\n    client-key: %2\n")
                  .arg(pki.clientCertFile(QStringLiteral("alice")), pki.clientKeyFile(QStringLiteral("alice")));
        m_cluster->writeKubeconfig(user);
        m_cluster->server().clearRequests();
        QString error;
        auto w = watcher({QStringLiteral("shop")}, &error);
        QVERIFY2(w, qPrintable(error));
        QVERIFY2(waitFor([&] { return w->settled(); }), qPrintable(w->snapshot().error));
        const auto requests = m_cluster->server().requests();
        QVERIFY(!requests.empty());
        for (const auto &r : requests)
            QCOMPARE(QString::fromStdString(r.clientCert), QStringLiteral("alice"));
    }
    // The CA inline (certificate-authority-data) instead of on disk.
    m_cluster->writeKubeconfig(QStringLiteral("user:\n    token: %1\n").arg(QString::fromLatin1(testsupport::kubeTestToken)));
    QVERIFY(m_cluster->editKubeconfig(QByteArray("certificate-authority: " + pki.caFile().toUtf8()), QByteArray("certificate-authority-data: " + readAll(pki.caFile()).toBase64())));
    QString error;
    auto w = watcher({QStringLiteral("shop")}, &error);
    QVERIFY2(w, qPrintable(error));
    QVERIFY2(waitFor([&] { return w->settled(); }), qPrintable(w->snapshot().error));
    m_cluster->writeKubeconfig(QStringLiteral("user:\n    token: %1\n").arg(QString::fromLatin1(testsupport::kubeTestToken)));
}

void TestKubeWatcher::insecureSkipVerifyIsSaid()
{
    // No CA at all: only insecure-skip-tls-verify lets the connection through, and the snapshot says so.
    QVERIFY(m_cluster->editKubeconfig(QByteArray("certificate-authority: " + m_cluster->pki().caFile().toUtf8()), QByteArray("insecure-skip-tls-verify: true")));
    QString error;
    auto w = watcher({QStringLiteral("shop")}, &error);
    QVERIFY2(w, qPrintable(error));
    QVERIFY2(waitFor([&] { return w->settled(); }), qPrintable(w->snapshot().error));
    QVERIFY(w->snapshot().insecure);
    m_cluster->writeKubeconfig(QStringLiteral("user:\n    token: %1\n").arg(QString::fromLatin1(testsupport::kubeTestToken)));
}

void TestKubeWatcher::tlsServerNameIsHonoured()
{
    // An API server whose certificate names kubernetes.default.svc and not its IP, reached by its IP.
    auto &pki = m_cluster->pki();
    QVERIFY(pki.makeServerFor(QStringLiteral("kubernetes.default.svc")));
    testsupport::FakeKubeApiServer::Options options;
    options.certFile = pki.path(QStringLiteral("kubernetes.default.svc.pem")).toStdString();
    options.keyFile = pki.path(QStringLiteral("kubernetes.default.svc.key")).toStdString();
    testsupport::FakeKubeApiServer server(options);
    server.acceptToken(testsupport::kubeTestToken);
    server.addDeployment("shop", "api", "registry.example/shop/api:1.4.2", 1);
    auto connect = [&](const QString &tlsServerName) {
        KubeTarget target;
        target.contextName = QStringLiteral("named");
        target.server = QUrl(QString::fromStdString(server.url()));
        target.cluster.caFile = pki.caFile();
        target.cluster.tlsServerName = tlsServerName;
        target.user.token = QString::fromLatin1(testsupport::kubeTestToken);
        m_api = std::make_unique<KubeApi>(&m_http, target);
        auto w = std::make_unique<KubeWatcher>(m_api.get(), QStringLiteral("prod"), QStringList{QStringLiteral("shop")});
        w->start();
        return w;
    };
    auto unnamed = connect({});
    QVERIFY(waitFor([&] { return unnamed->snapshot().connection == KubeSnapshot::Connection::Unavailable; }));
    unnamed.reset();
    auto named = connect(QStringLiteral("kubernetes.default.svc"));
    QVERIFY2(waitFor([&] { return named->settled(); }), qPrintable(named->snapshot().error));
    QCOMPARE(named->snapshot().deployments.size(), 1);
}

void TestKubeWatcher::wrongCaAndMissingCredentialsAreSaid()
{
    testsupport::TestPki other;
    QVERIFY(other.ok());
    m_cluster->writeKubeconfig(QStringLiteral("user:\n    token: %1\n").arg(QString::fromLatin1(testsupport::kubeTestToken)));
    QVERIFY(m_cluster->editKubeconfig(m_cluster->pki().caFile().toUtf8(), other.caFile().toUtf8()));
    QString error;
    auto w = watcher({QStringLiteral("shop")}, &error);
    QVERIFY2(w, qPrintable(error));
    QVERIFY(waitFor([&] { return w->snapshot().connection == KubeSnapshot::Connection::Unavailable; }));
    QVERIFY2(w->snapshot().error.contains(QStringLiteral("certificate"), Qt::CaseInsensitive), qPrintable(w->snapshot().error));
    w.reset();

    m_cluster->writeKubeconfig(QStringLiteral("user: {}\n"));
    auto anonymous = watcher({QStringLiteral("shop")}, &error);
    QVERIFY2(anonymous, qPrintable(error));
    QVERIFY(waitFor([&] { return anonymous->snapshot().connection == KubeSnapshot::Connection::Unavailable; }));
    QVERIFY2(anonymous->snapshot().error.contains(QStringLiteral("401 Unauthorized")), qPrintable(anonymous->snapshot().error));
    m_cluster->writeKubeconfig(QStringLiteral("user:\n    token: %1\n").arg(QString::fromLatin1(testsupport::kubeTestToken)));
}

QTEST_GUILESS_MAIN(TestKubeWatcher)
#include "tst_kube_watcher.moc"
