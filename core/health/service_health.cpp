#include "health/service_health.h"

#include <algorithm>

namespace opsdeck {

QString probeKindName(HealthProbe::Kind kind)
{
    switch (kind) {
    case HealthProbe::Kind::Health: return QStringLiteral("health");
    case HealthProbe::Kind::Liveness: return QStringLiteral("live");
    case HealthProbe::Kind::Readiness: return QStringLiteral("ready");
    }
    return {};
}

ServiceHealth combineProbes(const QString &service, const QList<HealthProbe> &probes, const QDateTime &checkedAt)
{
    ServiceHealth h;
    h.service = service;
    h.checkedAt = checkedAt;
    h.probes = probes;
    if (probes.isEmpty()) {
        h.status = HealthStatus::Unknown;
        h.reason = QStringLiteral("no health endpoint configured");
        return h;
    }

    // The main probe: /health if there is one, else the first configured.
    auto main = std::find_if(probes.begin(), probes.end(),
                             [](const HealthProbe &p) { return p.kind == HealthProbe::Kind::Health; });
    if (main == probes.end())
        main = probes.begin();

    h.status = main->verdict.status;
    h.reason = main->verdict.reason;
    h.version = main->verdict.version;
    h.components = main->verdict.components;

    for (const HealthProbe &p : probes) {
        h.latencyMs = std::max(h.latencyMs, p.latencyMs);
        if (h.version.isEmpty())
            h.version = p.verdict.version;
        if (&p == &*main)
            continue;
        h.components << HealthComponent{probeKindName(p.kind), p.verdict.status, p.verdict.reason};
        if (p.verdict.status == HealthStatus::Healthy)
            continue;
        // A probe that could not be reached while the main one was says little more
        // than the main one; a probe that answered "no" says a lot.
        HealthStatus implied = p.verdict.status;
        if (p.kind == HealthProbe::Kind::Readiness && isFailing(implied))
            implied = HealthStatus::Degraded;
        if (static_cast<int>(implied) > static_cast<int>(h.status)) {
            h.status = implied;
            const QString what = p.kind == HealthProbe::Kind::Readiness ? QStringLiteral("not ready")
                                                                        : QStringLiteral("liveness failed");
            h.reason = what + QStringLiteral(": ") + p.verdict.reason;
        }
    }
    return h;
}

} // namespace opsdeck
