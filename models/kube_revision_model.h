#pragma once

// The revisions of one Kubernetes Deployment, newest first: each ReplicaSet's
// revision, when it was made, the images it runs, and why (its change-cause,
// last: the column that wants the room); the ReplicaSet's name in the tooltip;
// the one that runs now in bold. Rows merge on each update.

#include "keyed_table_model.h"
#include "kube/kube_objects.h"

namespace opsdeck {

class KubeRevisionModel : public KeyedTableModel<KubeRevision, qint64>
{
    Q_OBJECT
public:
    enum Column { RevisionColumn, CreatedColumn, ImageColumn, CauseColumn, ColumnCount };
    enum Role { RevisionRole = Qt::UserRole + 1 };

    explicit KubeRevisionModel(QObject *parent = nullptr);
    void setRevisions(QList<KubeRevision> revisions);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 keyOf(const KubeRevision &r) const override { return r.revision; }
};

} // namespace opsdeck
