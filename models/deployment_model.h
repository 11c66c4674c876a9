#pragma once

// What runs where, for the Deployments panel: one row per deployment of an
// environment (version, replicas, status with its reason, age of the last
// change), the replicas of one deployment, and its history. Rows merge on each
// update, so selection and scroll survive the events that keep them live.

#include "badge_tone.h"
#include "deploy/deployment.h"
#include "keyed_table_model.h"

#include <QDateTime>

#include <functional>

namespace opsdeck {

BadgeTone deploymentTone(DeploymentStatus status);
QString deploymentStatusText(DeploymentStatus status);  // translated: "running", "rolling"…

class DeploymentModel : public KeyedTableModel<Deployment, QString>
{
    Q_OBJECT
public:
    enum Column { NameColumn, VersionColumn, ReplicasColumn, StatusColumn, ChangedColumn, ReasonColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, KeyRole, StatusRole };

    explicit DeploymentModel(QObject *parent = nullptr);
    void setDeployments(QList<Deployment> deployments);
    // The engine is not live: the rows are the last ones known, drawn faded.
    void setStale(bool stale);
    bool isStale() const { return m_stale; }
    void setClock(std::function<qint64()> nowMs) { m_now = std::move(nowMs); }
    void refreshAges();
    const Deployment *deployment(const QString &key) const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const Deployment &d) const override { return d.key(); }

private:
    bool m_stale = false;
    std::function<qint64()> m_now = [] { return QDateTime::currentMSecsSinceEpoch(); };
};

// The replicas of one deployment: each container's state, health (with the
// health check's last output in the tooltip), image, restarts, start and ports.
class ContainerModel : public KeyedTableModel<DockerContainer, QString>
{
    Q_OBJECT
public:
    enum Column { NameColumn, StateColumn, HealthColumn, ImageColumn, RestartsColumn, StartedColumn, PortsColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, ToneRole };

    explicit ContainerModel(QObject *parent = nullptr);
    void setContainers(QList<DockerContainer> containers);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const DockerContainer &c) const override { return c.id; }
};

// A deployment's changes, newest first: when, what (a new image, a restart), by whom.
class DeployHistoryModel : public KeyedTableModel<DeployChange, QString>
{
    Q_OBJECT
public:
    enum Column { TimeColumn, ChangeColumn, ActorColumn, ColumnCount };
    enum Role { ImageRole = Qt::UserRole + 1 };

    explicit DeployHistoryModel(QObject *parent = nullptr);
    void setChanges(QList<DeployChange> changes);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "shop/api:1.4.2 → shop/api:1.4.3", "restart".
    static QString describe(const DeployChange &change);

protected:
    QString keyOf(const DeployChange &c) const override;
};

} // namespace opsdeck
