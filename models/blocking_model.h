#pragma once

#include "db/blocking_tree.h"

#include <QAbstractItemModel>

namespace opsdeck {

// Who blocks whom, as a tree: each root blocker (the session to act on) with
// the sessions waiting behind it under it. Rebuilt only when the shape
// changes; a poll that finds the same pile-up only updates ages, so
// expansion and selection stay.
class BlockingModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { PidColumn, UserColumn, ApplicationColumn, StateColumn, LockColumn, WaitingColumn, BehindColumn, QueryColumn, ColumnCount };
    enum Role { PidRole = Qt::UserRole + 1, IsRootRole, DatabaseRole };

    explicit BlockingModel(QObject *parent = nullptr);

    void setSessions(const std::vector<PgSession> &sessions, qint64 serverNowMs);
    int rootCount() const;
    int nodeCount() const { return int(m_nodes.size()); }
    QModelIndex indexOfPid(int pid) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        pg::BlockingNode tree;
        PgSession session;
        int parent = -1;              // index into m_nodes
        int row = 0;                  // among its siblings
        std::vector<int> children;    // indexes into m_nodes
    };
    std::vector<Node> m_nodes;
    std::vector<int> m_roots;
    qint64 m_serverNowMs = 0;
};

} // namespace opsdeck
