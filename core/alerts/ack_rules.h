#pragma once

// The rules of an acknowledgement: the marker an OpsDeck ack writes into its
// silence, which silence is an ack, what a valid silence is, and the state an
// alert is in once its silences are known.

#include "alerts/alerts.h"

namespace opsdeck {

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

} // namespace opsdeck
