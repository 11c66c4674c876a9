#pragma once

#include "health/health_interpreter.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QUrl>

namespace opsdeck {

// One request to one of a service's health endpoints.
struct HealthProbe {
    enum class Kind { Health, Liveness, Readiness };
    Kind kind = Kind::Health;
    QUrl url;
    HealthVerdict verdict;
    int httpStatus = 0;
    qint64 latencyMs = 0;
};

QString probeKindName(HealthProbe::Kind kind);

// Everything one check of one service found: an immutable value handed from the
// checker to the models.
struct ServiceHealth {
    QString service;
    HealthStatus status = HealthStatus::Unknown;
    QString reason;
    QString version;
    qint64 latencyMs = 0;  // the slowest of the probes
    QList<HealthComponent> components;
    QList<HealthProbe> probes;
    QDateTime checkedAt;
};

// Folds the probes of one check into one verdict: /health decides, a failed
// liveness probe means down, a failed readiness probe means at least degraded.
ServiceHealth combineProbes(const QString &service, const QList<HealthProbe> &probes, const QDateTime &checkedAt);

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::ServiceHealth)
