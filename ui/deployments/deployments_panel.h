#pragma once

// The Deployments dock: what version runs where. The current environment's
// services (version, replicas, status with its reason, age of the last change)
// with, for the one selected, its replicas, its history and its logs followed
// live; the version matrix of every environment beside it. The actions on a
// service (restart, stop, start, roll back) ask first, say what they will do,
// run one at a time in the background and say how they ended. The engine's
// absence is a calm line, not an error; a lost engine leaves its last rows
// shown, faded, with the time they are from.

#include "alerts/silence_matchers.h"
#include "deploy/docker_rollout.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace opsdeck {

class ActionSilence;
class ContainerModel;
class ProfileSession;
class DeployHistoryModel;
class DeploymentStore;
class DockerLogs;
class LogView;

class DeploymentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DeploymentsPanel(QWidget *parent = nullptr);
    ~DeploymentsPanel() override;

    void setStore(DeploymentStore *store);
    // The profile's session, for silencing alerts in its Alertmanager during a rollback.
    void setSession(ProfileSession *session);
    // Selects a deployment by name ("shop/api"); false when the current environment has none of that name.
    bool selectDeployment(const QString &name);
    QString selectedDeployment() const;
    void showPage(const QString &page);  // services, versions, logs, history

    // The actions, as the buttons trigger them (each asks first).
    void restartSelected();
    void stopSelected();
    void startSelected();
    void rollbackSelected();  // opens the rollback dialog
    bool isBusy() const { return m_rollout != nullptr; }
    QString summary() const;  // "1 failed, 1 degraded" for the dock's title

Q_SIGNALS:
    void summaryChanged(const QString &summary);
    void actionFinished(const QString &title, const QString &message, bool ok);

private:
    void onStoreChanged();
    void onSelectionChanged();
    void updateActions();
    void updateStatusLine();
    void followLogs();
    void runRollout(DockerRolloutRequest request, const QString &title, const std::vector<SilenceMatcher> &silence = {});
    QList<DockerContainer> selectedReplicas() const;
    bool confirm(const DockerRolloutRequest &request, const QString &title);

    QPointer<DeploymentStore> m_store;
    QLabel *m_status;
    QTabWidget *m_pages;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_deployments;
    QLabel *m_emptyHint;
    QTabWidget *m_details;
    ContainerModel *m_containers;
    QTableView *m_containerView;
    DeployHistoryModel *m_history;
    QTableView *m_historyView;
    LogView *m_logs;
    QTableView *m_matrixView;
    QLabel *m_matrixHint;
    QPushButton *m_restartButton, *m_stopButton, *m_startButton, *m_rollbackButton;
    QLabel *m_progress;
    QLabel *m_message;
    QTimer *m_clock;
    std::unique_ptr<DockerLogs> m_logReader;
    QString m_logsFor;  // the deployment whose logs are followed
    DockerRollout *m_rollout = nullptr;
    ActionSilence *m_silence;  // the alerts silenced for the running rollback, if asked
    QString m_lastSummary;
    bool m_columnsFitted = false;
    bool m_replicaColumnsFitted = false;
};

} // namespace opsdeck
