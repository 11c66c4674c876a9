// The HTTP client speaking to a real Docker engine over its Unix socket, the
// way the Deployments panel reads it: a private dockerd started by the test
// (tests/support/docker_daemon.h), its /_ping and /version, a Compose-labelled
// container listed with its labels, and the failures said plainly (no socket,
// a client certificate that cannot be read). Skipped where dockerd cannot run.

#include "deploy/docker_endpoint.h"
#include "net/http_client.h"
#include "docker_daemon.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace opsdeck;

class TestDockerSocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pingsThroughTheSocket();
    void versionNamesTheApi();
    void composeContainerIsListedWithItsLabels();
    void missingSocketIsSaid();
    void unreadableClientCertificateIsSaid();
    void cleanupTestCase();

private:
    HttpResponse get(const QString &path, const QString &socket);

    testsupport::DockerDaemon m_docker;
    HttpClient m_http;
};

HttpResponse TestDockerSocket::get(const QString &path, const QString &socket)
{
    DockerConfig config;
    config.host = QStringLiteral("unix://") + socket;
    QString error;
    const std::optional<DockerEndpoint> endpoint = dockerEndpoint(config, QProcessEnvironment(), &error);
    if (!endpoint)
        return HttpResponse{HttpError::InvalidUrl, error, 0, {}, {}, 0, {}, 0};
    // Bare paths here (/_ping, /version, /v1.41/...): the version is the caller's.
    const HttpRequest r = dockerRequest(*endpoint, {}, path);
    // Listening before sending: an answer that comes at once must not be missed.
    std::optional<HttpResponse> answer;
    quint64 id = 0;
    QMetaObject::Connection c = connect(&m_http, &HttpClient::finished, this, [&](quint64 answered, const HttpResponse &response) {
        if (answered == id)
            answer = response;
    }, Qt::QueuedConnection);
    id = m_http.send(r);
    const bool answered = QTest::qWaitFor([&] { return answer.has_value(); }, 20000);
    disconnect(c);
    return answered ? *answer : HttpResponse{HttpError::Timeout, QStringLiteral("no answer"), 0, {}, {}, 0, {}, 0};
}

void TestDockerSocket::initTestCase()
{
    if (!m_docker.start())
        QSKIP(qPrintable(QStringLiteral("no private Docker engine here: %1").arg(m_docker.lastError())));
}

void TestDockerSocket::pingsThroughTheSocket()
{
    const HttpResponse r = get(QStringLiteral("/_ping"), m_docker.socketPath());
    QVERIFY2(r.isSuccess(), qPrintable(r.errorMessage));
    QCOMPARE(r.body, QByteArray("OK"));
}

void TestDockerSocket::versionNamesTheApi()
{
    const HttpResponse r = get(QStringLiteral("/version"), m_docker.socketPath());
    QVERIFY2(r.isSuccess(), qPrintable(r.errorMessage));
    const QJsonObject version = QJsonDocument::fromJson(r.body).object();
    // Debian 12's engine is 20.10 (API 1.41), the oldest the panel has to work with.
    QVERIFY2(version.value(QStringLiteral("ApiVersion")).toString().startsWith(QLatin1String("1.")), r.body.constData());
    QVERIFY(!version.value(QStringLiteral("Version")).toString().isEmpty());
}

void TestDockerSocket::composeContainerIsListedWithItsLabels()
{
    QVERIFY2(m_docker.importBusybox(QStringLiteral("opsdeck-test/busybox:1")), qPrintable(m_docker.lastError()));
    const QString id = m_docker.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("host"),
                                        QStringLiteral("--name"), QStringLiteral("shop_api_1"),
                                        QStringLiteral("--label"), QStringLiteral("com.docker.compose.project=shop"),
                                        QStringLiteral("--label"), QStringLiteral("com.docker.compose.service=api"),
                                        QStringLiteral("--label"), QStringLiteral("com.docker.compose.container-number=1"),
                                        QStringLiteral("opsdeck-test/busybox:1"), QStringLiteral("sleep"), QStringLiteral("300")})
                           .trimmed();
    QVERIFY2(!id.isEmpty(), qPrintable(m_docker.lastError()));
    const HttpResponse r = get(QStringLiteral("/v1.41/containers/json?all=1"), m_docker.socketPath());
    QVERIFY2(r.isSuccess(), qPrintable(r.errorMessage));
    const QJsonArray containers = QJsonDocument::fromJson(r.body).array();
    QCOMPARE(containers.size(), 1);
    const QJsonObject c = containers.first().toObject();
    QCOMPARE(c.value(QStringLiteral("Id")).toString(), id);
    QCOMPARE(c.value(QStringLiteral("Image")).toString(), QStringLiteral("opsdeck-test/busybox:1"));
    QCOMPARE(c.value(QStringLiteral("State")).toString(), QStringLiteral("running"));
    const QJsonObject labels = c.value(QStringLiteral("Labels")).toObject();
    QCOMPARE(labels.value(QStringLiteral("com.docker.compose.project")).toString(), QStringLiteral("shop"));
    QCOMPARE(labels.value(QStringLiteral("com.docker.compose.service")).toString(), QStringLiteral("api"));
    m_docker.docker({QStringLiteral("rm"), QStringLiteral("-f"), id});
}

void TestDockerSocket::missingSocketIsSaid()
{
    const HttpResponse r = get(QStringLiteral("/_ping"), m_docker.socketPath() + QStringLiteral(".nowhere"));
    QVERIFY(!r.transportOk());
    QVERIFY(!r.errorMessage.isEmpty());
}

void TestDockerSocket::unreadableClientCertificateIsSaid()
{
    HttpRequest r;
    r.url = QUrl(QStringLiteral("https://127.0.0.1:1/_ping"));
    r.clientCertFile = QStringLiteral("/nonexistent/cert.pem");
    r.clientKeyFile = QStringLiteral("/nonexistent/key.pem");
    std::optional<HttpResponse> answer;
    quint64 id = 0;
    const QMetaObject::Connection c = connect(&m_http, &HttpClient::finished, this, [&](quint64 answered, const HttpResponse &response) {
        if (answered == id)
            answer = response;
    }, Qt::QueuedConnection);
    id = m_http.send(r);
    const bool answered = QTest::qWaitFor([&] { return answer.has_value(); }, 10000);
    disconnect(c);
    QVERIFY(answered);
    QCOMPARE(answer->error, HttpError::Tls);
    QVERIFY2(answer->errorMessage.contains(QLatin1String("/nonexistent/cert.pem")), qPrintable(answer->errorMessage));
}

void TestDockerSocket::cleanupTestCase()
{
    m_docker.stop();
}

QTEST_GUILESS_MAIN(TestDockerSocket)
#include "tst_docker_socket.moc"
