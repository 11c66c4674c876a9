#pragma once

// Every alert source of a profile, built from its configuration: each
// Alertmanager cluster, the Prometheus, and each database with an
// alerts_table. A refresh asks them all; each answers on its own (a slow or
// failing one holds up nobody), and roundFinished() follows the last answer.

#include "alerts/alerts.h"
#include "config/config.h"

#include <QObject>

#include <vector>

namespace opsdeck {

class AlertmanagerClient;
class DatabaseAlertSource;
class HttpClient;
class PrometheusAlertSource;

class AlertSources : public QObject
{
    Q_OBJECT
public:
    // Credentials resolved now when resolveCredentials (CLI); the GUI hands
    // them in later with setAuth() once resolved off its thread.
    AlertSources(HttpClient *http, const Profile &profile, bool resolveCredentials, QObject *parent = nullptr);
    ~AlertSources() override;

    int count() const;
    std::vector<AlertSourceId> ids() const;
    const std::vector<AlertmanagerClient *> &alertmanagers() const { return m_alertmanagers; }
    AlertmanagerClient *alertmanager(const QString &name) const;
    PrometheusAlertSource *prometheus() const { return m_prometheus; }
    DatabaseAlertSource *database(const QString &name) const;
    void setTimeoutMs(int ms);

    void refreshAll();

Q_SIGNALS:
    void snapshot(const opsdeck::AlertSnapshot &snapshot);
    void roundFinished();

private:
    void onSnapshot(const AlertSnapshot &snapshot);

    std::vector<AlertmanagerClient *> m_alertmanagers;
    PrometheusAlertSource *m_prometheus = nullptr;
    std::vector<DatabaseAlertSource *> m_databases;
    int m_waiting = 0;
};

// The alerts of one source, as the merge reads them.
struct AlertList {
    AlertSourceKind kind;
    const std::vector<Alert> *alerts;
};

// The alerts of several sources as one list, each once: an alert Prometheus
// reports that an Alertmanager of the same list also reports (same labels, so
// the same fingerprint) is shown as the Alertmanager knows it (with its
// silences), and a source's alert is not repeated. Pointers into the lists.
std::vector<const Alert *> mergeAlertLists(const std::vector<AlertList> &lists);
// The same, copied out of snapshots.
std::vector<Alert> mergeAlerts(const std::vector<AlertSnapshot> &snapshots);

// Who acknowledged the alert, from the silences of its own Alertmanager; empty if nobody.
// The answer points into `silences`, so a temporary list is refused at compile time:
// a pointer into a vector that dies at the end of the statement crashed Unacknowledge.
const Silence *acknowledgementOf(const Alert &alert, const std::vector<Silence> &silences);
const Silence *acknowledgementOf(const Alert &alert, std::vector<Silence> &&silences) = delete;

} // namespace opsdeck
