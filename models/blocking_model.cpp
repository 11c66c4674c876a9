#include "blocking_model.h"

#include "badge_tone.h"
#include "common/compact_units.h"
#include "common/display_text.h"

#include <QBrush>
#include <QFont>

#include <map>

namespace opsdeck {

BlockingModel::BlockingModel(QObject *parent) : QAbstractItemModel(parent)
{
}

void BlockingModel::setSessions(const std::vector<PgSession> &sessions, qint64 serverNowMs)
{
    m_serverNowMs = serverNowMs;
    std::map<int, const PgSession *> byPid;
    for (const PgSession &s : sessions)
        byPid[s.pid] = &s;
    const std::vector<pg::BlockingNode> tree = pg::blockingTree(sessions);

    bool sameShape = tree.size() == m_nodes.size();
    for (size_t i = 0; sameShape && i < tree.size(); ++i)
        sameShape = tree[i].pid == m_nodes[i].tree.pid && tree[i].parentPid == m_nodes[i].tree.parentPid;
    if (sameShape) {
        for (size_t i = 0; i < tree.size(); ++i) {
            m_nodes[i].tree = tree[i];
            m_nodes[i].session = *byPid.at(tree[i].pid);
        }
        for (size_t i = 0; i < m_nodes.size(); ++i) {
            const QModelIndex first = createIndex(m_nodes[i].row, 0, quintptr(i));
            Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
        }
        return;
    }

    beginResetModel();
    m_nodes.clear();
    m_roots.clear();
    std::map<int, int> nodeOfPid;
    for (const pg::BlockingNode &n : tree) {
        Node node;
        node.tree = n;
        node.session = *byPid.at(n.pid);
        const int at = int(m_nodes.size());
        if (n.depth == 0) {
            node.row = int(m_roots.size());
            m_roots.push_back(at);
        } else {
            node.parent = nodeOfPid.at(n.parentPid);
            node.row = int(m_nodes[size_t(node.parent)].children.size());
            m_nodes[size_t(node.parent)].children.push_back(at);
        }
        nodeOfPid[n.pid] = at;
        m_nodes.push_back(std::move(node));
    }
    endResetModel();
}

int BlockingModel::rootCount() const
{
    return int(m_roots.size());
}

QModelIndex BlockingModel::indexOfPid(int pid) const
{
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].tree.pid == pid)
            return createIndex(m_nodes[i].row, 0, quintptr(i));
    }
    return {};
}

QModelIndex BlockingModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const std::vector<int> &siblings = parent.isValid() ? m_nodes[parent.internalId()].children : m_roots;
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (row >= int(siblings.size()))
        return {};
    return createIndex(row, column, quintptr(siblings[size_t(row)]));
}

QModelIndex BlockingModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const int parent = m_nodes[child.internalId()].parent;
    if (parent < 0)
        return {};
    return createIndex(m_nodes[size_t(parent)].row, 0, quintptr(parent));
}

int BlockingModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[parent.internalId()].children.size());
}

int BlockingModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant BlockingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = m_nodes[index.internalId()];
    const PgSession &s = node.session;
    const bool root = node.tree.depth == 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PidColumn: return s.pid;
        case UserColumn: return singleLine(s.user, 64);
        case ApplicationColumn: return singleLine(s.application, 64);
        case StateColumn:
            if (root)
                return tr("%1 — root blocker").arg(s.state.isEmpty() ? s.backendType : s.state);
            return s.state;
        case LockColumn:
            if (root)
                return {};
            return tr("%1 on %2").arg(s.lockMode, s.lockRelation.isEmpty() ? s.lockType : s.lockRelation);
        case WaitingColumn:
            if (root || s.stateChangeMs <= 0)
                return {};
            return compactDuration(m_serverNowMs - s.stateChangeMs);
        case BehindColumn: return node.tree.blockedCount > 0 ? QVariant(node.tree.blockedCount) : QVariant();
        case QueryColumn: return s.queryHidden ? tr("(hidden from this role)") : singleLine(s.query, 300);
        }
        return {};
    case Qt::ToolTipRole:
        if (root && index.column() == StateColumn)
            return tr("Blocks %n session(s) and waits for no one: ending this session's transaction frees them.", nullptr,
                      node.tree.blockedCount);
        if (node.tree.inCycle)
            return tr("Part of a lock cycle: a deadlock the server breaks after deadlock_timeout.");
        if (index.column() == QueryColumn && !s.queryHidden)
            return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(multiLine(s.query, 4000).toHtmlEscaped());
        return {};
    case Qt::FontRole:
        if (root) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        if (root && index.column() == StateColumn)
            return QBrush(toneTextColor(BadgeTone::Bad));
        return {};
    case PidRole: return s.pid;
    case IsRootRole: return root;
    case DatabaseRole: return s.database;
    }
    return {};
}

QVariant BlockingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PidColumn: return tr("PID");
    case UserColumn: return tr("User");
    case ApplicationColumn: return tr("Application");
    case StateColumn: return tr("State");
    case LockColumn: return tr("Waits for");
    case WaitingColumn: return tr("Waiting");
    case BehindColumn: return tr("Blocking");
    case QueryColumn: return tr("Query");
    }
    return {};
}

} // namespace opsdeck
