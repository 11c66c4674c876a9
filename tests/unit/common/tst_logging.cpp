#include "common/logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/spdlog.h>

using namespace opsdeck;

class TestLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redactsCredentialsInUrls();
    void writesOneJsonObjectPerLine();
    void refusesUnknownLevel();
};

void TestLogging::redactsCredentialsInUrls()
{
    const QString safe = redactUrl(QUrl(QStringLiteral("https://bob:hunter2@api.example.com/x?token=abc&page=2&api_key=zzz")));
    QVERIFY2(!safe.contains(QLatin1String("hunter2")), qPrintable(safe));
    QVERIFY(!safe.contains(QLatin1String("bob")));
    QVERIFY(!safe.contains(QLatin1String("abc")));
    QVERIFY(!safe.contains(QLatin1String("zzz")));
    QVERIFY(safe.contains(QLatin1String("page=2")));
    QVERIFY(safe.contains(QLatin1String("api.example.com/x")));
    QCOMPARE(redactUrl(QUrl(QStringLiteral("http://127.0.0.1:9090/metrics"))), QStringLiteral("http://127.0.0.1:9090/metrics"));
}

void TestLogging::writesOneJsonObjectPerLine()
{
    QTemporaryDir dir;
    LogOptions options;
    options.json = true;
    options.directory = dir.path();
    options.toStderr = false;
    options.level = QStringLiteral("debug");
    QCOMPARE(initLogging(options), QString());
    logInfo(QStringLiteral("a \"quoted\" message\nwith a newline, a tab\t and a backslash \\ and 中文"));
    logWarn(QStringLiteral("second"));
    spdlog::default_logger()->flush();

    QFile file(QDir(dir.path()).filePath(QStringLiteral("opsdeck.log")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QJsonParseError error;
    const QJsonObject first = QJsonDocument::fromJson(lines[0], &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + u' ' + QString::fromUtf8(lines[0])));
    QCOMPARE(first.value(QStringLiteral("level")).toString(), QStringLiteral("info"));
    QVERIFY(first.value(QStringLiteral("message")).toString().contains(QStringLiteral("\"quoted\" message\nwith")));
    QVERIFY(first.value(QStringLiteral("message")).toString().contains(QStringLiteral("中文")));
    QCOMPARE(QJsonDocument::fromJson(lines[1]).object().value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
    spdlog::shutdown();
}

void TestLogging::refusesUnknownLevel()
{
    LogOptions options;
    options.level = QStringLiteral("loud");
    QVERIFY(initLogging(options).contains(QLatin1String("unknown log level")));
    QVERIFY(isValidLogLevel(QStringLiteral("off")));
    QVERIFY(isValidLogLevel(QStringLiteral("debug")));
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
