// One lookup per secret per profile: however many endpoints name the same
// keychain entry, the OS keyring is asked once, off the caller's thread, and
// every endpoint waiting on it gets its credentials when the answer comes.

#include "config/secret_cache.h"
#include "net/credential_resolver.h"

#include <QSignalSpy>
#include <QThread>
#include <QTest>

#include <atomic>

using namespace opsdeck;

class TestSecretCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asksTheKeyringOnceForManyEndpoints();
    void environmentAnswersAtOnceAndOnce();
    void failedLookupIsKeptAndSaid();
};

namespace {

SecretRef keychain(const char *key)
{
    return {SecretRef::Kind::Keychain, QString::fromLatin1(key)};
}

EndpointSecurity bearer(const SecretRef &ref)
{
    EndpointSecurity s;
    s.bearerToken = ref;
    return s;
}

} // namespace

void TestSecretCache::asksTheKeyringOnceForManyEndpoints()
{
    std::atomic<int> asked{0};
    SecretCache cache([&asked](const SecretRef &ref) {
        ++asked;
        QThread::msleep(50);  // a keyring takes its time
        return SecretLookup{QStringLiteral("token-of-") + ref.key, {}};
    });
    // The health checker's and the scraper's resolvers of one profile, and a third user.
    CredentialResolver health(&cache), scrape(&cache), alerts(&cache);
    QSignalSpy healthReady(&health, &CredentialResolver::ready);
    QSignalSpy scrapeReady(&scrape, &CredentialResolver::ready);
    health.resolve({bearer(keychain("api")), bearer(keychain("db"))}, {QStringLiteral("api"), QStringLiteral("db")});
    scrape.resolve({bearer(keychain("api"))}, {QStringLiteral("api")});
    alerts.resolve({bearer(keychain("api"))}, {QStringLiteral("am")});
    QVERIFY(!health.isReady(0) && !health.isReady(1) && !scrape.isReady(0));
    QTRY_COMPARE(healthReady.count(), 2);
    QTRY_COMPARE(scrapeReady.count(), 1);
    QVERIFY(alerts.isReady(0));
    QCOMPARE(asked.load(), 2);  // api and db, once each
    QCOMPARE(cache.lookupCount(), 2);
    QCOMPARE(scrape.auth(0).secret, QStringLiteral("token-of-api"));
    QCOMPARE(health.auth(1).secret, QStringLiteral("token-of-db"));
    QCOMPARE(scrape.auth(0).kind, HttpAuth::Kind::Bearer);

    // Asked again later (a profile's endpoints re-set): from the cache, at once.
    CredentialResolver later(&cache);
    later.resolve({bearer(keychain("api"))}, {QStringLiteral("api")});
    QVERIFY(later.isReady(0));
    QCOMPARE(asked.load(), 2);
}

void TestSecretCache::environmentAnswersAtOnceAndOnce()
{
    int asked = 0;
    SecretCache cache([&asked](const SecretRef &) {
        ++asked;
        return SecretLookup{QStringLiteral("s3cret"), {}};
    });
    const SecretRef env{SecretRef::Kind::Env, QStringLiteral("OPSDECK_TOKEN")};
    EndpointSecurity basic;
    basic.basicUser = QStringLiteral("ops");
    basic.basicPassword = env;
    CredentialResolver a(&cache), b(&cache);
    a.resolve({bearer(env), basic}, {QStringLiteral("x"), QStringLiteral("y")});
    b.resolve({bearer(env)}, {QStringLiteral("z")});
    QVERIFY(a.isReady(0) && a.isReady(1) && b.isReady(0));
    QCOMPARE(asked, 1);
    QCOMPARE(a.auth(1).kind, HttpAuth::Kind::Basic);
    QCOMPARE(a.auth(1).user, QStringLiteral("ops"));
    QCOMPARE(a.auth(1).secret, QStringLiteral("s3cret"));
}

void TestSecretCache::failedLookupIsKeptAndSaid()
{
    int asked = 0;
    SecretCache cache([&asked](const SecretRef &ref) {
        ++asked;
        return SecretLookup{{}, QStringLiteral("keychain entry \"%1\" not found").arg(ref.key)};
    });
    CredentialResolver r(&cache);
    QSignalSpy ready(&r, &CredentialResolver::ready);
    r.resolve({bearer(keychain("gone")), bearer(keychain("gone"))}, {QStringLiteral("a"), QStringLiteral("b")});
    QTRY_COMPARE(ready.count(), 2);
    QCOMPARE(asked, 1);
    QVERIFY(r.auth(0).secret.isEmpty());  // the request goes without; the server refuses visibly
    const std::optional<SecretLookup> kept = cache.get(keychain("gone"));
    QVERIFY(kept && !kept->ok());
    QCOMPARE(asked, 1);
}

QTEST_GUILESS_MAIN(TestSecretCache)
#include "tst_secret_cache.moc"
