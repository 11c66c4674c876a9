// The HTTP client against a local server that misbehaves on purpose.

#include "local_http_server.h"
#include "test_pki.h"
#include "net/ca_bundle.h"
#include "net/http_client.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

#include <optional>
#include <vector>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

namespace {

// The client's answers, taken on the test's thread. A QSignalSpy on HttpClient::finished
// is appended to by the client's worker thread while the test reads it, and was seen
// under ASan to crash when fetch() returned during the append.
class Answers : public QObject
{
public:
    explicit Answers(HttpClient &client)
    {
        connect(&client, &HttpClient::finished, this,
                [this](quint64 id, const HttpResponse &r) { m_answers.emplace_back(id, r); }, Qt::QueuedConnection);
    }
    const std::vector<std::pair<quint64, HttpResponse>> &all() const { return m_answers; }
    bool waitFor(std::size_t count, int ms)
    {
        return QTest::qWaitFor([&] { return m_answers.size() >= count; }, ms);
    }
    std::optional<HttpResponse> of(quint64 id) const
    {
        for (const auto &[answered, r] : m_answers) {
            if (answered == id)
                return r;
        }
        return std::nullopt;
    }

private:
    std::vector<std::pair<quint64, HttpResponse>> m_answers;
};

HttpResponse fetch(HttpClient &client, const HttpRequest &request, int waitMs = 15000)
{
    Answers answers(client);
    const auto id = client.send(request);
    if (!QTest::qWaitFor([&] { return answers.of(id).has_value(); }, waitMs))
        qFatal("no answer within %d ms", waitMs);
    return *answers.of(id);
}

HttpRequest requestFor(const std::string &url)
{
    HttpRequest r;
    r.url = QUrl(QString::fromStdString(url));
    return r;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersOrdinaryRequest();
    void postsBodyAndDeletes();
    void writesDoNotFollowRedirects();
    void reportsRefusedConnection();
    void givesUpOnStalledServer();
    void abortsTricklingServer();
    void capsOversizedBody_data();
    void capsOversizedBody();
    void followsRedirectOnSameHost();
    void keepsCredentialsFromOtherHosts_data();
    void keepsCredentialsFromOtherHosts();
    void refusesHandMadeAuthorizationHeader();
    void stopsRedirectLoops();
    void refusesOtherSchemes();
    void closedConnectionIsReported();
    void streamsPiecesAsTheyCome();
    void streamThatFailsKeepsItsErrorBody();
    void cancelsInFlightRequest();
    void runsManyRequestsConcurrently();
    void caFileJoinsTheSystemsCas();
    void trustsItsCaFileOverTls();
};

void TestHttpClient::answersOrdinaryRequest()
{
    LocalHttpServer server;
    server.route("/ok", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json; charset=utf-8", R"({"status":"ok"})");
    });
    HttpClient client;
    const HttpResponse r = fetch(client, requestFor(server.url("/ok")));
    QVERIFY2(r.transportOk(), qPrintable(r.errorMessage));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.contentType, QByteArray("application/json"));
    QCOMPARE(r.body, QByteArray(R"({"status":"ok"})"));
    QVERIFY(r.isSuccess());
}

void TestHttpClient::postsBodyAndDeletes()
{
    LocalHttpServer server;
    server.route("/api/v2/silences", [](Connection &c, const RecordedRequest &r) {
        c.respond(200, "application/json", R"({"silenceID":")" + std::to_string(r.body.size()) + "\"}");
    });
    server.route("/api/v2/silence/abc", [](Connection &c, const RecordedRequest &) { c.respond(200, "application/json", ""); });
    HttpClient client;
    HttpRequest post = requestFor(server.url("/api/v2/silences"));
    post.method = HttpRequest::Method::Post;
    post.body = R"({"comment":"ACK: disk"})";
    post.contentType = "application/json";
    const HttpResponse created = fetch(client, post);
    QVERIFY2(created.isSuccess(), qPrintable(created.errorMessage));
    QCOMPARE(created.body, QByteArray(R"({"silenceID":"23"})"));

    HttpRequest del = requestFor(server.url("/api/v2/silence/abc"));
    del.method = HttpRequest::Method::Delete;
    QVERIFY(fetch(client, del).isSuccess());

    const auto requests = server.requests();
    QCOMPARE(requests.size(), size_t(2));
    QCOMPARE(requests[0].method, std::string("POST"));
    QCOMPARE(requests[0].headers.at("content-type"), std::string("application/json"));
    QCOMPARE(requests[0].body, std::string(R"({"comment":"ACK: disk"})"));
    QCOMPARE(requests[1].method, std::string("DELETE"));
}

