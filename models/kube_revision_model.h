#pragma once

// The revisions of one Kubernetes Deployment, newest first: each ReplicaSet's
// revision, the images it runs, why it was made (its change-cause), when, and
// which one runs now (in bold). Rows merge on each update.

#include "keyed_table_model.h"
#include "kube/kube_objects.h"

namespace opsdeck {

class KubeRevisionModel : public KeyedTableModel<KubeRevision, qint64>
{
    Q_OBJECT
public:
    enum Column { RevisionColumn, ImageColumn, CauseColumn, CreatedColumn, ReplicaSetColumn, ColumnCount };
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
