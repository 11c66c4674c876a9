#include "alerts/alerts.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QUuid>

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

const QRegularExpression &markerPattern()
{
    static const QRegularExpression pattern(QStringLiteral(R"(\[opsdeck (ack|id)=([0-9a-f-]{8,64})( until-resolved)?\])"));
    return pattern;
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

std::vector<LabelMatcher> toLabelMatchers(const std::vector<SilenceMatcher> &matchers, QString *error)
{
    std::vector<LabelMatcher> out;
    out.reserve(matchers.size());
    for (const SilenceMatcher &m : matchers) {
        const auto op = m.isRegex ? (m.isEqual ? LabelMatcher::Op::Regex : LabelMatcher::Op::NotRegex)
                                  : (m.isEqual ? LabelMatcher::Op::Equal : LabelMatcher::Op::NotEqual);
        auto made = makeMatcher(m.name, op, m.value, error);
        if (!made)
            return {};
        out.push_back(std::move(*made));
    }
    return out;
}

std::vector<SilenceMatcher> fromLabelMatchers(const std::vector<LabelMatcher> &matchers)
{
    std::vector<SilenceMatcher> out;
    out.reserve(matchers.size());
    for (const LabelMatcher &m : matchers) {
        const bool regex = m.op == LabelMatcher::Op::Regex || m.op == LabelMatcher::Op::NotRegex;
        const bool equal = m.op == LabelMatcher::Op::Equal || m.op == LabelMatcher::Op::Regex;
        out.push_back({m.name, m.value, regex, equal});
    }
    return out;
}

QString formatMatchers(const std::vector<SilenceMatcher> &matchers)
{
    QStringList parts;
    for (const SilenceMatcher &m : matchers) {
        const char *op = m.isRegex ? (m.isEqual ? "=~" : "!~") : (m.isEqual ? "=" : "!=");
        QString value = QString::fromStdString(m.value);
        value.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\"")).replace(u'\n', QLatin1String("\\n"));
        parts << QStringLiteral("%1%2\"%3\"").arg(QString::fromStdString(m.name), QLatin1String(op), value);
    }
    return parts.join(QLatin1String(", "));
}

bool silenceMatches(const std::vector<LabelMatcher> &matchers, const Alert &alert)
{
    if (matchers.empty())
        return false;
    return std::all_of(matchers.begin(), matchers.end(), [&](const LabelMatcher &m) { return m.matches(alert.labels); });
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

std::optional<qint64> parseRfc3339Ms(std::string_view s)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
    auto digits = [&](std::size_t at, std::size_t count, int *out) {
        if (at + count > s.size())
            return false;
        int v = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            v = v * 10 + (s[i] - '0');
        }
        *out = v;
        return true;
    };
    int year, month, day, hour, minute, second;
    if (!digits(0, 4, &year) || s.size() < 20 || s[4] != '-' || !digits(5, 2, &month) || s[7] != '-'
        || !digits(8, 2, &day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, &hour)
        || s[13] != ':' || !digits(14, 2, &minute) || s[16] != ':' || !digits(17, 2, &second))
        return std::nullopt;
    std::size_t i = 19;
    qint64 fractionMs = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int scale = 100;
        const std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            fractionMs += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
        if (i == start)
            return std::nullopt;
    }
    qint64 offsetMs = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!digits(i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(i + 4, 2, &om))
            return std::nullopt;
        offsetMs = (qint64(oh) * 3600 + om * 60) * 1000 * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const qint64 days = date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    return ((days * 24 + hour) * 60 + minute) * 60000LL + second * 1000LL + fractionMs - offsetMs;
}

QString formatRfc3339Ms(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace opsdeck
