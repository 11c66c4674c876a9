#pragma once

// Alerts and silences as plain values, whatever source they came from
// (Alertmanager, Prometheus, the monitoring database), and the rules of an
// acknowledgement: which silence is an ack, what a valid silence is.

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

// The marker an OpsDeck acknowledgement writes into its silence comment:
// "[opsdeck ack=<id>]", plus " until-resolved" when the console keeps the
// silence alive only while the alert fires. The id makes retries idempotent:
// before sending again, a client looks for a silence carrying it.
QString newAckId();
QString ackMarker(const QString &ackId, bool untilResolved);
// Other silences OpsDeck creates carry "[opsdeck id=<id>]": retried the same way, not acks.
QString silenceMarker(const QString &id);
QString ackIdOf(const QString &comment);  // the id of either marker; empty when there is none
bool isUntilResolved(const QString &comment);
// The comment as its author wrote it, without our marker: for people.
QString commentForPeople(const QString &comment);
// A silence is an acknowledgement when it carries our marker or its comment starts with "ACK".
bool isAcknowledgement(const Silence &silence);

// The matchers of a silence as LabelMatchers, to preview what it will silence.
std::vector<LabelMatcher> toLabelMatchers(const std::vector<SilenceMatcher> &matchers, QString *error);
std::vector<SilenceMatcher> fromLabelMatchers(const std::vector<LabelMatcher> &matchers);
QString formatMatchers(const std::vector<SilenceMatcher> &matchers);  // a="b", c=~"d"
bool silenceMatches(const std::vector<LabelMatcher> &matchers, const Alert &alert);

// The labels that identify an alert for an ack by default: alertname plus
// instance or service, whichever it has (both when it has both).
std::vector<SilenceMatcher> defaultAckMatchers(const Alert &alert);

// Why a silence must not be sent, or empty. Refused: no matchers, a matcher
// that also matches the empty string (it would silence alerts lacking the
// label), an invalid regex, an end not after its start or in the past, no
// creator or no comment.
QString validateSilence(const Silence &silence, qint64 nowMs);

// The state after applying the silences we know: an Alertmanager "suppressed"
// alert is inhibited, silenced, or acknowledged when one of its silences is an ack.
AlertState classifyAlert(const Alert &alert, const std::vector<Silence> &silences);

// RFC 3339 with any number of fractional digits and a Z or ±hh:mm offset.
std::optional<qint64> parseRfc3339Ms(std::string_view text);
QString formatRfc3339Ms(qint64 ms);

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::Alert)
Q_DECLARE_METATYPE(opsdeck::Silence)
Q_DECLARE_METATYPE(opsdeck::AlertSnapshot)
