#include "credential_resolver.h"

#include "logging.h"
#include "secrets.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace opsdeck {

HttpAuth resolveAuthNow(const EndpointSecurity &sec, QString *error)
{
    const bool bearer = sec.bearerToken.isSet();
    if (!bearer && sec.basicUser.isEmpty())
        return {};
    const SecretLookup found = resolveSecret(bearer ? sec.bearerToken : sec.basicPassword);
    if (!found.ok())
        *error = found.error;
    return bearer ? HttpAuth{HttpAuth::Kind::Bearer, {}, found.value} : HttpAuth{HttpAuth::Kind::Basic, sec.basicUser, found.value};
}

CredentialResolver::CredentialResolver(QObject *parent)
    : QObject(parent)
{
}

void CredentialResolver::resolve(const QList<EndpointSecurity> &endpoints, const QStringList &names)
{
    ++m_generation;
    m_entries.assign(size_t(endpoints.size()), Entry{});
    for (int index = 0; index < endpoints.size(); ++index) {
        const EndpointSecurity &sec = endpoints[index];
        const bool bearer = sec.bearerToken.isSet();
        if (!bearer && sec.basicUser.isEmpty())
            continue;
        const SecretRef ref = bearer ? sec.bearerToken : sec.basicPassword;
        const QString name = names.value(index);
        auto apply = [this, index, bearer, user = sec.basicUser, name](const SecretLookup &found) {
            if (!found.ok())
                logWarn(QStringLiteral("%1: credentials: %2").arg(name, found.error));
            Entry &e = m_entries[size_t(index)];
            e.auth = bearer ? HttpAuth{HttpAuth::Kind::Bearer, {}, found.value}
                            : HttpAuth{HttpAuth::Kind::Basic, user, found.value};
            e.ready = true;
        };
        if (ref.kind != SecretRef::Kind::Keychain) {
            apply(resolveSecret(ref));
            continue;
        }
        m_entries[size_t(index)].ready = false;
        auto *watcher = new QFutureWatcher<SecretLookup>(this);
        const quint64 generation = m_generation;
        connect(watcher, &QFutureWatcher<SecretLookup>::finished, this, [this, watcher, generation, apply, index] {
            watcher->deleteLater();
            if (generation != m_generation)
                return;  // the endpoints changed meanwhile
            apply(watcher->result());
            Q_EMIT ready(index);
        });
        watcher->setFuture(QtConcurrent::run([ref] { return resolveSecret(ref); }));
    }
}

} // namespace opsdeck
