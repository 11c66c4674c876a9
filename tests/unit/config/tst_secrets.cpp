#include "config/secrets.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEnvironment();
    void matchesPgpassLikeLibpq();
    void refusesPgpassReadableByOthers();
};

void TestSecrets::readsEnvironment()
{
    qputenv("OPSDECK_TEST_SECRET", "s3cret");
    const auto found = resolveSecret({SecretRef::Kind::Env, QStringLiteral("OPSDECK_TEST_SECRET")});
    QVERIFY(found.ok());
    QCOMPARE(found.value, QStringLiteral("s3cret"));
    qunsetenv("OPSDECK_TEST_SECRET");
    const auto missing = resolveSecret({SecretRef::Kind::Env, QStringLiteral("OPSDECK_TEST_SECRET")});
    QVERIFY(!missing.ok());
    QVERIFY(missing.error.contains(QLatin1String("OPSDECK_TEST_SECRET is not set")));
    QVERIFY(!missing.error.contains(QLatin1String("s3cret")));
}

void TestSecrets::matchesPgpassLikeLibpq()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pgpass"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# comment\n"
            "otherhost:5432:app:ops:wrong\n"
            "127.0.0.1:15432:app:ops:pa\\:ss\\\\word\n"
            "*:*:*:ops:fallback\n");
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    auto found = lookupPgpass(path, {QStringLiteral("127.0.0.1"), 15432, QStringLiteral("app"), QStringLiteral("ops")});
    QVERIFY2(found.ok(), qPrintable(found.error));
    QCOMPARE(found.value, QStringLiteral("pa:ss\\word"));
    found = lookupPgpass(path, {QStringLiteral("db.example"), 5432, QStringLiteral("x"), QStringLiteral("ops")});
    QCOMPARE(found.value, QStringLiteral("fallback"));
    found = lookupPgpass(path, {QStringLiteral("db.example"), 5432, QStringLiteral("x"), QStringLiteral("other")});
    QVERIFY(!found.ok());
    QVERIFY(found.error.contains(QLatin1String("no entry for other@db.example:5432/x")));
}

void TestSecrets::refusesPgpassReadableByOthers()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pgpass"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("*:*:*:*:pw\n");
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    const auto found = lookupPgpass(path, {QStringLiteral("h"), 5432, QStringLiteral("d"), QStringLiteral("u")});
    QVERIFY(!found.ok());
    QVERIFY(found.error.contains(QLatin1String("chmod 0600")));
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