void TestHttpClient::writesDoNotFollowRedirects()
{
    LocalHttpServer server;
    server.route("/moved", [](Connection &c, const RecordedRequest &) {
        c.respond(307, "text/plain", "moved\n", "Location: /elsewhere\r\n");
    });
    HttpClient client;
    HttpRequest post = requestFor(server.url("/moved"));
    post.method = HttpRequest::Method::Post;
    post.body = "{}";
    const HttpResponse r = fetch(client, post);
    QCOMPARE(r.status, 307);
    QVERIFY(!r.isSuccess());
    QCOMPARE(server.requests().size(), size_t(1));  // the write went to one place only
}

void TestHttpClient::reportsRefusedConnection()
{
    HttpClient client;
    const int port = LocalHttpServer::unusedPort();
    const HttpResponse r = fetch(client, requestFor("http://127.0.0.1:" + std::to_string(port) + "/health"));
    QCOMPARE(r.error, HttpError::ConnectionRefused);
    QCOMPARE(r.status, 0);
    QVERIFY(r.errorMessage.contains(QLatin1String("connect")));
}

void TestHttpClient::givesUpOnStalledServer()
{
    LocalHttpServer server;
    server.route("/stall", [](Connection &c, const RecordedRequest &) { c.sleepMs(20000); });
    HttpClient client;
    HttpRequest request = requestFor(server.url("/stall"));
    request.totalTimeoutMs = 600;
    request.lowSpeedSeconds = 30;
    QElapsedTimer timer;
    timer.start();
    const HttpResponse r = fetch(client, request);
    QCOMPARE(r.error, HttpError::Timeout);
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY(r.errorMessage.contains(QLatin1String("600 ms")));
}

void TestHttpClient::abortsTricklingServer()
{
    LocalHttpServer server;
    server.route("/trickle", [](Connection &c, const RecordedRequest &) {
        if (!c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"))
            return;
        while (c.write("x") && c.sleepMs(200)) {
        }
    });
    HttpClient client;
    HttpRequest request = requestFor(server.url("/trickle"));
    request.totalTimeoutMs = 20000;
    request.lowSpeedBytes = 100;
    request.lowSpeedSeconds = 1;
    const HttpResponse r = fetch(client, request);
    QCOMPARE(r.error, HttpError::TooSlow);
    QVERIFY(r.elapsedMs < 10000);
}

void TestHttpClient::capsOversizedBody_data()
{
    QTest::addColumn<bool>("announced");
    QTest::newRow("content-length announced") << true;
    QTest::newRow("chunked, no length") << false;
}

void TestHttpClient::capsOversizedBody()
{
    QFETCH(bool, announced);
    LocalHttpServer server;
    server.route("/big", [announced](Connection &c, const RecordedRequest &) {
        const std::string block(64 * 1024, 'a');
        const size_t total = 50u * 1024u * 1024u;
        if (announced) {
            if (!c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(total)
                         + "\r\n\r\n"))
                return;
            for (size_t sent = 0; sent < total && c.write(block); sent += block.size()) {
            }
        } else {
            if (!c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"))
                return;
            char size[32];
            std::snprintf(size, sizeof size, "%zx\r\n", block.size());
            for (size_t sent = 0; sent < total && c.write(size + block + "\r\n"); sent += block.size()) {
            }
        }
    });
    HttpClient client;
    HttpRequest request = requestFor(server.url("/big"));
    request.maxBodyBytes = 1024 * 1024;
    const HttpResponse r = fetch(client, request);
    QCOMPARE(r.error, HttpError::BodyTooLarge);
    QVERIFY(r.body.isEmpty());
    QVERIFY(r.errorMessage.contains(QLatin1String("1.0 MiB")));
}

void TestHttpClient::followsRedirectOnSameHost()
{
    LocalHttpServer server;
    server.route("/old", [](Connection &c, const RecordedRequest &) {
        c.respond(302, "text/plain", "moved", "Location: /new\r\n");
    });
    server.route("/new", [](Connection &c, const RecordedRequest &) { c.respond(200, "text/plain", "ok"); });
    HttpClient client;
    const HttpResponse r = fetch(client, requestFor(server.url("/old")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.redirectCount, 1);
    QCOMPARE(r.body, QByteArray("ok"));
    QVERIFY(r.effectiveUrl.path() == QLatin1String("/new"));
}

void TestHttpClient::keepsCredentialsFromOtherHosts_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("bearer") << int(HttpAuth::Kind::Bearer);
    QTest::newRow("basic") << int(HttpAuth::Kind::Basic);
}

void TestHttpClient::keepsCredentialsFromOtherHosts()
{
    QFETCH(int, kind);
    LocalHttpServer other("127.0.0.2");
    other.route("/landing", [](Connection &c, const RecordedRequest &) { c.respond(200, "text/plain", "ok"); });
    LocalHttpServer origin;
    const std::string target = other.url("/landing");
    origin.route("/start", [target](Connection &c, const RecordedRequest &) {
        c.respond(302, "text/plain", "", "Location: " + target + "\r\n");
    });

    HttpClient client;
    HttpRequest request = requestFor(origin.url("/start"));
    request.auth = {HttpAuth::Kind(kind), QStringLiteral("ops"), QStringLiteral("s3cret-token")};
    const HttpResponse r = fetch(client, request);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.redirectCount, 1);

    const auto sent = origin.requests();
    QCOMPARE(sent.size(), size_t(1));
    QVERIFY2(sent[0].headers.count("authorization"), "the original host must get the credentials");
    const auto landed = other.requests();
    QCOMPARE(landed.size(), size_t(1));
    QVERIFY2(!landed[0].headers.count("authorization"), "credentials leaked to another host");
}

