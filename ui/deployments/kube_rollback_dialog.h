#pragma once

// Asks before a Kubernetes Deployment is rolled back and shows what will
// change: the revision to go back to (the one before, or any other its
// ReplicaSets keep), the pod template's diff from what runs now, a reason
// (required: it becomes the new revision's change-cause and goes to the audit
// log), a warning when a GitOps controller owns the Deployment (it will put
// its own template back), and the option to silence the service's alerts for
// the rollout. A paused Deployment cannot be rolled back, as kubectl refuses
// it too. Cancel is the default button.

#include "alerts/silence_matchers.h"
#include "deploy/deployment.h"
#include "diff_view.h"
#include "kube/kube_objects.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace opsdeck {

class SilenceOption;

// A pod template diff as the diff view shows it.
QList<DiffView::Line> kubeDiffLines(const QList<TemplateDiffLine> &lines);

class KubeRollbackDialog : public QDialog
{
    Q_OBJECT
public:
    KubeRollbackDialog(const Deployment &row, const KubeDeployment &deployment, const QList<KubeRevision> &revisions, bool canSilence,
                       QWidget *parent = nullptr);

    qint64 toRevision() const;
    void setRevision(qint64 revision);
    QString reason() const;
    std::vector<SilenceMatcher> silenceMatchers() const;
    // The diff as shown, one line each ("+ ", "- " or "  " first), for tests and for copying.
    QStringList diffLines() const;

private:
    void update();    // the revision chosen: its diff, its summary, what blocks it
    void updateGo();  // whether the rollback can go, and why not

    Deployment m_row;
    KubeDeployment m_deployment;
    QList<KubeRevision> m_revisions;
    QComboBox *m_revision;
    DiffView *m_diff;
    QLabel *m_summary;
    QLineEdit *m_reason;
    SilenceOption *m_silence;
    QPushButton *m_go;
    QString m_blocker;  // why the chosen revision cannot be rolled back to; empty when it can
};

} // namespace opsdeck
