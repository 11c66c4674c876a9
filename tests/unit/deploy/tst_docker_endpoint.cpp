// Where a profile's Docker engine answers: the profile's "docker" object, then
// DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the docker command
// line reads them, then the local socket; and the requests built for each.

#include "deploy/docker_endpoint.h"

#include <QTest>

using namespace opsdeck;

class TestDockerEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void localSocketByDefault();
    void profileHostWinsOverTheEnvironment();
    void dockerHostWithTlsVerifyFromTheEnvironment();
    void tcpWithoutTlsIsPlainHttp();
    void badHostsAreSaid_data();
    void badHostsAreSaid();
    void requestsGoUnderTheNegotiatedVersion();
};

void TestDockerEndpoint::localSocketByDefault()
{
    QString error;
    const auto e = dockerEndpoint(std::nullopt, QProcessEnvironment(), &error);
    QVERIFY2(e, qPrintable(error));
    QCOMPARE(e->socketPath, QStringLiteral("/var/run/docker.sock"));
    QCOMPARE(e->host, QStringLiteral("unix:///var/run/docker.sock"));
    QVERIFY(!e->tls());
}

void TestDockerEndpoint::profileHostWinsOverTheEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("tcp://elsewhere:2375"));
    DockerConfig c;
    c.host = QStringLiteral("tcp://docker.prod.example:2376");
    c.caFile = QStringLiteral("/etc/opsdeck/docker/ca.pem");
    c.certFile = QStringLiteral("/etc/opsdeck/docker/cert.pem");
    c.keyFile = QStringLiteral("/etc/opsdeck/docker/key.pem");
    QString error;
    const auto e = dockerEndpoint(c, env, &error);
    QVERIFY2(e, qPrintable(error));
    QVERIFY(e->tls());
    QCOMPARE(e->base, QUrl(QStringLiteral("https://docker.prod.example:2376")));
    QVERIFY(e->socketPath.isEmpty());
    QCOMPARE(e->keyFile, c.keyFile);
}

void TestDockerEndpoint::dockerHostWithTlsVerifyFromTheEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("tcp://10.0.0.5:2376"));
    env.insert(QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("1"));
    env.insert(QStringLiteral("DOCKER_CERT_PATH"), QStringLiteral("/home/ops/.docker/prod"));
    QString error;
    const auto e = dockerEndpoint(std::nullopt, env, &error);
    QVERIFY2(e, qPrintable(error));
    QVERIFY(e->tls());
    QCOMPARE(e->caFile, QStringLiteral("/home/ops/.docker/prod/ca.pem"));
    QCOMPARE(e->certFile, QStringLiteral("/home/ops/.docker/prod/cert.pem"));
    QCOMPARE(e->keyFile, QStringLiteral("/home/ops/.docker/prod/key.pem"));
}

void TestDockerEndpoint::tcpWithoutTlsIsPlainHttp()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("tcp://127.0.0.1:2375"));
    QString error;
    const auto e = dockerEndpoint(std::nullopt, env, &error);
    QVERIFY2(e, qPrintable(error));
    QVERIFY(!e->tls());
    QCOMPARE(e->base, QUrl(QStringLiteral("http://127.0.0.1:2375")));
}

void TestDockerEndpoint::badHostsAreSaid_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("ssh") << QStringLiteral("ssh://ops@host");
    QTest::newRow("no port") << QStringLiteral("tcp://host");
    QTest::newRow("empty socket") << QStringLiteral("unix://");
    QTest::newRow("npipe") << QStringLiteral("npipe:////./pipe/docker_engine");
}

void TestDockerEndpoint::badHostsAreSaid()
{
    QFETCH(QString, host);
    DockerConfig c;
    c.host = host;
    QString error;
    QVERIFY(!dockerEndpoint(c, QProcessEnvironment(), &error));
    QVERIFY2(error.contains(host), qPrintable(error));
}

void TestDockerEndpoint::requestsGoUnderTheNegotiatedVersion()
{
    DockerConfig c;
    c.host = QStringLiteral("unix:///run/user/1000/docker.sock");
    QString error;
    const auto e = dockerEndpoint(c, QProcessEnvironment(), &error);
    QVERIFY(e);
    const HttpRequest ping = dockerRequest(*e, {}, QStringLiteral("/_ping"));
    QVERIFY2(ping.url.host().startsWith(QLatin1String("docker-")), qPrintable(ping.url.toString()));
    QCOMPARE(ping.url.path(), QStringLiteral("/_ping"));
    QCOMPARE(ping.unixSocketPath, QStringLiteral("/run/user/1000/docker.sock"));
    const HttpRequest list = dockerRequest(*e, QStringLiteral("1.41"), QStringLiteral("/containers/json?all=1"));
    QCOMPARE(list.url.toString(), QStringLiteral("http://%1/v1.41/containers/json?all=1").arg(ping.url.host()));
    // Each socket its own host name: libcurl's cap per host counts each engine apart.
    c.host = QStringLiteral("unix:///var/run/docker.sock");
    const auto other = dockerEndpoint(c, QProcessEnvironment(), &error);
    QVERIFY(other->base.host() != e->base.host());
    QCOMPARE(dockerEndpoint(c, QProcessEnvironment(), &error)->base, other->base);
}

QTEST_GUILESS_MAIN(TestDockerEndpoint)
#include "tst_docker_endpoint.moc"
