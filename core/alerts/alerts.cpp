#include "alerts/alerts.h"

#include <algorithm>

namespace opsdeck {

QString alertStateKey(AlertState state)
{
    switch (state) {
    case AlertState::Pending: return QStringLiteral("pending");
    case AlertState::Firing: return QStringLiteral("firing");
    case AlertState::Inhibited: return QStringLiteral("inhibited");
    case AlertState::Silenced: return QStringLiteral("silenced");
    case AlertState::Acknowledged: return QStringLiteral("acknowledged");
    }
    return QStringLiteral("firing");
}

namespace {

std::string find(const Labels &labels, std::string_view name)
{
    for (const auto &[k, v] : labels) {
        if (k == name)
            return v;
    }
    return {};
}

} // namespace

std::string Alert::label(std::string_view name) const
{
    return find(labels, name);
}

QString Alert::target() const
{
    for (const char *name : {"service", "instance", "source", "job"}) {
        const std::string v = label(name);
        if (!v.empty())
            return QString::fromStdString(v);
    }
    return {};
}

std::string Alert::annotation(std::string_view name) const
{
    return find(annotations, name);
}

// FNV-1a 64 over name, 0xff, value, 0xff…, the hash Prometheus and
// Alertmanager use for label sets: the same labels give Alertmanager's fingerprint.
QString fingerprintOf(const Labels &labels)
{
    std::uint64_t hash = 14695981039346656037ULL;
    auto add = [&hash](std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash ^= c;
            hash *= 1099511628211ULL;
        }
    };
    static constexpr char separator[] = "\xff";
    for (const auto &[name, value] : labels) {
        add(name);
        add(std::string_view(separator, 1));
        add(value);
        add(std::string_view(separator, 1));
    }
    return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0'));
}

} // namespace opsdeck
