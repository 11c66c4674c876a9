#pragma once

// The secrets of one profile, each looked up once however many endpoints use
// it: a service's token serves its health checks and its scrapes, and the OS
// keyring is asked once for it, off the GUI thread. Values never leave the
// process and are never logged.

#include "config/config.h"
#include "config/secrets.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace opsdeck {

class SecretCache : public QObject
{
    Q_OBJECT
public:
    using Lookup = std::function<SecretLookup(const SecretRef &)>;

    // lookup: where secrets come from (resolveSecret by default; tests count calls).
    explicit SecretCache(Lookup lookup = {}, QObject *parent = nullptr);

    // The answer when known. Otherwise starts the one lookup of that secret (a
    // keychain entry on the thread pool, others at once) and returns nothing
    // until resolved(key) says it is in.
    std::optional<SecretLookup> get(const SecretRef &ref);
    static QString keyOf(const SecretRef &ref);

    int lookupCount() const { return m_lookups; }

Q_SIGNALS:
    void resolved(const QString &key);

private:
    Lookup m_lookup;
    QHash<QString, SecretLookup> m_known;
    QSet<QString> m_pending;
    int m_lookups = 0;
};

} // namespace opsdeck
