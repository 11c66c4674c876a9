// DockerWatcher and DockerLogs against a real engine: a private dockerd
// (tests/support/docker_daemon.h) with busybox images. A Compose-labelled
// project is listed and grouped; events move the snapshot (stop, start, a
// health check turning, a new image seen as a deploy, a container removed);
// the engine killed and started again is said, reconnected and relisted with
// no container twice; a container's logs, stdout and stderr interleaved and a
// line written in two pieces, come out exact. Skipped where dockerd cannot run.

#include "deploy/docker_logs.h"
#include "deploy/docker_watcher.h"
#include "docker_daemon.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace opsdeck;

class TestDockerWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsAndGroupsAComposeProject();
    void eventsMoveTheSnapshot();
    void healthCheckTurningIsSeen();
    void newImageIsADeploy();
    void removedContainerGoes();
    void logsInterleavedAndSplitComeOutExact();
    void logsTailWithoutFollowEnds();
    void engineKilledAndRestartedIsSaidAndRelisted();
    void cleanupTestCase();

private:
    QString run(const QString &name, const QString &image, const QStringList &labels, const QStringList &extra,
                const QStringList &command);
    static QStringList compose(const QString &project, const QString &service, int number);
    const Deployment *deployment(const QString &name) const;
    bool waitFor(const std::function<bool()> &condition, int ms = 15000);

    testsupport::DockerDaemon m_docker;
    HttpClient m_http;
    std::unique_ptr<DockerWatcher> m_watcher;
    QList<DeployChange> m_changes;
    QStringList m_duplicates;  // any snapshot that held a container twice
};

QStringList TestDockerWatcher::compose(const QString &project, const QString &service, int number)
{
    return {QStringLiteral("com.docker.compose.project=") + project, QStringLiteral("com.docker.compose.service=") + service,
            QStringLiteral("com.docker.compose.container-number=%1").arg(number), QStringLiteral("com.docker.compose.oneoff=False")};
}

QString TestDockerWatcher::run(const QString &name, const QString &image, const QStringList &labels, const QStringList &extra,
                               const QStringList &command)
{
    QStringList args{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("host"), QStringLiteral("--name"), name};
    for (const QString &label : labels)
        args << QStringLiteral("--label") << label;
    args << extra << image << command;
    return m_docker.docker(args).trimmed();
}

const Deployment *TestDockerWatcher::deployment(const QString &name) const
{
    for (const Deployment &d : m_watcher->snapshot().deployments) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

bool TestDockerWatcher::waitFor(const std::function<bool()> &condition, int ms)
{
    return QTest::qWaitFor(condition, ms);
}

void TestDockerWatcher::initTestCase()
{
    if (!m_docker.start())
        QSKIP(qPrintable(QStringLiteral("no private Docker engine here: %1").arg(m_docker.lastError())));
    QVERIFY2(m_docker.importBusybox(QStringLiteral("shop/api:1.0")), qPrintable(m_docker.lastError()));
    QVERIFY2(m_docker.importBusybox(QStringLiteral("shop/api:1.1")), qPrintable(m_docker.lastError()));
    const QStringList sleep{QStringLiteral("sleep"), QStringLiteral("600")};
    QVERIFY(!run(QStringLiteral("shop-api-1"), QStringLiteral("shop/api:1.0"), compose(QStringLiteral("shop"), QStringLiteral("api"), 1), {}, sleep).isEmpty());
    QVERIFY(!run(QStringLiteral("shop-api-2"), QStringLiteral("shop/api:1.0"), compose(QStringLiteral("shop"), QStringLiteral("api"), 2), {}, sleep).isEmpty());
    QVERIFY(!run(QStringLiteral("cache"), QStringLiteral("shop/api:1.0"), {}, {}, sleep).isEmpty());

    DockerConfig config;
    config.host = m_docker.host();
    QString error;
    const auto endpoint = dockerEndpoint(config, QProcessEnvironment(), &error);
    QVERIFY2(endpoint, qPrintable(error));
    m_watcher = std::make_unique<DockerWatcher>(&m_http, *endpoint, QStringLiteral("staging"));
    connect(m_watcher.get(), &DockerWatcher::deployChanged, this, [this](const DeployChange &c) { m_changes.append(c); });
    connect(m_watcher.get(), &DockerWatcher::changed, this, [this] {
        QSet<QString> ids;
        for (const DockerContainer &c : m_watcher->snapshot().containers) {
            if (ids.contains(c.id))
                m_duplicates.append(c.name);
            ids.insert(c.id);
        }
    });
    m_watcher->start();
    QVERIFY2(waitFor([this] { return m_watcher->settled(); }), qPrintable(m_watcher->snapshot().error));
}

void TestDockerWatcher::listsAndGroupsAComposeProject()
{
    const DockerSnapshot &s = m_watcher->snapshot();
    QVERIFY(s.apiVersion.startsWith(QLatin1String("1.")));
    QVERIFY(!s.engineVersion.isEmpty());
    QCOMPARE(s.containers.size(), 3);
    QCOMPARE(s.deployments.size(), 2);
    const Deployment *api = deployment(QStringLiteral("shop/api"));
    QVERIFY(api);
    QCOMPARE(api->environment, QStringLiteral("staging"));
    QCOMPARE(api->version, QStringLiteral("1.0"));
    QCOMPARE(api->desired, 2);
    QCOMPARE(api->running, 2);
    QCOMPARE(api->healthy, 2);
    QCOMPARE(api->status, DeploymentStatus::Running);
    const Deployment *cache = deployment(QStringLiteral("cache"));
    QVERIFY(cache);
    QVERIFY(cache->project.isEmpty());
    // Inspected: the restart count and the start time are known.
    for (const DockerContainer &c : s.containers) {
        QVERIFY(c.inspected);
        QCOMPARE(c.restartCount, 0);
        QVERIFY(c.startedMs > 0);
    }
}

void TestDockerWatcher::eventsMoveTheSnapshot()
{
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!m_docker.docker({QStringLiteral("kill"), QStringLiteral("shop-api-2")}).isNull());
    const qint64 commandMs = clock.elapsed();
    QVERIFY(waitFor([this] { return deployment(QStringLiteral("shop/api"))->running == 1; }));
    qInfo("a kill reached the snapshot %lld ms after the docker command returned", clock.elapsed() - commandMs);
    const Deployment *api = deployment(QStringLiteral("shop/api"));
    QCOMPARE(api->status, DeploymentStatus::Degraded);
    QCOMPARE(api->reason, QStringLiteral("1 of 2: exited with code 137"));

    QVERIFY(!m_docker.docker({QStringLiteral("start"), QStringLiteral("shop-api-2")}).isNull());
    QVERIFY(waitFor([this] { return deployment(QStringLiteral("shop/api"))->running == 2; }));
    QCOMPARE(deployment(QStringLiteral("shop/api"))->status, DeploymentStatus::Running);
    QVERIFY2(m_duplicates.isEmpty(), qPrintable(m_duplicates.join(u',')));
}

