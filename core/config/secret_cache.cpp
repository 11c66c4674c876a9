#include "config/secret_cache.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace opsdeck {

SecretCache::SecretCache(Lookup lookup, QObject *parent)
    : QObject(parent), m_lookup(lookup ? std::move(lookup) : Lookup([](const SecretRef &ref) { return resolveSecret(ref); }))
{
}

QString SecretCache::keyOf(const SecretRef &ref)
{
    return QString::number(int(ref.kind)) + u':' + ref.key;
}

std::optional<SecretLookup> SecretCache::get(const SecretRef &ref)
{
    const QString key = keyOf(ref);
    if (const auto it = m_known.constFind(key); it != m_known.constEnd())
        return *it;
    if (m_pending.contains(key))
        return std::nullopt;
    ++m_lookups;
    if (ref.kind != SecretRef::Kind::Keychain) {
        const SecretLookup found = m_lookup(ref);
        m_known.insert(key, found);
        return found;
    }
    // The OS keyring may block (an unlock prompt): never on the caller's thread.
    m_pending.insert(key);
    auto *watcher = new QFutureWatcher<SecretLookup>(this);
    connect(watcher, &QFutureWatcher<SecretLookup>::finished, this, [this, watcher, key] {
        watcher->deleteLater();
        m_pending.remove(key);
        m_known.insert(key, watcher->result());
        Q_EMIT resolved(key);
    });
    watcher->setFuture(QtConcurrent::run([lookup = m_lookup, ref] { return lookup(ref); }));
    return std::nullopt;
}

} // namespace opsdeck
