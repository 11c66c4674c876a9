#include "kube_revision_model.h"

#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace opsdeck {

KubeRevisionModel::KubeRevisionModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

void KubeRevisionModel::setRevisions(QList<KubeRevision> revisions)
{
    std::sort(revisions.begin(), revisions.end(), [](const KubeRevision &a, const KubeRevision &b) { return a.revision > b.revision; });
    replaceRows(std::vector<KubeRevision>(revisions.begin(), revisions.end()));
}

int KubeRevisionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KubeRevisionModel::data(const QModelIndex &index, int role) const
{
    const KubeRevision *r = rowAt(index.row());
    if (!r || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    if (role == RevisionRole)
        return r->revision;
    if (role == Qt::FontRole && r->current) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole)
        return r->current ? tr("ReplicaSet %1; runs now").arg(r->replicaSet) : tr("ReplicaSet %1").arg(r->replicaSet);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case RevisionColumn: return r->current ? tr("%1 (now)").arg(r->revision) : QString::number(r->revision);
    case ImageColumn: return r->images.join(QLatin1String(", "));
    case CauseColumn: return r->changeCause.isEmpty() ? tr("(none given)") : r->changeCause;
    case CreatedColumn:
        return r->createdMs > 0 ? QDateTime::fromMSecsSinceEpoch(r->createdMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
    }
    return {};
}

QVariant KubeRevisionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RevisionColumn: return tr("Revision");
    case ImageColumn: return tr("Image");
    case CauseColumn: return tr("Change cause");
    case CreatedColumn: return tr("Created");
    }
    return {};
}

} // namespace opsdeck