void TestDockerWatcher::healthCheckTurningIsSeen()
{
    const QString id = run(QStringLiteral("shop-web-1"), QStringLiteral("shop/api:1.0"), compose(QStringLiteral("shop"), QStringLiteral("web"), 1),
                           {QStringLiteral("--health-cmd"), QStringLiteral("test ! -f /broken || (echo '/broken is there'; exit 1)"),
                            QStringLiteral("--health-interval"), QStringLiteral("1s"), QStringLiteral("--health-retries"), QStringLiteral("1"),
                            QStringLiteral("--health-timeout"), QStringLiteral("2s")},
                           {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exec sleep 600")});
    QVERIFY(!id.isEmpty());
    QVERIFY(waitFor([this] {
        const Deployment *web = deployment(QStringLiteral("shop/web"));
        return web && web->status == DeploymentStatus::Running && web->healthy == 1;
    }));
    QVERIFY(!m_docker.docker({QStringLiteral("exec"), QStringLiteral("shop-web-1"), QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo > /broken")}).isNull());
    QVERIFY(waitFor([this] { return deployment(QStringLiteral("shop/web"))->status == DeploymentStatus::Degraded; }));
    const Deployment *web = deployment(QStringLiteral("shop/web"));
    QCOMPARE(web->healthy, 0);
    QCOMPARE(web->running, 1);
    QCOMPARE(web->reason, QStringLiteral("1 of 1: unhealthy: /broken is there"));
}

void TestDockerWatcher::newImageIsADeploy()
{
    m_changes.clear();
    // A rolling update by hand, as Compose does it: one replica replaced, then the other.
    QVERIFY(!m_docker.docker({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("shop-api-2")}).isNull());
    QVERIFY(!run(QStringLiteral("shop-api-2"), QStringLiteral("shop/api:1.1"), compose(QStringLiteral("shop"), QStringLiteral("api"), 2), {},
                 {QStringLiteral("sleep"), QStringLiteral("600")}).isEmpty());
    QVERIFY(waitFor([this] { return deployment(QStringLiteral("shop/api"))->status == DeploymentStatus::Rolling; }));
    QCOMPARE(deployment(QStringLiteral("shop/api"))->reason, QStringLiteral("2 versions: 1.0 ×1, 1.1 ×1"));
    QVERIFY(waitFor([this] { return !m_changes.isEmpty(); }));
    QCOMPARE(m_changes.size(), 1);
    QCOMPARE(m_changes.first().kind, DeployChange::Kind::Deploy);
    QCOMPARE(m_changes.first().name, QStringLiteral("shop/api"));
    QCOMPARE(m_changes.first().fromImage, QStringLiteral("shop/api:1.0"));
    QCOMPARE(m_changes.first().toImage, QStringLiteral("shop/api:1.1"));
    QCOMPARE(m_changes.first().environment, QStringLiteral("staging"));

    QVERIFY(!m_docker.docker({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("shop-api-1")}).isNull());
    QVERIFY(!run(QStringLiteral("shop-api-1"), QStringLiteral("shop/api:1.1"), compose(QStringLiteral("shop"), QStringLiteral("api"), 1), {},
                 {QStringLiteral("sleep"), QStringLiteral("600")}).isEmpty());
    QVERIFY(waitFor([this] {
        const Deployment *api = deployment(QStringLiteral("shop/api"));
        return api->status == DeploymentStatus::Running && api->desired == 2;
    }));
    QCOMPARE(deployment(QStringLiteral("shop/api"))->version, QStringLiteral("1.1"));
    QCOMPARE(m_changes.size(), 1);  // the second replica on the same image is no new deploy
    QVERIFY2(m_duplicates.isEmpty(), qPrintable(m_duplicates.join(u',')));
}

void TestDockerWatcher::removedContainerGoes()
{
    QVERIFY(!m_docker.docker({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("cache")}).isNull());
    QVERIFY(waitFor([this] { return !deployment(QStringLiteral("cache")); }));
    for (const DockerContainer &c : m_watcher->snapshot().containers)
        QVERIFY(c.name != u"cache");
}

void TestDockerWatcher::logsInterleavedAndSplitComeOutExact()
{
    // "par" and "tial" leave in two writes, with stderr between them: two frames for one stdout line.
    const QString id = run(QStringLiteral("talker"), QStringLiteral("shop/api:1.0"), {}, {},
                           {QStringLiteral("sh"), QStringLiteral("-c"),
                            QStringLiteral("echo out1; echo err1 >&2; printf par; sleep 0.5; echo err2 >&2; sleep 0.5; echo tial; "
                                           "echo 数据库已连接; exec sleep 600")});
    QVERIFY(!id.isEmpty());
    DockerLogs logs(m_watcher->endpoint(), m_watcher->snapshot().apiVersion);
    QList<ContainerLogLine> got;
    connect(&logs, &DockerLogs::lines, this, [&](const QList<ContainerLogLine> &lines) { got += lines; });
    logs.start({{id, QStringLiteral("talker")}}, -1, true);
    QVERIFY(waitFor([&] { return got.size() >= 5; }));
    QStringList out, err;
    for (const ContainerLogLine &l : std::as_const(got)) {
        QCOMPARE(l.container, QStringLiteral("talker"));
        QVERIFY(l.line.timeMs > 0);
        (l.line.stream == LogLine::Stream::Stdout ? out : err).append(l.line.text);
    }
    QCOMPARE(out, QStringList({QStringLiteral("out1"), QStringLiteral("partial"), QStringLiteral("数据库已连接")}));
    QCOMPARE(err, QStringList({QStringLiteral("err1"), QStringLiteral("err2")}));
    QVERIFY(logs.running());  // following
    logs.stop();
    QVERIFY(!logs.running());
}

void TestDockerWatcher::logsTailWithoutFollowEnds()
{
    DockerLogs logs(m_watcher->endpoint(), m_watcher->snapshot().apiVersion);
    QList<ContainerLogLine> got;
    bool finished = false;
    QStringList errors;
    connect(&logs, &DockerLogs::lines, this, [&](const QList<ContainerLogLine> &lines) { got += lines; });
    connect(&logs, &DockerLogs::streamEnded, this, [&](const QString &, const QString &error) { errors << error; });
    connect(&logs, &DockerLogs::finished, this, [&] { finished = true; });
    logs.start({{QStringLiteral("talker"), QStringLiteral("talker")}, {QStringLiteral("no-such-container"), QStringLiteral("ghost")}}, 1, false);
    QVERIFY(waitFor([&] { return finished; }));
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().line.text, QStringLiteral("数据库已连接"));
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.contains(QString()));
    QVERIFY2(std::any_of(errors.cbegin(), errors.cend(), [](const QString &e) { return e.contains(QLatin1String("no-such-container")); }),
             qPrintable(errors.join(u'|')));
}

void TestDockerWatcher::engineKilledAndRestartedIsSaidAndRelisted()
{
    const int before = int(m_watcher->snapshot().containers.size());
    m_docker.kill();
    QVERIFY(waitFor([this] { return m_watcher->snapshot().connection != DockerSnapshot::Connection::Live; }, 10000));
    QVERIFY(!m_watcher->snapshot().error.isEmpty());
    qInfo("said: %s", qPrintable(m_watcher->snapshot().error));
    // The last list is kept, marked stale by its connection, not thrown away.
    QCOMPARE(int(m_watcher->snapshot().containers.size()), before);

    QVERIFY2(m_docker.start(90000), qPrintable(m_docker.lastError()));
    QVERIFY2(waitFor([this] { return m_watcher->settled(); }, 60000), qPrintable(m_watcher->snapshot().error));
    QVERIFY(m_watcher->snapshot().error.isEmpty());
    const QStringList names = m_docker.docker({QStringLiteral("ps"), QStringLiteral("-a"), QStringLiteral("--format"), QStringLiteral("{{.Names}}")})
                                  .split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(int(m_watcher->snapshot().containers.size()), int(names.size()));
    QVERIFY2(m_duplicates.isEmpty(), qPrintable(m_duplicates.join(u',')));
}

void TestDockerWatcher::cleanupTestCase()
{
    m_watcher.reset();
    m_docker.stop();
}

QTEST_GUILESS_MAIN(TestDockerWatcher)
#include "tst_docker_watcher.moc"