void TestHttpClient::refusesHandMadeAuthorizationHeader()
{
    LocalHttpServer server;
    server.route("/h", [](Connection &c, const RecordedRequest &) { c.respond(200, "text/plain", "ok"); });
    HttpClient client;
    HttpRequest request = requestFor(server.url("/h"));
    request.headers << qMakePair(QByteArray("Authorization"), QByteArray("Bearer leaked"));
    request.headers << qMakePair(QByteArray("Accept"), QByteArray("application/json"));
    QCOMPARE(fetch(client, request).status, 200);
    const auto sent = server.requests();
    QVERIFY(!sent[0].headers.count("authorization"));
    QCOMPARE(sent[0].headers.at("accept"), std::string("application/json"));
}

void TestHttpClient::stopsRedirectLoops()
{
    LocalHttpServer server;
    server.route("/loop", [](Connection &c, const RecordedRequest &) {
        c.respond(302, "text/plain", "", "Location: /loop\r\n");
    });
    HttpClient client;
    HttpRequest request = requestFor(server.url("/loop"));
    request.maxRedirects = 3;
    QCOMPARE(fetch(client, request).error, HttpError::TooManyRedirects);
}

void TestHttpClient::refusesOtherSchemes()
{
    LocalHttpServer server;
    server.route("/to-file", [](Connection &c, const RecordedRequest &) {
        c.respond(302, "text/plain", "", "Location: file:///etc/passwd\r\n");
    });
    HttpClient client;
    QCOMPARE(fetch(client, requestFor(server.url("/to-file"))).error, HttpError::UnsupportedScheme);
    QCOMPARE(fetch(client, requestFor("file:///etc/passwd")).error, HttpError::UnsupportedScheme);
    QCOMPARE(fetch(client, requestFor("ftp://127.0.0.1/x")).error, HttpError::UnsupportedScheme);
}

void TestHttpClient::closedConnectionIsReported()
{
    LocalHttpServer server;
    server.route("/hangup", [](Connection &, const RecordedRequest &) {});
    HttpClient client;
    QCOMPARE(fetch(client, requestFor(server.url("/hangup"))).error, HttpError::ConnectionClosed);
}

