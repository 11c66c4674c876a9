#pragma once

#include "health/service_health.h"
#include "health_history.h"

#include <QAbstractItemModel>
#include <QDateTime>

#include <functional>
#include <optional>
#include <vector>

namespace opsdeck {

// Services and their health as a tree: one row per service, its components
// (and liveness/readiness probes) as children. Checks merge in place, so
// selection, sort and expansion survive every poll. Keeps each service's
// transition history and says when a service is stale or flapping.
class HealthModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { ServiceColumn, StatusColumn, ReasonColumn, LatencyColumn, VersionColumn, CheckedColumn, ColumnCount };
    enum Role {
        StatusRole = Qt::UserRole + 1,  // int(HealthStatus)
        StaleRole,                      // bool: no answer for more than two intervals
        FlappingRole,                   // bool
        ServiceNameRole,                // QString, also on component rows
        CheckedAtRole,                  // QDateTime (UTC) of the last answer
        IsServiceRole,                  // bool: a service row, not a component
        SortRole,                       // the raw value to sort by (status rank, latency...)
        TlsUnverifiedRole,              // bool: TLS verification is off for this service
    };

    struct ServiceEntry {
        QString name;
        int intervalS = 10;
        bool tlsUnverified = false;  // the profile turned TLS verification off for it: always shown
    };

    explicit HealthModel(QObject *parent = nullptr);

    void setServices(const QList<ServiceEntry> &services);
    void applyHealth(const ServiceHealth &health);
    // A check from the last known state of an earlier run: shown with its age
    // (stale) until the first live check replaces it; never a transition, and
    // that first live check counts as the first observation.
    void restoreHealth(const ServiceHealth &health);
    // Whether a service still shows the earlier run's check.
    bool isRestored(int serviceRow) const;
    // Re-evaluates ages and staleness; call about once a second.
    void refreshAges();
    // For tests: where "now" comes from.
    void setClock(std::function<QDateTime()> clock);

    int serviceCount() const { return int(m_services.size()); }
    int serviceRow(const QString &name) const;
    const HealthHistory *history(const QString &service) const;
    std::optional<ServiceHealth> lastHealth(const QString &service) const;
    bool isStale(int serviceRow) const;
    // How many services are in each state (stale ones counted as they last were).
    QMap<HealthStatus, int> statusCounts() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // A service changed state (never for its first observation).
    void transitioned(const QString &service, opsdeck::HealthStatus from, opsdeck::HealthStatus to, const QString &reason);
    void countsChanged();

private:
    struct Service {
        ServiceEntry entry;
        std::optional<ServiceHealth> health;
        QList<HealthComponent> components;  // the rows under the service, in a stable order
        HealthHistory history;
        QDateTime watchedSince;  // when polling began: a service never answered goes stale too
        bool stale = false;
        bool flapping = false;
        bool restored = false;  // health is the last known state's, not a live check
    };

    static constexpr quintptr topLevel = 0;  // internalId of service rows; children use row + 1
    QVariant serviceData(const Service &s, int column, int role) const;
    QVariant componentData(const Service &s, const HealthComponent &c, int column, int role) const;
    void mergeComponents(int row, const QList<HealthComponent> &components);
    QString ageText(const QDateTime &checkedAt) const;

    std::vector<Service> m_services;
    std::function<QDateTime()> m_clock;
};

QString healthStatusLabel(HealthStatus status);  // translated, for people

} // namespace opsdeck
