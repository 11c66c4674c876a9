#include "session_model.h"

#include "badge_tone.h"
#include "common/compact_units.h"
#include "common/display_text.h"
#include "db/activity_summary.h"

#include <QBrush>
#include <QFont>

namespace opsdeck {

namespace {

constexpr int shownQueryChars = 300;
constexpr int tooltipQueryChars = 4000;

qint64 ageOf(qint64 sinceMs, qint64 nowMs)
{
    return sinceMs > 0 ? std::max<qint64>(0, nowMs - sinceMs) : -1;
}

QString ageText(qint64 ms)
{
    return ms < 0 ? QString() : compactDuration(ms);
}

QString waitText(const PgSession &s)
{
    if (s.waitEventType.isEmpty())
        return {};
    return s.waitEventType + u':' + s.waitEvent;
}

QString queryTooltip(const PgSession &s)
{
    if (s.queryHidden)
        return SessionModel::tr("This role may not see the query: grant it pg_read_all_stats (or pg_monitor) to see every session's query.");
    QString text = multiLine(s.query, tooltipQueryChars);
    if (s.queryTruncated)
        text += u'\n' + SessionModel::tr("(cut: the query is longer than OpsDeck reads)");
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace

SessionModel::SessionModel(QObject *parent) : KeyedTableModel(parent)
{
}

void SessionModel::setSessions(std::vector<PgSession> sessions, qint64 serverNowMs)
{
    m_serverNowMs = serverNowMs;
    replaceRows(std::move(sessions));
}

void SessionModel::setThresholds(qint64 longQueryMs, qint64 idleInTransactionMs)
{
    m_longQueryMs = longQueryMs;
    m_idleInTransactionMs = idleInTransactionMs;
    if (!rows().empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

SessionModel::Attention SessionModel::attentionOf(const PgSession &s) const
{
    if (s.waitEventType == QLatin1String("Lock"))
        return Attention::WaitingOnLock;
    if (s.state.startsWith(QLatin1String("idle in transaction")) && ageOf(s.stateChangeMs, m_serverNowMs) > m_idleInTransactionMs)
        return Attention::IdleInTransaction;
    if (s.state == QLatin1String("active") && pg::isClientBackend(s) && ageOf(s.queryStartMs, m_serverNowMs) > m_longQueryMs)
        return Attention::LongRunning;
    return Attention::None;
}

int SessionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionModel::data(const QModelIndex &index, int role) const
{
    const PgSession *s = rowAt(index.row());
    if (!s || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const qint64 queryAge = s->state == QLatin1String("active") ? ageOf(s->queryStartMs, m_serverNowMs)
                                                                : ageOf(s->stateChangeMs, m_serverNowMs);
    const qint64 transactionAge = ageOf(s->xactStartMs, m_serverNowMs);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PidColumn: return s->pid;
        case DatabaseColumn: return singleLine(s->database, 64);
        case UserColumn: return singleLine(s->user, 64);
        case ApplicationColumn:
            return pg::isClientBackend(*s) ? singleLine(s->application, 64) : singleLine(s->backendType, 64);
        case ClientColumn: return singleLine(s->client, 64);
        case StateColumn: return s->state;
        case WaitColumn: return waitText(*s);
        case QueryAgeColumn: return ageText(queryAge);
        case TransactionAgeColumn: return ageText(transactionAge);
        case QueryColumn:
            return s->queryHidden ? tr("(hidden from this role)") : singleLine(s->query, shownQueryChars);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case PidColumn: return s->pid;
        case QueryAgeColumn: return queryAge;
        case TransactionAgeColumn: return transactionAge;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case QueryColumn: return queryTooltip(*s);
        case WaitColumn:
            if (s->waitEventType == QLatin1String("Lock") && !s->blockedBy.empty()) {
                QStringList pids;
                for (const int pid : s->blockedBy)
                    pids << QString::number(pid);
                return tr("Waits for %1 on %2, held by %3").arg(s->lockMode, s->lockRelation.isEmpty() ? s->lockType : s->lockRelation,
                                                                 pids.join(QStringLiteral(", ")));
            }
            return {};
        case ApplicationColumn: return multiLine(s->application, 256);
        case QueryAgeColumn:
            if (attentionOf(*s) == Attention::LongRunning)
                return tr("Running for longer than %1").arg(compactDuration(m_longQueryMs));
            return {};
        case StateColumn:
            if (attentionOf(*s) == Attention::IdleInTransaction)
                return tr("Idle in a transaction for longer than %1: it holds its locks and keeps old rows from being vacuumed")
                    .arg(compactDuration(m_idleInTransactionMs));
            return {};
        }
        return {};
    case Qt::ForegroundRole:
        if (!pg::isClientBackend(*s))
            return QBrush(toneTextColor(BadgeTone::Muted));
        switch (attentionOf(*s)) {
        case Attention::WaitingOnLock:
        case Attention::IdleInTransaction:
        case Attention::LongRunning:
            return QBrush(toneTextColor(BadgeTone::Warning));
        case Attention::None: break;
        }
        return {};
    case Qt::FontRole:
        if (index.column() == QueryColumn && s->queryHidden) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == QueryAgeColumn || index.column() == TransactionAgeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case AttentionRole: return int(attentionOf(*s));
    case PidRole: return s->pid;
    case IsClientRole: return pg::isClientBackend(*s);
    case FullQueryRole: return s->query;
    case IsObserverRole: return s->application.startsWith(QLatin1String("opsdeck/"));
    }
    return {};
}

QVariant SessionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PidColumn: return tr("PID");
    case DatabaseColumn: return tr("Database");
    case UserColumn: return tr("User");
    case ApplicationColumn: return tr("Application");
    case ClientColumn: return tr("Client");
    case StateColumn: return tr("State");
    case WaitColumn: return tr("Waiting for");
    case QueryAgeColumn: return tr("Query age");
    case TransactionAgeColumn: return tr("Xact age");
    case QueryColumn: return tr("Query");
    }
    return {};
}

} // namespace opsdeck