void TestHttpClient::streamsPiecesAsTheyCome()
{
    // A chunked answer that stays open longer than the total timeout and idles
    // longer than the low-speed window: a stream is neither slow nor late.
    LocalHttpServer server;
    server.route("/events", [](Connection &c, const RecordedRequest &) {
        c.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        c.sleepMs(300);
        c.write("6\r\n{\"a\":1\r\n");
        c.sleepMs(1500);
        c.write("3\r\n}\n\n\r\n0\r\n\r\n");
    });
    HttpClient client;
    Answers answers(client);
    QList<quint64> opened;
    QByteArray received;
    int piecesWhenOpened = -1;
    int pieces = 0;
    connect(&client, &HttpClient::streamOpened, this, [&](quint64 id) { opened.append(id); piecesWhenOpened = pieces; }, Qt::QueuedConnection);
    connect(&client, &HttpClient::received, this, [&](quint64, const QByteArray &bytes) { received += bytes; ++pieces; }, Qt::QueuedConnection);
    HttpRequest r = requestFor(server.url("/events"));
    r.stream = true;
    r.totalTimeoutMs = 1000;
    r.lowSpeedSeconds = 1;
    const auto id = client.send(r);
    QVERIFY(answers.waitFor(1, 10000));
    QCOMPARE(opened, QList<quint64>({id}));
    QCOMPARE(piecesWhenOpened, 0);  // opened before any piece of the body
    QCOMPARE(received, QByteArray("{\"a\":1}\n\n"));
    QVERIFY(pieces >= 2);
    const HttpResponse done = *answers.of(id);
    QVERIFY2(done.isSuccess(), qPrintable(done.errorMessage));
    QVERIFY(done.body.isEmpty());
}

void TestHttpClient::streamThatFailsKeepsItsErrorBody()
{
    LocalHttpServer server;
    server.route("/events", [](Connection &c, const RecordedRequest &) {
        c.respond(400, "application/json", R"({"message":"client version 1.99 is too new"})");
    });
    HttpClient client;
    int opened = 0;
    connect(&client, &HttpClient::streamOpened, this, [&](quint64) { ++opened; }, Qt::QueuedConnection);
    HttpRequest r = requestFor(server.url("/events"));
    r.stream = true;
    const HttpResponse answer = fetch(client, r);
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.body, QByteArray(R"({"message":"client version 1.99 is too new"})"));
    QCOMPARE(opened, 0);
}

void TestHttpClient::cancelsInFlightRequest()
{
    LocalHttpServer server;
    server.route("/stall", [](Connection &c, const RecordedRequest &) { c.sleepMs(20000); });
    HttpClient client;
    Answers answers(client);
    const auto id = client.send(requestFor(server.url("/stall")));
    QTest::qWait(100);
    client.cancel(id);
    QVERIFY(answers.waitFor(1, 3000));
    QCOMPARE(answers.all().size(), size_t(1));
    QCOMPARE(answers.all().front().first, id);
    QCOMPARE(answers.all().front().second.error, HttpError::Canceled);
    QCOMPARE(client.inFlight(), 0);
}

void TestHttpClient::runsManyRequestsConcurrently()
{
    LocalHttpServer server;
    server.route("/slow", [](Connection &c, const RecordedRequest &) {
        c.sleepMs(300);
        c.respond(200, "text/plain", "ok");
    });
    HttpClient client;
    Answers answers(client);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 40; ++i)
        client.send(requestFor(server.url("/slow")));
    QVERIFY(answers.waitFor(40, 20000));
    QCOMPARE(answers.all().size(), size_t(40));
    for (const auto &[id, r] : answers.all())
        QCOMPARE(r.status, 200);
    // Four connections per host: ten rounds of 300 ms, not forty.
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
}

