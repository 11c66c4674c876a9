#pragma once

// Services down the side, environments across the top, the version in each
// cell: what runs where at a glance. A row whose environments run different
// versions is drift, marked on each of its cells (staging 1.4.3, prod 1.4.2);
// an environment that cannot be read says so in its header, not in every cell.

#include "badge_tone.h"
#include "deploy/deployment.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace opsdeck {

class VersionMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { DriftRole = Qt::UserRole + 1, ToneRole, NameRole, EnvironmentRole };

    explicit VersionMatrixModel(QObject *parent = nullptr);

    // The environments, as columns after the name, in this order.
    void setEnvironments(const QStringList &environments);
    // An environment's deployments; unavailable: its engine could not be read (the reason in the header's tooltip).
    void setDeployments(const QString &environment, const QList<Deployment> &deployments, const QString &unavailable = {});
    const QStringList &environments() const { return m_environments; }
    int driftCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Cell {
        QString version;
        DeploymentStatus status = DeploymentStatus::Running;
        QStringList images;
    };
    void rebuildRows();
    bool drifts(int row) const;

    QStringList m_environments;
    QHash<QString, QHash<QString, Cell>> m_cells;  // environment -> name -> cell
    QHash<QString, QString> m_unavailable;          // environment -> why
    QStringList m_names;
};

} // namespace opsdeck
