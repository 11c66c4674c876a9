#pragma once

#include "config/config.h"
#include "net/http_types.h"

#include <QObject>

#include <vector>

namespace opsdeck {

// The credentials of one endpoint, looked up now. May block on the OS keyring:
// for the CLI and worker threads, never the GUI thread. error is set when a
// configured secret cannot be found (the request then goes without).
HttpAuth resolveAuthNow(const EndpointSecurity &security, QString *error);

class SecretCache;
struct SecretLookup;

// The credentials of a list of endpoints, from the profile's SecretCache (each
// secret looked up once, whoever asks): environment and pgpass at once,
// keychain entries on the thread pool (the OS keyring may block). Until an
// endpoint's credentials are ready, isReady() is false and its owner does not
// poll it; a failed lookup is logged and leaves the request without
// credentials, which the server then refuses visibly.
class CredentialResolver : public QObject
{
    Q_OBJECT
public:
    // cache: shared by the profile's users of credentials; without one, a cache of its own.
    explicit CredentialResolver(SecretCache *cache = nullptr, QObject *parent = nullptr);

    // Forgets earlier endpoints; answers for them that arrive later are dropped.
    void resolve(const QList<EndpointSecurity> &endpoints, const QStringList &names);
    bool isReady(int index) const { return m_entries[size_t(index)].ready; }
    const HttpAuth &auth(int index) const { return m_entries[size_t(index)].auth; }

Q_SIGNALS:
    void ready(int index);

private:
    struct Entry {
        bool ready = true;
        HttpAuth auth;
        QString secretKey;  // the SecretCache key awaited, while not ready
    };
    void apply(int index, const SecretLookup &found);
    void onResolved(const QString &key);

    SecretCache *m_cache;
    QList<EndpointSecurity> m_endpoints;
    QStringList m_names;
    std::vector<Entry> m_entries;
};

} // namespace opsdeck
