#pragma once

#include "db/pg_snapshot.h"
#include "keyed_table_model.h"

#include <functional>

namespace opsdeck {

struct SessionKey {
    int pid = 0;
    qint64 backendStartMs = 0;  // a pid the OS reuses for a new backend is a new row
    bool operator==(const SessionKey &o) const { return pid == o.pid && backendStartMs == o.backendStartMs; }
};
struct SessionKeyHash {
    size_t operator()(const SessionKey &k) const { return std::hash<qint64>()(qint64(k.pid) * 1000003 ^ k.backendStartMs); }
};

// The sessions of one server (pg_stat_activity), merged by backend on every
// poll. Ages are computed against the server's clock of the poll. Long
// running queries, transactions left idle and lock waits are flagged by
// thresholds the user sets; text from the server is shown on one safe line.
class SessionModel : public KeyedTableModel<PgSession, SessionKey, SessionKeyHash>
{
    Q_OBJECT
public:
    enum Column {
        // What decides an action first; where it comes from last.
        PidColumn, UserColumn, ApplicationColumn, StateColumn, WaitColumn, QueryAgeColumn, TransactionAgeColumn,
        QueryColumn, DatabaseColumn, ClientColumn, ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // the raw value to sort by (ages in ms)
        AttentionRole,                // int(Attention)
        PidRole,                      // int
        IsClientRole,                 // bool: a client backend, not a background process
        FullQueryRole,                // QString: the query as the server gave it (cut at the poll's limit)
        IsObserverRole,               // bool: another OpsDeck console's own connection (application "opsdeck/…")
    };
    enum class Attention { None, LongRunning, IdleInTransaction, WaitingOnLock };

    explicit SessionModel(QObject *parent = nullptr);

    void setSessions(std::vector<PgSession> sessions, qint64 serverNowMs);
    // A query active longer than this, or a transaction idle longer than that, is flagged.
    void setThresholds(qint64 longQueryMs, qint64 idleInTransactionMs);
    qint64 longQueryMs() const { return m_longQueryMs; }
    qint64 idleInTransactionMs() const { return m_idleInTransactionMs; }
    Attention attentionOf(const PgSession &session) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    SessionKey keyOf(const PgSession &s) const override { return {s.pid, s.backendStartMs}; }

private:
    qint64 m_serverNowMs = 0;
    qint64 m_longQueryMs = 60 * 1000;
    qint64 m_idleInTransactionMs = 30 * 1000;
};

} // namespace opsdeck
