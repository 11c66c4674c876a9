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
#include "kube/kube_objects.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace opsdeck {

class SilenceOption;

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
    QStringList diffLines() const { return m_diffLines; }

private:
    void update();

    Deployment m_row;
    KubeDeployment m_deployment;
    QList<KubeRevision> m_revisions;
    QComboBox *m_revision;
    QPlainTextEdit *m_diff;
    QLabel *m_summary;
    QLineEdit *m_reason;
    SilenceOption *m_silence;
    QPushButton *m_go;
    QStringList m_diffLines;
};

} // namespace opsdeck
