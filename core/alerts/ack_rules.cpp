#include "alerts/ack_rules.h"

#include "alerts/silence_matchers.h"

#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace opsdeck {

namespace {

const QRegularExpression &markerPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(\[opsdeck (ack|id)=([0-9a-f-]{8,64})( until-resolved)?\])"));
    return pattern;
}

} // namespace

QString newAckId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString ackMarker(const QString &ackId, bool untilResolved)
{
    return QStringLiteral("[opsdeck ack=%1%2]").arg(ackId, untilResolved ? QStringLiteral(" until-resolved") : QString());
}

QString silenceMarker(const QString &id)
{
    return QStringLiteral("[opsdeck id=%1]").arg(id);
}

QString ackIdOf(const QString &comment)
{
    const auto match = markerPattern().match(comment);
    return match.hasMatch() ? match.captured(2) : QString();
}

bool isUntilResolved(const QString &comment)
{
    const auto match = markerPattern().match(comment);
    return match.hasMatch() && match.captured(1) == u"ack" && !match.captured(3).isEmpty();
}

QString commentForPeople(const QString &comment)
{
    QString text = comment;
    text.remove(markerPattern());
    return text.trimmed();
}

bool isAcknowledgement(const Silence &silence)
{
    const auto match = markerPattern().match(silence.comment);
    if (match.hasMatch())
        return match.captured(1) == u"ack";
    return silence.comment.trimmed().startsWith(QLatin1String("ACK"), Qt::CaseInsensitive);
}

std::vector<SilenceMatcher> defaultAckMatchers(const Alert &alert)
{
    std::vector<SilenceMatcher> out;
    for (const char *name : {"alertname", "instance", "service"}) {
        const std::string value = alert.label(name);
        if (!value.empty())
            out.push_back({name, value, false, true});
    }
    if (out.size() <= 1) {
        // Neither instance nor service: every label, so the ack stays as narrow as the alert.
        out.clear();
        for (const auto &[name, value] : alert.labels)
            out.push_back({name, value, false, true});
    }
    return out;
}

QString validateSilence(const Silence &silence, qint64 nowMs)
{
    if (silence.matchers.empty())
        return QStringLiteral("a silence needs at least one matcher");
    QString error;
    const auto matchers = toLabelMatchers(silence.matchers, &error);
    if (!error.isEmpty())
        return error;
    for (std::size_t i = 0; i < matchers.size(); ++i) {
        if (silence.matchers[i].name.empty())
            return QStringLiteral("a matcher has no label name");
        if (matchers[i].matchesValue(""))
            return QStringLiteral("the matcher %1 also matches alerts without the label \"%2\"; it would silence too much")
                .arg(formatMatchers({silence.matchers[i]}), QString::fromStdString(silence.matchers[i].name));
    }
    if (silence.endsAtMs <= nowMs)
        return QStringLiteral("the silence would end in the past");
    if (silence.endsAtMs <= silence.startsAtMs)
        return QStringLiteral("the silence would end before it starts");
    if (silence.createdBy.trimmed().isEmpty())
        return QStringLiteral("a silence needs its creator");
    if (silence.comment.trimmed().isEmpty())
        return QStringLiteral("a silence needs a comment");
    return {};
}

AlertState classifyAlert(const Alert &alert, const std::vector<Silence> &silences)
{
    if (!alert.silencedBy.isEmpty()) {
        for (const QString &id : alert.silencedBy) {
            const auto it = std::find_if(silences.begin(), silences.end(), [&](const Silence &s) { return s.id == id; });
            if (it != silences.end() && isAcknowledgement(*it))
                return AlertState::Acknowledged;
        }
        return AlertState::Silenced;
    }
    if (!alert.inhibitedBy.isEmpty())
        return AlertState::Inhibited;
    return alert.state == AlertState::Pending ? AlertState::Pending : AlertState::Firing;
}

} // namespace opsdeck
