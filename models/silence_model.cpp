#include "silence_model.h"

#include "alerts/ack_rules.h"
#include "alerts/silence_matchers.h"
#include "badge_tone.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QHash>
#include <QLocale>

#include <algorithm>

namespace opsdeck {

SilenceModel::SilenceModel(QObject *parent)
    : QAbstractTableModel(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

void SilenceModel::setSilences(const QString &alertmanager, const std::vector<Silence> &silences, const std::vector<Alert> &alerts)
{
    QHash<QString, const Silence *> incoming;
    for (const Silence &s : silences)
        incoming.insert(s.id, &s);
    auto matchingOf = [&](const Silence &s) {
        if (!s.isActive() && s.state != u"pending")
            return 0;
        QString error;
        const auto matchers = toLabelMatchers(s.matchers, &error);
        return int(std::count_if(alerts.begin(), alerts.end(), [&](const Alert &a) { return silenceMatches(matchers, a); }));
    };

    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows[size_t(row)].alertmanager == alertmanager && !incoming.contains(m_rows[size_t(row)].silence.id)) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            endRemoveRows();
        }
    }
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        Row &r = m_rows[row];
        if (r.alertmanager != alertmanager)
            continue;
        const Silence *fresh = incoming.take(r.silence.id);
        r.silence = *fresh;
        r.matching = matchingOf(*fresh);
        Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
    }
    if (incoming.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(incoming.size()) - 1);
    for (const Silence &s : silences) {  // in the answer's order
        if (incoming.contains(s.id))
            m_rows.push_back(Row{alertmanager, s, matchingOf(s)});
    }
    endInsertRows();
}

const Silence *SilenceModel::silenceAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)].silence : nullptr;
}

QString SilenceModel::alertmanagerAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].alertmanager : QString();
}

int SilenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SilenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool SilenceModel::expiringSoon(const Row &row) const
{
    return row.silence.isActive() && row.silence.endsAtMs - m_now() < expiringSoonMs;
}

QVariant SilenceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[size_t(index.row())];
    const Silence &s = r.silence;
    const bool nothing = s.isActive() && r.matching == 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn:
            if (s.state == u"active")
                return tr("active");
            if (s.state == u"pending")
                return tr("pending");
            return tr("expired");
        case EndsColumn: {
            const qint64 left = (s.endsAtMs - m_now()) / 60000;
            if (s.state == u"expired")
                return QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.endsAtMs), QLocale::ShortFormat);
            if (left < 120)
                return tr("in %n min", nullptr, int(std::max<qint64>(0, left)));
            return tr("in %1 h").arg(left / 60);
        }
        case MatchersColumn: return formatMatchers(s.matchers);
        case MatchingColumn:
            if (!s.isActive() && s.state != u"pending")
                return QString();
            return nothing ? tr("none") : QString::number(r.matching);
        case CreatedByColumn: return s.createdBy;
        case CommentColumn:
            return isUntilResolved(s.comment) ? tr("%1 (until resolved)").arg(commentForPeople(s.comment)) : commentForPeople(s.comment);
        case AlertmanagerColumn: return r.alertmanager;
        }
        return {};
    case Qt::ToolTipRole:
        if (expiringSoon(r))
            return tr("Ends within 30 minutes: extend it if the work is not done.");
        if (nothing)
            return tr("Matches no current alert: expire it if it is no longer needed.");
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.endsAtMs), QLocale::LongFormat);
    case Qt::ForegroundRole:
        // Both flags can hold at once: the end keeps its amber, the rest goes grey.
        if (expiringSoon(r) && (index.column() == EndsColumn || index.column() == StateColumn))
            return QBrush(toneTextColor(BadgeTone::Warning));
        if (s.state == u"expired" || nothing)
            return QBrush(toneTextColor(BadgeTone::Muted));
        return {};
    case Qt::FontRole:
        if ((expiringSoon(r) && index.column() == EndsColumn) || (nothing && index.column() == MatchingColumn)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case SilenceRole: return QVariant::fromValue(s);
    case AlertmanagerRole: return r.alertmanager;
    case ExpiringSoonRole: return expiringSoon(r);
    case MatchesNothingRole: return nothing;
    case StateKeyRole: return s.state;
    case SortRole:
        switch (index.column()) {
        case EndsColumn: return s.endsAtMs;
        case MatchingColumn: return r.matching;
        case StateColumn: return s.state == u"active" ? 0 : s.state == u"pending" ? 1 : 2;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    return {};
}

QVariant SilenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn: return tr("State");
    case EndsColumn: return tr("Ends");
    case MatchersColumn: return tr("Matchers");
    case MatchingColumn: return tr("Matching alerts");
    case CreatedByColumn: return tr("Created by");
    case CommentColumn: return tr("Comment");
    case AlertmanagerColumn: return tr("Alertmanager");
    }
    return {};
}

} // namespace opsdeck
