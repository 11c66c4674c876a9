#pragma once

#include "backups/backup_job_common.h"
#include "alerts/alerts.h"
#include "backups/restore_job.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace opsdeck {

class SilenceOption;

// Asks before a restore, the one action that replaces data. Runs the
// restore's preflight as soon as it opens and again whenever the target, the
// mode or the selection changes (checksums, pg_restore version, the target
// and its sessions, free space), says in numbered steps exactly what will
// happen to which database, and enables "Restore" only when the preflight
// passed, the sessions in the way are agreed to be ended, and the target
// database's name has been typed. Cancel is the default button.
class RestoreDialog : public QDialog
{
    Q_OBJECT
public:
    RestoreDialog(BackupContext context, BackupEntry backup, QWidget *parent = nullptr);
    ~RestoreDialog() override;

    // What the operator agreed to, for the restore itself.
    RestoreRequest request() const;
    // The alerts to silence in Alertmanager while the restore runs; empty: none.
    std::vector<SilenceMatcher> silenceMatchers() const;

    // For tests and the panel.
    bool preflightRunning() const { return m_job != nullptr; }
    const RestorePreflight &preflight() const { return m_preflight; }
    QPushButton *restoreButton() const { return m_restore; }
    QLineEdit *confirmationEdit() const { return m_confirmation; }
    QCheckBox *endSessionsBox() const { return m_endSessions; }
    QCheckBox *silenceBox() const;
    QLineEdit *silenceEdit() const;
    QComboBox *targetPicker() const { return m_target; }
    QLineEdit *selectionEdit() const { return m_selection; }
    void setMode(RestoreMode mode);
    QString planText() const;

Q_SIGNALS:
    void preflightFinished();

private:
    RestoreMode mode() const;
    QString targetDbname() const;
    TocSelection selection() const;
    void schedulePreflight();
    void runPreflight();
    void onPreflight(const RestoreResult &result);
    void updatePlan();
    void updateButton();

    BackupContext m_context;
    BackupEntry m_backup;
    QComboBox *m_target;
    QComboBox *m_mode;
    QLabel *m_modeHelp;
    QLineEdit *m_selection;
    QLabel *m_report;
    QTableWidget *m_sessions;
    QCheckBox *m_endSessions;
    QLabel *m_plan;
    SilenceOption *m_silence;
    QLabel *m_confirmPrompt;
    QLineEdit *m_confirmation;
    QPushButton *m_restore;
    QTimer *m_debounce;
    QPointer<RestoreJob> m_job;
    RestorePreflight m_preflight;
    bool m_preflightValid = false;
    QString m_preflightError;
};

} // namespace opsdeck
