#include "config/secrets.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>

#ifdef OPSDECK_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace opsdeck {

QStringList splitPgpassLine(const QString &line)
{
    QStringList fields;
    QString current;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (c == u'\\' && i + 1 < line.size()) {
            current += line[++i];
        } else if (c == u':' && fields.size() < 4) {
            fields << current;
            current.clear();
        } else {
            current += c;
        }
    }
    fields << current;
    return fields;
}

namespace {

bool fieldMatches(const QString &pattern, const QString &value)
{
    return pattern == u"*" || pattern == value;
}

#ifdef OPSDECK_HAVE_KEYCHAIN
SecretLookup readKeychain(const QString &key)
{
    QKeychain::ReadPasswordJob job(QStringLiteral("opsdeck"));
    job.setAutoDelete(false);
    job.setKey(key);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::NoError)
        return {job.textData(), {}};
    if (job.error() == QKeychain::NoBackendAvailable)
        return {{}, QStringLiteral("no OS keychain is available on this machine")};
    if (job.error() == QKeychain::EntryNotFound)
        return {{}, QStringLiteral("keychain entry \"%1\" not found (service \"opsdeck\")").arg(key)};
    return {{}, QStringLiteral("keychain entry \"%1\": %2").arg(key, job.errorString())};
}
#endif

} // namespace

QString storeKeychainSecret(const QString &key, const QString &value)
{
#ifdef OPSDECK_HAVE_KEYCHAIN
    QKeychain::WritePasswordJob job(QStringLiteral("opsdeck"));
    job.setAutoDelete(false);
    job.setKey(key);
    job.setTextData(value);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::NoError)
        return {};
    if (job.error() == QKeychain::NoBackendAvailable)
        return QStringLiteral("no OS keychain is available on this machine; choose an environment variable or pgpass");
    return QStringLiteral("keychain entry \"%1\": %2").arg(key, job.errorString());
#else
    Q_UNUSED(key)
    Q_UNUSED(value)
    return QStringLiteral("this build has no keychain support (QtKeychain was not found); choose an environment variable or pgpass");
#endif
}

QString defaultPgpassFile()
{
    const QString fromEnv = qEnvironmentVariable("PGPASSFILE");
    if (!fromEnv.isEmpty())
        return fromEnv;
#ifdef Q_OS_WIN
    return qEnvironmentVariable("APPDATA") + QStringLiteral("/postgresql/pgpass.conf");
#else
    return QDir::homePath() + QStringLiteral("/.pgpass");
#endif
}

SecretLookup lookupPgpass(const QString &path, const PgpassTarget &target)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {{}, QStringLiteral("cannot read pgpass file %1: %2").arg(path, file.errorString())};
#ifndef Q_OS_WIN
    // libpq ignores a pgpass file that others can read; so do we, and say why.
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                              | QFileDevice::WriteOther))
        return {{}, QStringLiteral("pgpass file %1 is readable by others; chmod 0600 it").arg(path)};
#endif
    const QString port = QString::number(target.port);
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList f = splitPgpassLine(line);
        if (f.size() != 5)
            continue;
        if (fieldMatches(f[0], target.host) && fieldMatches(f[1], port) && fieldMatches(f[2], target.dbname)
            && fieldMatches(f[3], target.user))
            return {f[4], {}};
    }
    return {{}, QStringLiteral("no entry for %1@%2:%3/%4 in %5")
                    .arg(target.user, target.host, port, target.dbname, path)};
}

SecretLookup resolveSecret(const SecretRef &ref, const PgpassTarget &pgpass)
{
    switch (ref.kind) {
    case SecretRef::Kind::None:
        return {};
    case SecretRef::Kind::Env: {
        if (!qEnvironmentVariableIsSet(ref.key.toLocal8Bit().constData()))
            return {{}, QStringLiteral("environment variable %1 is not set").arg(ref.key)};
        return {qEnvironmentVariable(ref.key.toLocal8Bit().constData()), {}};
    }
    case SecretRef::Kind::Pgpass:
        return lookupPgpass(defaultPgpassFile(), pgpass);
    case SecretRef::Kind::Keychain:
#ifdef OPSDECK_HAVE_KEYCHAIN
        return readKeychain(ref.key);
#else
        return {{}, QStringLiteral("this build has no keychain support (QtKeychain was not found)")};
#endif
    }
    return {};
}

} // namespace opsdeck