void TestHttpClient::caFileJoinsTheSystemsCas()
{
    // docs/configuration.md: ca_file is trusted *besides* the system's CAs.
    QTemporaryDir dir;
    const QString system = dir.filePath(QStringLiteral("system.pem"));
    const QString own = dir.filePath(QStringLiteral("own.pem"));
    const QString notPem = dir.filePath(QStringLiteral("not.pem"));
    for (const auto &[path, text] : {std::pair{system, QByteArray("-----BEGIN CERTIFICATE-----\nSYSTEM\n-----END CERTIFICATE-----")},
                                     std::pair{own, QByteArray("-----BEGIN CERTIFICATE-----\nOWN\n-----END CERTIFICATE-----\n")},
                                     std::pair{notPem, QByteArray("just text\n")}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    CaBundleCache cache(system);
    QString error;
    const QByteArray bundle = cache.bundleWith(own, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(bundle.startsWith("-----BEGIN CERTIFICATE-----\nSYSTEM\n-----END CERTIFICATE-----\n"));
    QVERIFY(bundle.endsWith("OWN\n-----END CERTIFICATE-----\n"));
    QVERIFY(cache.bundleWith(notPem, &error).isEmpty());
    QVERIFY(error.contains(QLatin1String("no PEM certificate")));
    QVERIFY(cache.bundleWith(dir.filePath(QStringLiteral("missing.pem")), &error).isEmpty());
    QVERIFY(error.contains(QLatin1String("cannot read")));

    // By default, the system's CAs are the ones libcurl was built to trust.
    const QString curlDefault = CaBundleCache::defaultCurlCaFile();
    QVERIFY2(QFile::exists(curlDefault), qPrintable(curlDefault));
    QFile defaults(curlDefault);
    QVERIFY(defaults.open(QIODevice::ReadOnly));
    CaBundleCache real;
    QVERIFY(real.bundleWith(own, &error).startsWith(defaults.read(4096)));
}

void TestHttpClient::trustsItsCaFileOverTls()
{
    // A CA and a server certificate for 127.0.0.1 made here, served by openssl s_server.
    testsupport::TestPki pki;
    QVERIFY2(pki.ok(), qPrintable(pki.error()));
    const int port = LocalHttpServer::unusedPort();
    QProcess server;
    server.start(QStringLiteral("openssl"), {QStringLiteral("s_server"), QStringLiteral("-quiet"), QStringLiteral("-www"),
                                             QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(port),
                                             QStringLiteral("-cert"), pki.serverCertFile(),
                                             QStringLiteral("-key"), pki.serverKeyFile()});
    QVERIFY(server.waitForStarted());

    HttpClient client;
    HttpRequest request = requestFor("https://127.0.0.1:" + std::to_string(port) + "/");
    // Up once it answers a request that verifies nothing (shown in the UI when a profile says so).
    request.insecure = true;
    HttpResponse r = fetch(client, request);
    for (int i = 0; i < 50 && !r.transportOk(); ++i) {
        QTest::qWait(100);
        r = fetch(client, request);
    }
    QVERIFY2(r.transportOk(), qPrintable(r.errorMessage));
    request.insecure = false;
    r = fetch(client, request);
    QCOMPARE(r.error, HttpError::Tls);  // the system's CAs do not know ours
    request.caFile = pki.caFile();
    r = fetch(client, request);
    QVERIFY2(r.transportOk(), qPrintable(r.errorMessage));
    QCOMPARE(r.status, 200);
    // The CA as PEM bytes (a kubeconfig's certificate-authority-data): trusted alone, and it wins over the file.
    QFile ca(pki.caFile());
    QVERIFY(ca.open(QIODevice::ReadOnly));
    request.caPem = ca.readAll();
    request.caFile = pki.path(QStringLiteral("absent.pem"));
    r = fetch(client, request);
    QVERIFY2(r.transportOk(), qPrintable(r.errorMessage));
    testsupport::TestPki other;
    QVERIFY(other.ok());
    QFile otherCa(other.caFile());
    QVERIFY(otherCa.open(QIODevice::ReadOnly));
    request.caPem = otherCa.readAll();
    r = fetch(client, request);
    QCOMPARE(r.error, HttpError::Tls);  // not ours, and the system's are not asked
    request.caPem.clear();
    request.caFile = pki.path(QStringLiteral("absent.pem"));
    r = fetch(client, request);
    QCOMPARE(r.error, HttpError::Tls);
    QVERIFY2(r.errorMessage.contains(QLatin1String("absent.pem")), qPrintable(r.errorMessage));
    server.kill();
    server.waitForFinished();
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_http_client.moc"
