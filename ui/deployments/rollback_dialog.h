#pragma once

// Asks before a rollback and says exactly what it will do: the image each
// replica runs now, the image it will run (the one before, from the history,
// or one the operator picks or types), one line per replica, and that every
// replaced replica is put back if a new one is not healthy in time. A reason
// goes to the audit log. Cancel is the default button.

#include "alerts/silence_matchers.h"
#include "deploy/deployment.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace opsdeck {

class SilenceOption;

class RollbackDialog : public QDialog
{
    Q_OBJECT
public:
    // canSilence: the profile has an Alertmanager, so the service's alerts can be silenced for the rollout.
    RollbackDialog(const Deployment &deployment, const QList<DockerContainer> &replicas, const QList<DeployChange> &history,
                   bool canSilence, QWidget *parent = nullptr);

    QString image() const;
    QString reason() const;
    // The alerts to silence while the rollback runs; empty: none.
    std::vector<SilenceMatcher> silenceMatchers() const;
    SilenceOption *silenceOption() const { return m_silence; }
    // The images offered: the ones the history shows this deployment ran before, newest first.
    QStringList candidates() const { return m_candidates; }
    void setImage(const QString &image);

private:
    void updatePlan();

    Deployment m_deployment;
    QList<DockerContainer> m_replicas;
    QStringList m_candidates;
    QComboBox *m_image;
    QLineEdit *m_reason;
    QLabel *m_plan;
    SilenceOption *m_silence;
    QDialogButtonBox *m_buttons;
    QPushButton *m_go;
};

} // namespace opsdeck
