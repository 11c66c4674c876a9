#pragma once

// The Deployments dock: what version runs where. The current environment's
// services, its Compose services and its Kubernetes Deployments alike
// (version, replicas, status with its reason, age of the last change) with,
// for the one selected, its replicas, its history and its logs followed live
// (for a Deployment: its revisions); the version matrix of every environment
// beside it. The actions on a service (restart, stop, start, roll back; scale,
// pause and resume for a Deployment) ask first, say what they will do, run one
// at a time in the background and say how they ended. The engine's absence is
// a calm line, not an error; a lost engine or cluster leaves its last rows
// shown, faded, with the time they are from.

#include "alerts/silence_matchers.h"
#include "deploy/docker_rollout.h"
#include "kube/kube_rollout.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

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
class DiffView;
class DockerLogs;
class KubeConnection;
class KubeRevisionModel;
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
    // services, versions, logs, history; rollback: the rollback dialog of the first
    // Deployment with an earlier revision, once the rows are in (screenshots, demos).
    void showPage(const QString &page);

    // The actions, as the buttons trigger them (each asks first).
    void restartSelected();
    void stopSelected();
    void startSelected();
    void rollbackSelected();  // opens the rollback dialog
    void scaleSelected();     // a Deployment: asks for the count
    void pauseOrResumeSelected();
    bool isBusy() const { return m_rollout != nullptr || m_kubeAction != nullptr; }
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
    // Asks with Cancel as the default; true when the operator chose to go.
    bool askToGo(const QString &title, const QString &question, const QString &details);
    // What every action does when it ends, Docker's or Kubernetes': says how, ends the silence.
    void actionEnded(const QString &title, const QString &target, bool ok, const QString &message);
    const Deployment *selectedRow() const;
    bool selectedIsKube() const;
    KubeConnection *currentKube() const;
    QString kubeStatusLine() const;
    void showRevisionDiff();
    void runKubeAction(KubeActionRequest request, const QString &title, const QString &question,
                       const std::vector<SilenceMatcher> &silence = {});

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
    KubeRevisionModel *m_revisions;
    QTableView *m_revisionView;
    DiffView *m_revisionDiff;
    QWidget *m_revisionPage;
    LogView *m_logs;
    QTableView *m_matrixView;
    QLabel *m_matrixHint;
    QPushButton *m_restartButton, *m_stopButton, *m_startButton, *m_rollbackButton, *m_scaleButton, *m_pauseButton;
    QLabel *m_progress;
    QLabel *m_message;
    QTimer *m_clock;
    std::unique_ptr<DockerLogs> m_logReader;
    QString m_logsFor;  // the deployment whose logs are followed
    DockerRollout *m_rollout = nullptr;
    KubeRollout *m_kubeAction = nullptr;
    ActionSilence *m_silence;  // the alerts silenced for the running rollback, if asked
    QString m_lastSummary;
    bool m_columnsFitted = false;
    bool m_replicaColumnsFitted = false;
    bool m_revisionColumnsFitted = false;
    bool m_rollbackWhenReady = false;
    std::optional<bool> m_lastSelectionKube;  // what the last selection was, to open the right details tab
};

} // namespace opsdeck
