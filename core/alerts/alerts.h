#pragma once

// Alerts and silences as plain values, whatever source they came from
// (Alertmanager, Prometheus, the monitoring database). What makes a silence an
// acknowledgement is in ack_rules.h; silence matchers in silence_matchers.h.

#include "metrics/label_matcher.h"
#include "metrics/series_store.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace opsdeck {

enum class AlertSourceKind { Alertmanager, Prometheus, Database };

// A source of alerts as the profile declares it, known before it first answers.
struct AlertSourceId {
    QString name;
    AlertSourceKind kind = AlertSourceKind::Alertmanager;
};

// What the operator sees. Alertmanager says active/suppressed/unprocessed;
// Prometheus pending/firing; the database resolved or not. Acknowledged is a
// silence of ours (or another console's) whose comment carries the ACK marker.
enum class AlertState { Pending, Firing, Inhibited, Silenced, Acknowledged };

QString alertStateKey(AlertState state);  // pending, firing, inhibited, silenced, acknowledged

struct Alert {
    QString source;  // the configured name of the source that reported it
    AlertSourceKind sourceKind = AlertSourceKind::Alertmanager;
    QString fingerprint;  // Alertmanager's, or one computed from the labels
    Labels labels;        // sorted by name
    Labels annotations;   // sorted by name
    AlertState state = AlertState::Firing;
    qint64 startsAtMs = 0;
    qint64 endsAtMs = 0;
    qint64 updatedAtMs = 0;
    QString generatorUrl;
    QStringList silencedBy;   // silence ids
    QStringList inhibitedBy;  // fingerprints
    QStringList receivers;
    Labels groupLabels;       // the Alertmanager group it was reported in
    qint64 databaseId = -1;   // the row of the monitoring database's alerts table

    std::string label(std::string_view name) const;
    std::string annotation(std::string_view name) const;
    QString severity() const { return QString::fromStdString(label("severity")); }
    QString name() const { return QString::fromStdString(label("alertname")); }
    // What it is about: its service, instance, source or job label, the first it has; empty if none.
    QString target() const;
};

struct SilenceMatcher {
    std::string name;
    std::string value;
    bool isRegex = false;
    bool isEqual = true;

    bool operator==(const SilenceMatcher &) const = default;
};

struct Silence {
    QString id;
    std::vector<SilenceMatcher> matchers;
    qint64 startsAtMs = 0;
    qint64 endsAtMs = 0;
    qint64 updatedAtMs = 0;
    QString createdBy;
    QString comment;
    QString state;  // active, pending, expired

    bool isActive() const { return state == u"active"; }
};

// One poll of one source: a plain value handed from the fetch to the model.
// A failed poll carries its error and no alerts; the model keeps the last good
// ones and marks them stale.
struct AlertSnapshot {
    QString source;
    AlertSourceKind kind = AlertSourceKind::Alertmanager;
    bool ok = false;
    QString error;
    QString answeredBy;  // the cluster member (URL) or database that answered
    qint64 fetchedAtMs = 0;
    std::vector<Alert> alerts;
    std::vector<Silence> silences;  // Alertmanager only
    QStringList warnings;           // e.g. Prometheus rules whose evaluation fails
};

// Alertmanager's fingerprint is opaque; sources without one (Prometheus, the
// database) get a stable hash of their labels so merges can follow them.
QString fingerprintOf(const Labels &labels);

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::Alert)
Q_DECLARE_METATYPE(opsdeck::Silence)
Q_DECLARE_METATYPE(opsdeck::AlertSnapshot)
