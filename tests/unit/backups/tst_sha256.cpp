// SHA-256 as the backup manifests need it: FIPS 180-2's test vectors, a file
// hashed the same as by coreutils' sha256sum, progress and cancellation, and a
// file that cannot be read.

#include "backups/sha256.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestSha256 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fipsVectors_data();
    void fipsVectors();
    void fileMatchesSha256sum();
    void progressAndCancel();
    void unreadableFileIsSaid();
};

void TestSha256::fipsVectors_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("repeat");
    QTest::addColumn<QString>("digest");
    QTest::newRow("empty") << QByteArray() << 1
                           << QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("abc") << QByteArray("abc") << 1
                         << QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    QTest::newRow("448 bits") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") << 1
                              << QStringLiteral("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    QTest::newRow("a million a") << QByteArray(1000, 'a') << 1000
                                 << QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

void TestSha256::fipsVectors()
{
    QFETCH(QByteArray, message);
    QFETCH(int, repeat);
    QFETCH(QString, digest);
    Sha256 hasher;
    for (int i = 0; i < repeat; ++i)
        hasher.add(message);
    QCOMPARE(hasher.finishHex(), digest);
}

void TestSha256::fileMatchesSha256sum()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dump"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray block(1 << 20, '\0');
    for (int i = 0; i < block.size(); ++i)
        block[i] = char((unsigned(i) * 7919u) >> 3);
    for (int i = 0; i < 5; ++i)
        f.write(block);
    f.write("tail", 4);  // not a multiple of the chunk
    f.close();
    const FileDigest ours = sha256OfFile(path);
    QVERIFY2(ours.ok(), qPrintable(ours.error));
    QCOMPARE(ours.bytes, 5LL * (1 << 20) + 4);
    QProcess coreutils;
    coreutils.start(QStringLiteral("sha256sum"), {path});
    QVERIFY(coreutils.waitForFinished(10000));
    QCOMPARE(ours.sha256, QString::fromLatin1(coreutils.readAllStandardOutput().left(64)));
}

void TestSha256::progressAndCancel()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(f.resize(40LL << 20));  // 40 MiB of zeros
    f.close();
    QList<qint64> reports;
    const FileDigest whole = sha256OfFile(path, [&reports](qint64 done) {
        reports << done;
        return true;
    });
    QVERIFY(whole.ok());
    QCOMPARE(reports.size(), 2);  // at 16 and 32 MiB
    QCOMPARE(reports.first(), 16LL << 20);
    const FileDigest stopped = sha256OfFile(path, [](qint64) { return false; });
    QVERIFY(!stopped.ok());
    QVERIFY(stopped.error.endsWith(QStringLiteral(": cancelled")));
    QVERIFY(stopped.sha256.isEmpty());
}

void TestSha256::unreadableFileIsSaid()
{
    const FileDigest missing = sha256OfFile(QStringLiteral("/nonexistent/opsdeck/dump"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error, QStringLiteral("/nonexistent/opsdeck/dump: No such file or directory"));
    QTemporaryDir dir;
    const FileDigest directory = sha256OfFile(dir.path());
    QVERIFY(!directory.ok());
    QVERIFY(directory.error.contains(QStringLiteral("Is a directory")));
}

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
