#pragma once

#include "alerts/alerts.h"
#include "backups/backup_job.h"
#include "backups/leftovers.h"
#include "backups/restore_job.h"
#include "backups/retention.h"
#include "backups/verify_job.h"

#include <QPointer>
#include <QWidget>

#include <map>
#include <memory>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QToolButton;

namespace opsdeck {

class ActionSilence;
class BackupModel;
class ProfileSession;
class RestoreDialog;

// The Backups dock: the catalogue of one database's backups (age, size,
// verified, who, label), and the actions on it: back up now, verify (with or
// without a test restore), restore through RestoreDialog, and retention shown
// before it deletes. One job at a time, in the background, with its progress,
// what remains, and a cancel; the outcome said here and as a notification.
// Databases a crashed restore left on a server are found when the profile
// opens and offered to be dropped.
class BackupsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BackupsPanel(QWidget *parent = nullptr);
    ~BackupsPanel() override;

    void setSession(ProfileSession *session);
    bool selectDatabase(const QString &name);
    QString currentDatabase() const;

    // Re-reads the catalogue (in the background) and looks for leftovers.
    void refresh();

    // The actions, as the buttons trigger them.
    void backUpNow();
    void verifySelected(bool testRestore);
    void restoreSelected();  // opens the restore dialog
    void restoreNewest();    // the same for the newest backup, once the catalogue is read
    void pruneSelected();    // asks, showing what retention would delete
    void cancelJob();
    void dropLeftover();     // asks, then drops the first leftover that is not expected

    bool isBusy() const;
    QString selectedBackupId() const;
    bool selectBackup(const QString &id);

    BackupModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    RestoreDialog *pendingRestoreDialog() const;
    QString statusText() const;
    QString messageText() const;
    QString leftoverText() const;
    QString progressText() const;
    QString summary() const { return m_summary; }  // "restoring app 40 %" for the dock title, empty when idle
    QPushButton *backupButton() const { return m_backupButton; }
    QPushButton *verifyButton() const { return m_verifyButton; }
    QPushButton *testRestoreButton() const { return m_testRestoreButton; }
    QPushButton *restoreButton() const { return m_restoreButton; }
    QPushButton *pruneButton() const { return m_pruneButton; }
    QLineEdit *labelEdit() const { return m_label; }

Q_SIGNALS:
    void summaryChanged(const QString &summary);
    // A job ended: for a desktop notification when the window is not in front.
    void jobFinished(const QString &title, const QString &message, bool ok);
    // A restore replaced data in that database: the services that use it are worth a fresh look.
    void databaseRestored(const QString &database);
    void catalogueRead();
    void leftoversRead();

private:
    struct Listing;
    BackupContext context() const;
    void listingRead(const Listing &listing);
    void showCurrentDatabase();  // the catalogue as last read, for the picker's database
    const LeftoverReport *firstUnexpectedLeftover() const;  // the one the banner's Drop button drops
    void scanLeftovers();
    void leftoversFound(const QString &server, const QList<LeftoverReport> &reports, const QString &error);
    void startJob(QObject *job, const QString &summary);
    void showProgress(const JobProgress &progress);
    void jobDone(bool ok, bool cancelled, const QString &title, const QString &message);
    void startRestore(const RestoreRequest &request, const std::vector<SilenceMatcher> &silence = {});
    void updateActions();
    void updateStatus();
    void updateLeftoverBanner();
    void report(const QString &text, bool error);
    void setSummary(const QString &summary);

    QPointer<ProfileSession> m_session;
    QComboBox *m_picker;
    QLabel *m_status;
    QFrame *m_leftoverBanner;
    QLabel *m_leftoverText;
    QPushButton *m_dropButton;
    BackupModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    QLabel *m_emptyHint;
    QLineEdit *m_label;
    QPushButton *m_backupButton;
    QPushButton *m_verifyButton;
    QPushButton *m_testRestoreButton;
    QPushButton *m_restoreButton;
    QPushButton *m_pruneButton;
    QFrame *m_progressRow;
    QLabel *m_progressLabel;
    QProgressBar *m_progressBar;
    QPushButton *m_cancelButton;
    QLabel *m_message;
    QTimer *m_clock;

    QPointer<QObject> m_job;  // the BackupJob, VerifyJob or RestoreJob running, if any
    QString m_jobSummary;
    QPointer<RestoreDialog> m_restoreDialog;
    QList<BackupEntry> m_entries;  // of every database, as last read
    QList<RetentionDecision> m_plan;
    QList<AbandonedFolder> m_abandoned;  // folders of interrupted backups, an hour untouched
    QStringList m_problems;
    bool m_reading = false;
    bool m_restoreNewestWhenRead = false;
    bool m_readAgain = false;
    quint64 m_generation = 0;  // a listing of an earlier profile is dropped
    // One admin connection per server of the profile, for leftovers.
    std::map<QString, std::unique_ptr<PgWorker>> m_admins;
    std::map<QString, QList<LeftoverReport>> m_leftovers;
    QString m_summary;
    ActionSilence *m_silence;  // the alerts silenced for the running restore, if asked
};

} // namespace opsdeck
