#include "net/credential_resolver.h"

#include "common/logging.h"
#include "config/secret_cache.h"
#include "config/secrets.h"

namespace opsdeck {

namespace {

// An endpoint's credentials: a bearer token, or a user with a password, or none.
bool hasCredentials(const EndpointSecurity &sec)
{
    return sec.bearerToken.isSet() || !sec.basicUser.isEmpty();
}

const SecretRef &secretOf(const EndpointSecurity &sec)
{
    return sec.bearerToken.isSet() ? sec.bearerToken : sec.basicPassword;
}

HttpAuth authWith(const EndpointSecurity &sec, const QString &secret)
{
    return sec.bearerToken.isSet() ? HttpAuth{HttpAuth::Kind::Bearer, {}, secret} : HttpAuth{HttpAuth::Kind::Basic, sec.basicUser, secret};
}

} // namespace

HttpAuth resolveAuthNow(const EndpointSecurity &sec, QString *error)
{
    if (!hasCredentials(sec))
        return {};
    const SecretLookup found = resolveSecret(secretOf(sec));
    if (!found.ok())
        *error = found.error;
    return authWith(sec, found.value);
}

CredentialResolver::CredentialResolver(SecretCache *cache, QObject *parent)
    : QObject(parent), m_cache(cache ? cache : new SecretCache({}, this))
{
    connect(m_cache, &SecretCache::resolved, this, &CredentialResolver::onResolved);
}

void CredentialResolver::resolve(const QList<EndpointSecurity> &endpoints, const QStringList &names)
{
    m_endpoints = endpoints;
    m_names = names;
    m_entries.assign(size_t(endpoints.size()), Entry{});
    for (int index = 0; index < endpoints.size(); ++index) {
        const EndpointSecurity &sec = endpoints[index];
        if (!hasCredentials(sec))
            continue;
        const SecretRef &ref = secretOf(sec);
        if (const std::optional<SecretLookup> found = m_cache->get(ref)) {
            apply(index, *found);
        } else {
            m_entries[size_t(index)].ready = false;
            m_entries[size_t(index)].secretKey = SecretCache::keyOf(ref);
        }
    }
}

void CredentialResolver::apply(int index, const SecretLookup &found)
{
    const EndpointSecurity &sec = m_endpoints[index];
    if (!found.ok())
        logWarn(QStringLiteral("%1: credentials: %2").arg(m_names.value(index), found.error));
    Entry &e = m_entries[size_t(index)];
    e.auth = authWith(sec, found.value);
    e.ready = true;
    e.secretKey.clear();
}

void CredentialResolver::onResolved(const QString &key)
{
    for (int index = 0; index < int(m_entries.size()); ++index) {
        if (m_entries[size_t(index)].ready || m_entries[size_t(index)].secretKey != key)
            continue;
        if (const std::optional<SecretLookup> found = m_cache->get(secretOf(m_endpoints[index]))) {
            apply(index, *found);
            Q_EMIT ready(index);
        }
    }
}

} // namespace opsdeck
