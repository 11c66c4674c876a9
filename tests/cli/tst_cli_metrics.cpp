// opsdeck-cli metrics parse: output contract and exit codes.

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.start(QStringLiteral(OPSDECK_CLI), args);
    if (!stdinData.isNull()) {
        p.write(stdinData);
        p.closeWriteChannel();
    }
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestCliMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsFamiliesSeriesAndSamples();
    void readsStandardInput();
    void namesFileLineAndColumnOnError();
    void refusesUnknownFormat();
};

void TestCliMetrics::countsFamiliesSeriesAndSamples()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("page.prom"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# TYPE a counter\na{x=\"1\"} 1 1000\na{x=\"1\"} 2 2000\na{x=\"2\"} 3\nb 4\n");
    f.close();
    const Run r = cli({QStringLiteral("metrics"), QStringLiteral("parse"), path});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.last(), QByteArray("families=2 series=3 samples=4"));
    QVERIFY(r.out.contains("a counter 3"));

    const Run json = cli({QStringLiteral("metrics"), QStringLiteral("parse"), QStringLiteral("--json"), path});
    QCOMPARE(json.exitCode, 0);
    QVERIFY(json.out.contains("\"timestamp_ms\":1000"));
    // Counted as it streams, or built whole for --json: the same counts.
    QCOMPARE(json.out.trimmed().split('\n').last(), lines.last());
}

void TestCliMetrics::readsStandardInput()
{
    QByteArray page;
    for (int i = 0; i < 20000; ++i)
        page += "m{i=\"" + QByteArray::number(i) + "\"} " + QByteArray::number(i) + "\n";
    const Run r = cli({QStringLiteral("metrics"), QStringLiteral("parse"), QStringLiteral("-")}, page);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.endsWith("families=1 series=20000 samples=20000\n"));
}

void TestCliMetrics::namesFileLineAndColumnOnError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.prom"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("ok 1\nbad{l=\"v\"} 1 2.5\n");
    f.close();
    const Run r = cli({QStringLiteral("metrics"), QStringLiteral("parse"), path});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith((path + QStringLiteral(":2:14: invalid timestamp")).toUtf8()), r.err.constData());
    QCOMPARE(cli({QStringLiteral("metrics"), QStringLiteral("parse"), dir.filePath(QStringLiteral("none"))}).exitCode, 1);
}

void TestCliMetrics::refusesUnknownFormat()
{
    const Run r = cli({QStringLiteral("metrics"), QStringLiteral("parse"), QStringLiteral("--format"),
                       QStringLiteral("xml"), QStringLiteral("-")}, QByteArray(""));
    QCOMPARE(r.exitCode, 2);
    const Run om = cli({QStringLiteral("metrics"), QStringLiteral("parse"), QStringLiteral("--format"),
                        QStringLiteral("openmetrics"), QStringLiteral("-")},
                       QByteArray("# TYPE a counter\na_total 1\na_created 5\n# EOF\n"));
    QCOMPARE(om.exitCode, 0);
    QVERIFY(om.out.endsWith("families=1 series=2 samples=2\n"));
    const Run noEof = cli({QStringLiteral("metrics"), QStringLiteral("parse"), QStringLiteral("--format"),
                           QStringLiteral("openmetrics"), QStringLiteral("-")}, QByteArray("a 1\n"));
    QCOMPARE(noEof.exitCode, 1);
    QVERIFY(noEof.err.startsWith("<stdin>:2:1: missing"));
    QCOMPARE(cli({QStringLiteral("metrics"), QStringLiteral("frob")}).exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCliMetrics)
#include "tst_cli_metrics.moc"
