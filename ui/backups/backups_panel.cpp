#include "backups_panel.h"

#include "backup_model.h"
#include "badge_tone.h"
#include "common/compact_units.h"
#include "database/record_table.h"
#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "profile_session.h"
#include "restore_dialog.h"
#include "alerts/action_silence.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace opsdeck {

struct BackupsPanel::Listing {
    quint64 generation = 0;
    QList<BackupEntry> entries;
    QStringList problems;
    QList<RetentionDecision> plan;
    QList<AbandonedFolder> abandoned;
};

BackupsPanel::BackupsPanel(QWidget *parent)
    : QWidget(parent), m_model(new BackupModel(this)), m_sorted(new QSortFilterProxyModel(this)), m_clock(new QTimer(this)),
      m_silence(new ActionSilence(this))
{
    // A silence that Alertmanager confirmed after the restore ended adds its news to the message.
    connect(m_silence, &ActionSilence::lateNote, this, [this](const QString &note) { m_message->setText(m_message->text() + QStringLiteral("; ") + note); });
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("backupDatabasePicker"));
    m_picker->setAccessibleName(tr("Database"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_picker->setToolTip(tr("The database whose backups are shown and taken"));
    top->addWidget(m_picker);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("backupStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_status, 1);
    layout->addLayout(top);

    // What a crashed restore left behind: said once, with the way out beside it.
    m_leftoverBanner = new QFrame(this);
    m_leftoverBanner->setObjectName(QStringLiteral("leftoverBanner"));
    m_leftoverBanner->setFrameShape(QFrame::StyledPanel);
    auto *banner = new QHBoxLayout(m_leftoverBanner);
    m_leftoverText = new QLabel(m_leftoverBanner);
    m_leftoverText->setObjectName(QStringLiteral("leftoverText"));
    m_leftoverText->setWordWrap(true);
    m_leftoverText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    banner->addWidget(m_leftoverText, 1);
    m_dropButton = new QPushButton(m_leftoverBanner);
    m_dropButton->setObjectName(QStringLiteral("dropLeftoverButton"));
    m_dropButton->setAccessibleName(tr("Drop the leftovers"));
    banner->addWidget(m_dropButton);
    m_leftoverBanner->hide();
    layout->addWidget(m_leftoverBanner);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(BackupModel::SortRole);
    m_view = newRecordTable(this, QStringLiteral("backupsView"), m_sorted);
    m_view->setAccessibleName(tr("Backups"));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->sortByColumn(BackupModel::TakenColumn, Qt::DescendingOrder);
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view, 1);
    m_emptyHint = new QLabel(this);
    m_emptyHint->setObjectName(QStringLiteral("backupsEmptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_emptyHint, 1);

    auto *actions = new QHBoxLayout;
    m_label = new QLineEdit(this);
    m_label->setObjectName(QStringLiteral("backupLabel"));
    m_label->setAccessibleName(tr("Label of the next backup"));
    m_label->setPlaceholderText(tr("Label (optional), e.g. before the 1.4.3 migration"));
    m_label->setClearButtonEnabled(true);
    actions->addWidget(m_label, 1);
    m_backupButton = new QPushButton(tr("Back up now"), this);
    m_backupButton->setObjectName(QStringLiteral("backupNowButton"));
    m_verifyButton = new QPushButton(tr("Verify"), this);
    m_verifyButton->setObjectName(QStringLiteral("verifyButton"));
    m_testRestoreButton = new QPushButton(tr("Test restore"), this);
    m_testRestoreButton->setObjectName(QStringLiteral("testRestoreButton"));
    m_restoreButton = new QPushButton(tr("Restore…"), this);
    m_restoreButton->setObjectName(QStringLiteral("restoreButton"));
    m_pruneButton = new QPushButton(tr("Prune…"), this);
    m_pruneButton->setObjectName(QStringLiteral("pruneButton"));
    for (QPushButton *b : {m_backupButton, m_verifyButton, m_testRestoreButton, m_restoreButton, m_pruneButton})
        actions->addWidget(b);
    layout->addLayout(actions);

    m_progressRow = new QFrame(this);
    m_progressRow->setObjectName(QStringLiteral("jobProgress"));
    auto *progress = new QHBoxLayout(m_progressRow);
    progress->setContentsMargins(0, 0, 0, 0);
    m_progressBar = new QProgressBar(m_progressRow);
    m_progressBar->setRange(0, 1000);
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumWidth(220);
    progress->addWidget(m_progressBar);
    m_progressLabel = new QLabel(m_progressRow);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_progressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress->addWidget(m_progressLabel, 1);
    m_cancelButton = new QPushButton(tr("Cancel"), m_progressRow);
    m_cancelButton->setObjectName(QStringLiteral("cancelJobButton"));
    progress->addWidget(m_cancelButton);
    m_progressRow->hide();
    layout->addWidget(m_progressRow);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("backupMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    connect(m_picker, &QComboBox::currentIndexChanged, this, &BackupsPanel::showCurrentDatabase);
    connect(m_backupButton, &QPushButton::clicked, this, &BackupsPanel::backUpNow);
    connect(m_label, &QLineEdit::returnPressed, this, &BackupsPanel::backUpNow);
    connect(m_verifyButton, &QPushButton::clicked, this, [this] { verifySelected(false); });
    connect(m_testRestoreButton, &QPushButton::clicked, this, [this] { verifySelected(true); });
    connect(m_restoreButton, &QPushButton::clicked, this, &BackupsPanel::restoreSelected);
    connect(m_pruneButton, &QPushButton::clicked, this, &BackupsPanel::pruneSelected);
    connect(m_cancelButton, &QPushButton::clicked, this, &BackupsPanel::cancelJob);
    connect(m_dropButton, &QPushButton::clicked, this, &BackupsPanel::dropLeftover);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BackupsPanel::updateActions);
    connect(m_view, &QTableView::doubleClicked, this, &BackupsPanel::restoreSelected);
    // Ages move with the clock; the catalogue is read again now and then (another console, the CLI, cron).
    m_clock->setInterval(30000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        m_model->refreshAges();
        if (!isBusy())
            refresh();
    });
    m_clock->start();
    setSession(nullptr);
}

// A job still running when the console closes goes with the panel: its child
// process is killed, and a restore's scratch database is what the next start
// finds and offers to drop (the audit log has its intent without an outcome).
BackupsPanel::~BackupsPanel() = default;

BackupContext BackupsPanel::context() const
{
    BackupContext c;
    if (m_session)
        c.profile = m_session->profile();
    c.audit = AuditLog(AuditLog::defaultPath());
    c.client = QStringLiteral("gui");
    return c;
}

void BackupsPanel::setSession(ProfileSession *session)
{
    m_session = session;
    m_silence->setSession(session);
    ++m_generation;
    m_admins.clear();
    m_leftovers.clear();
    m_entries.clear();
    m_plan.clear();
    m_problems.clear();
    const QSignalBlocker blocker(m_picker);
    m_picker->clear();
    if (session) {
        for (const DatabaseConfig &d : session->profile().databases)
            m_picker->addItem(d.name);
        if (session->profile().backups) {
            for (const DatabaseConfig &admin : maintenanceDatabases(session->profile()))
                m_admins[QStringLiteral("%1:%2").arg(admin.host).arg(admin.port)] =
                    std::make_unique<PgWorker>(admin, 30000, QStringLiteral("leftovers"));
        }
    }
    m_picker->setVisible(m_picker->count() > 1);
    m_model->setEntries({});
    m_message->clear();
    updateLeftoverBanner();
    updateStatus();
    updateActions();
    refresh();
    scanLeftovers();
}

bool BackupsPanel::selectDatabase(const QString &name)
{
    const int index = m_picker->findText(name);
    if (index < 0)
        return false;
    m_picker->setCurrentIndex(index);
    return true;
}

QString BackupsPanel::currentDatabase() const
{
    return m_picker->currentText();
}

void BackupsPanel::refresh()
{
    const BackupContext c = context();
    if (!m_session || c.backupRoot().isEmpty()) {
        updateStatus();
        return;
    }
    // The folder may be a network share: never read on the GUI thread.
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    const quint64 generation = m_generation;
    const BackupsConfig backups = *c.profile.backups;
    runInBackground<BackupsPanel, Listing>(this, [generation, backups]() {
        Listing l;
        l.generation = generation;
        l.entries = catalogue::list(backups.directory, {}, &l.problems);
        l.plan = retentionPlan(l.entries, backups.keepDays, backups.keepMin, QDateTime::currentDateTimeUtc());
        l.abandoned = catalogue::abandoned(backups.directory, 3600, QDateTime::currentDateTimeUtc());
        return l;
    }, [](BackupsPanel *panel, Listing l) {
        panel->m_reading = false;
        if (l.generation == panel->m_generation)
            panel->listingRead(l);
        if (std::exchange(panel->m_readAgain, false))
            panel->refresh();
    });
}

void BackupsPanel::listingRead(const Listing &listing)
{
    m_entries = listing.entries;
    m_plan = listing.plan;
    m_problems = listing.problems;
    m_abandoned = listing.abandoned;
    showCurrentDatabase();
    if (m_restoreNewestWhenRead && m_model->rowCount() > 0) {
        m_restoreNewestWhenRead = false;
        restoreNewest();
    }
    Q_EMIT catalogueRead();
}

void BackupsPanel::showCurrentDatabase()
{
    const QString database = currentDatabase();
    QList<BackupEntry> shown;
    for (const BackupEntry &e : m_entries)
        if (e.manifest.database == database)
            shown << e;
    QHash<QString, QString> prune;
    for (const RetentionDecision &d : m_plan)
        if (d.remove && d.entry.manifest.database == database)
            prune.insert(d.entry.manifest.id, d.reason);
    const bool first = m_model->rowCount() == 0;
    m_model->setEntries(shown);
    m_model->setPruneCandidates(prune);
    if (first && !shown.isEmpty()) {
        m_view->resizeColumnsToContents();
        // Ages and "✓ test restore, 2 h ago" grow as time passes: room for that.
        for (int column : {int(BackupModel::TakenColumn), int(BackupModel::VerifiedColumn)})
            m_view->horizontalHeader()->resizeSection(column, m_view->horizontalHeader()->sectionSize(column) + 3 * fontMetrics().averageCharWidth() + 8);
        // The label takes what is left; the id is for copying, not for reading.
        m_view->horizontalHeader()->resizeSection(BackupModel::LabelColumn,
                                                  std::max(m_view->horizontalHeader()->sectionSize(BackupModel::LabelColumn), 160));
    }
    updateStatus();
    updateActions();
}

void BackupsPanel::scanLeftovers()
{
    if (!m_session)
        return;
    const BackupContext c = context();
    QPointer<BackupsPanel> self(this);
    const quint64 generation = m_generation;
    for (auto &[server, worker] : m_admins) {
        const DatabaseConfig admin = worker->config();
        const QString name = server;
        worker->submit({[self, c, admin, name, generation](pqxx::connection &conn) {
                            QList<LeftoverReport> reports;
                            QString error;
                            try {
                                reports = describeLeftovers(pgadmin::leftovers(conn), admin, c, unfinishedActions(c.audit.path()),
                                                            QDateTime::currentDateTimeUtc());
                            } catch (const std::exception &e) {
                                error = QString::fromUtf8(e.what()).trimmed();
                            }
                            deliverToOwner(self, [name, reports, error, generation](BackupsPanel *p) {
                                if (generation == p->m_generation)
                                    p->leftoversFound(name, reports, error);
                            });
                        },
                        [self, name, generation](const QString &error) {
                            deliverToOwner(self, [name, error, generation](BackupsPanel *p) {
                                if (generation == p->m_generation)
                                    p->leftoversFound(name, {}, error);
                            });
                        }});
    }
}

void BackupsPanel::leftoversFound(const QString &server, const QList<LeftoverReport> &reports, const QString &error)
{
    // An unreachable server is the Database panel's news, not this one's: nothing found there.
    if (!error.isEmpty())
        qWarning("backups: leftovers on %s: %s", qPrintable(server), qPrintable(error));
    m_leftovers[server] = reports;
    updateLeftoverBanner();
    updateStatus();
    Q_EMIT leftoversRead();
}

const LeftoverReport *BackupsPanel::firstUnexpectedLeftover() const
{
    for (const auto &[server, reports] : m_leftovers)
        for (const LeftoverReport &r : reports)
            if (!r.expected)
                return &r;
    return nullptr;
}

void BackupsPanel::updateLeftoverBanner()
{
    QStringList lines;
    for (const auto &[server, reports] : m_leftovers)
        for (const LeftoverReport &r : reports)
            if (!r.expected)
                lines << r.explanation;
    const LeftoverReport *first = firstUnexpectedLeftover();
    m_leftoverBanner->setVisible(first != nullptr);
    if (!first)
        return;
    m_leftoverText->setText(lines.join(u'\n'));
    m_leftoverText->setStyleSheet(QStringLiteral("color: %1").arg(toneTextHtml(BadgeTone::Warning)));
    m_dropButton->setText(tr("Drop %1…").arg(first->leftover.name));
    const bool readOnly = m_session && m_session->profile().readOnly;
    m_dropButton->setEnabled(!readOnly);
    m_dropButton->setToolTip(readOnly ? tr("The profile is read-only") : tr("Drop the database (asks first)"));
}

QString BackupsPanel::leftoverText() const
{
    return m_leftoverBanner->isVisible() ? m_leftoverText->text() : QString();
}

void BackupsPanel::dropLeftover()
{
    const LeftoverReport *first = firstUnexpectedLeftover();
    if (!first || !m_session || m_session->profile().readOnly)
        return;
    const LeftoverReport leftover = *first;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Drop %1").arg(leftover.leftover.name),
                                tr("Drop database %1 on %2 (%3)?\n\n%4.\n\nIts data is gone once dropped.")
                                    .arg(leftover.leftover.name, leftover.server, compactBytes(double(leftover.leftover.sizeBytes)),
                                         leftover.explanation),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("dropLeftoverConfirmation"));
    QPushButton *drop = box->addButton(tr("Drop database"), QMessageBox::DestructiveRole);
    drop->setObjectName(QStringLiteral("confirmDrop"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(drop, &QPushButton::clicked, this, [this, leftover] {
        const auto it = m_admins.find(leftover.server);
        if (it == m_admins.end())
            return;
        const BackupContext c = context();
        QPointer<BackupsPanel> self(this);
        report(tr("Dropping %1…").arg(leftover.leftover.name), false);
        it->second->submit({[self, c, leftover](pqxx::connection &conn) {
                                QString error;
                                try {
                                    opsdeck::dropLeftover(conn, c, leftover);
                                } catch (const std::exception &e) {
                                    error = QString::fromUtf8(e.what()).trimmed();
                                }
                                deliverToOwner(self, [leftover, error](BackupsPanel *p) {
                                    p->report(error.isEmpty() ? tr("Dropped %1.").arg(leftover.leftover.name)
                                                              : tr("%1 was not dropped: %2").arg(leftover.leftover.name, error),
                                              !error.isEmpty());
                                    p->scanLeftovers();
                                });
                            },
                            [self, leftover](const QString &error) {
                                deliverToOwner(self, [leftover, error](BackupsPanel *p) {
                                    p->report(tr("%1 was not dropped: %2").arg(leftover.leftover.name, error), true);
                                });
                            }});
    });
    box->open();
}

RestoreDialog *BackupsPanel::pendingRestoreDialog() const
{
    return m_restoreDialog;
}

bool BackupsPanel::isBusy() const
{
    return m_job != nullptr;
}

QString BackupsPanel::selectedBackupId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(BackupModel::IdRole).toString();
}

bool BackupsPanel::selectBackup(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_view->selectRow(m_sorted->mapFromSource(m_model->index(row, 0)).row());
    return true;
}

void BackupsPanel::startJob(QObject *job, const QString &summary)
{
    m_job = job;
    m_jobSummary = summary;
    m_progressBar->setRange(0, 0);
    m_progressLabel->setText(summary);
    m_progressRow->show();
    m_cancelButton->setEnabled(true);
    m_message->clear();
    setSummary(summary);
    updateActions();
}

void BackupsPanel::showProgress(const JobProgress &p)
{
    if (p.fraction >= 0) {
        m_progressBar->setRange(0, 1000);
        m_progressBar->setValue(int(p.fraction * 1000));
    } else {
        m_progressBar->setRange(0, 0);
    }
    m_progressLabel->setText(describeProgress(p));
    setSummary(p.fraction >= 0 ? tr("%1 %2 %").arg(m_jobSummary).arg(int(p.fraction * 100)) : m_jobSummary);
}

QString BackupsPanel::progressText() const
{
    return m_progressRow->isVisible() ? m_progressLabel->text() : QString();
}

void BackupsPanel::jobDone(bool ok, bool cancelled, const QString &title, const QString &message)
{
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    m_progressRow->hide();
    report(message, !ok && !cancelled);
    setSummary({});
    Q_EMIT jobFinished(title, message, ok);
    updateActions();
    refresh();
}

void BackupsPanel::backUpNow()
{
    const QString database = currentDatabase();
    if (isBusy() || !m_backupButton->isEnabled() || database.isEmpty())
        return;
    BackupRequest request;
    request.database = database;
    request.label = m_label->text().trimmed();
    auto *job = new BackupJob(context(), request, this);
    connect(job, &BackupJob::progress, this, &BackupsPanel::showProgress);
    connect(job, &BackupJob::finished, this, [this, database](const BackupResult &r) {
        if (r.ok)
            m_label->clear();
        jobDone(r.ok, r.cancelled, r.ok ? tr("Backup of %1 done").arg(database) : tr("Backup of %1 failed").arg(database), r.message);
    });
    startJob(job, tr("backing up %1").arg(database));
    job->start();
}

void BackupsPanel::verifySelected(bool testRestore)
{
    const QString id = selectedBackupId();
    QPushButton *button = testRestore ? m_testRestoreButton : m_verifyButton;
    if (isBusy() || id.isEmpty() || !button->isEnabled())
        return;
    auto *job = new VerifyJob(context(), id, testRestore, {}, this);
    connect(job, &VerifyJob::progress, this, &BackupsPanel::showProgress);
    connect(job, &VerifyJob::finished, this, [this, id](const VerifyResult &r) {
        jobDone(r.ok, r.cancelled, r.ok ? tr("Backup %1 verified").arg(id) : tr("Backup %1 failed verification").arg(id), r.message);
    });
    startJob(job, testRestore ? tr("test-restoring %1").arg(id) : tr("verifying %1").arg(id));
    job->start();
}

void BackupsPanel::restoreSelected()
{
    const BackupEntry *entry = m_model->entry(selectedBackupId());
    if (isBusy() || !entry || !m_restoreButton->isEnabled() || m_restoreDialog)
        return;
    auto *dialog = new RestoreDialog(context(), *entry, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_restoreDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] { startRestore(dialog->request(), dialog->silenceMatchers()); });
    dialog->open();
}

void BackupsPanel::restoreNewest()
{
    if (m_model->rowCount() == 0) {
        m_restoreNewestWhenRead = true;
        return;
    }
    m_view->selectRow(0);  // sorted newest first
    restoreSelected();
}

void BackupsPanel::startRestore(const RestoreRequest &request, const std::vector<SilenceMatcher> &silence)
{
    if (isBusy())
        return;
    auto *job = new RestoreJob(context(), request, this);
    connect(job, &RestoreJob::progress, this, &BackupsPanel::showProgress);
    connect(job, &RestoreJob::finished, this, [this, request](const RestoreResult &r) {
        QString title;
        if (r.ok) {
            title = tr("%1 restored from %2").arg(request.target, request.backupId);
            if (request.mode != RestoreMode::Scratch)
                Q_EMIT databaseRestored(request.target);
        } else {
            title = r.cancelled ? tr("Restore of %1 cancelled").arg(request.target) : tr("Restore of %1 failed").arg(request.target);
            if (r.targetUnchanged)
                title += tr(": the database is unchanged");
        }
        m_silence->end();
        const QString note = m_silence->takeNote();
        jobDone(r.ok, r.cancelled, title, note.isEmpty() ? r.message : r.message + QStringLiteral("; ") + note);
        scanLeftovers();
    });
    m_silence->begin(silence, tr("ACK: restore of %1 from backup %2 (OpsDeck), expired when it ends").arg(request.target, request.backupId));
    startJob(job, tr("restoring %1").arg(request.target));
    job->start();
}

void BackupsPanel::pruneSelected()
{
    if (isBusy() || !m_session || m_session->profile().readOnly)
        return;
    const QString database = currentDatabase();
    QList<RetentionDecision> doomed;
    for (const RetentionDecision &d : m_plan)
        if (d.remove && d.entry.manifest.database == database)
            doomed << d;
    const QList<AbandonedFolder> abandoned = m_abandoned;
    if (doomed.isEmpty() && abandoned.isEmpty())
        return;
    QStringList lines;
    for (const RetentionDecision &d : doomed)
        lines << tr("%1 (%2, %3)").arg(d.entry.manifest.id, compactBytes(double(d.entry.manifest.sizeBytes())), d.reason);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const AbandonedFolder &f : abandoned)
        lines << tr("%1 (%2, %3)").arg(QFileInfo(f.path).fileName(), compactBytes(double(f.bytes)), abandonedReason(f, now));
    const BackupsConfig &b = *m_session->profile().backups;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Prune backups of %1").arg(database),
                                tr("Retention (keep %1 days, at least %2 backups, always the newest verified one) would delete "
                                   "%n backup(s) of %3:", nullptr, int(doomed.size()))
                                        .arg(b.keepDays).arg(b.keepMin).arg(database)
                                    + (abandoned.isEmpty() ? QString()
                                                           : u' ' + tr("And the folders that interrupted backups left behind:")),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("pruneConfirmation"));
    box->setInformativeText(lines.join(u'\n'));
    const int count = int(doomed.size() + abandoned.size());
    QPushButton *remove = box->addButton(tr("Delete %n backup(s)", nullptr, count), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmPrune"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(remove, &QPushButton::clicked, this, [this, doomed, abandoned, count] {
        const BackupContext c = context();
        report(tr("Deleting %n backup(s)…", nullptr, count), false);
        runInBackground<BackupsPanel, QStringList>(this, [c, doomed, abandoned]() {
            QStringList errors;
            for (const RetentionDecision &d : doomed)
                if (const QString e = deleteBackup(c, d.entry, d.reason); !e.isEmpty())
                    errors << QStringLiteral("%1: %2").arg(d.entry.manifest.id, e);
            for (const AbandonedFolder &f : abandoned)
                if (const QString e = deleteAbandoned(c, f); !e.isEmpty())
                    errors << QStringLiteral("%1: %2").arg(f.path, e);
            return errors;
        }, [count](BackupsPanel *p, QStringList errors) {
            p->report(errors.isEmpty() ? tr("Deleted %n backup(s).", nullptr, count) : errors.join(QStringLiteral("; ")), !errors.isEmpty());
            p->refresh();
        });
    });
    box->open();
}

void BackupsPanel::cancelJob()
{
    if (!m_job)
        return;
    m_cancelButton->setEnabled(false);
    m_progressLabel->setText(tr("Cancelling…"));
    if (auto *b = qobject_cast<BackupJob *>(m_job))
        b->cancel();
    else if (auto *v = qobject_cast<VerifyJob *>(m_job))
        v->cancel();
    else if (auto *r = qobject_cast<RestoreJob *>(m_job))
        r->cancel();
}

void BackupsPanel::updateActions()
{
    const bool hasFolder = m_session && m_session->profile().backups;
    const bool readOnly = m_session && m_session->profile().readOnly;
    const bool busy = isBusy();
    const bool selected = !selectedBackupId().isEmpty();
    const QString busyWhy = tr("A backup job is running: one at a time");
    auto set = [&](QPushButton *b, bool needsSelection, bool writes, const QString &tip) {
        QString why = !hasFolder ? tr("The profile has no backup folder (\"backups\": {\"directory\": …})")
                    : writes && readOnly ? tr("The profile is read-only")
                    : busy ? busyWhy
                    : needsSelection && !selected ? tr("Select a backup")
                    : QString();
        b->setEnabled(why.isEmpty());
        b->setToolTip(why.isEmpty() ? tip : why);
    };
    set(m_backupButton, false, true, tr("Take a backup of %1 now, in the background (pg_dump, then checksums)").arg(currentDatabase()));
    set(m_verifyButton, true, false, tr("Recompute every checksum and read the whole table of contents"));
    set(m_testRestoreButton, true, true, tr("Verify, then restore into a scratch database, check its tables, and drop it"));
    set(m_restoreButton, true, true, tr("Restore this backup: checks first, then asks you to type the target's name"));
    set(m_pruneButton, false, true, tr("Delete what retention would delete, after showing it"));
    if (m_pruneButton->isEnabled() && m_model->pruneCandidateCount() == 0 && m_abandoned.isEmpty()) {
        m_pruneButton->setEnabled(false);
        m_pruneButton->setToolTip(tr("Retention would delete nothing now"));
    }
    m_label->setEnabled(m_backupButton->isEnabled());
}

void BackupsPanel::updateStatus()
{
    if (!m_session) {
        m_status->clear();
        m_emptyHint->setText(QString());
        m_view->hide();
        m_emptyHint->show();
        return;
    }
    const Profile &profile = m_session->profile();
    if (!profile.backups) {
        m_status->setText(tr("No backup folder in this profile"));
        m_emptyHint->setText(tr("Add \"backups\": {\"directory\": \"/var/backups/opsdeck\"} to the profile to take, verify and restore "
                                "backups here (docs/backups.md)."));
        m_view->hide();
        m_emptyHint->show();
        return;
    }
    if (profile.databases.isEmpty()) {
        m_status->setText(tr("No database in this profile"));
        m_emptyHint->setText(tr("Add a database under \"databases\" to back it up (docs/configuration.md)."));
        m_view->hide();
        m_emptyHint->show();
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString database = currentDatabase();
    qint64 bytes = 0;
    const BackupEntry *newestVerified = nullptr;
    int count = 0;
    for (const BackupEntry &e : m_entries) {
        if (e.manifest.database != database)
            continue;
        ++count;
        bytes += e.manifest.sizeBytes();
        if (e.verified() && (!newestVerified || e.manifest.startedAt > newestVerified->manifest.startedAt))
            newestVerified = &e;
    }
    QString text = tr("%n backup(s), %1, in %2", nullptr, count).arg(compactBytes(double(bytes)), profile.backups->directory);
    BadgeTone tone = BadgeTone::Neutral;
    if (count > 0 && newestVerified)
        text += tr("; newest verified: %1 ago").arg(compactDuration(newestVerified->manifest.startedAt.msecsTo(now)));
    else if (count > 0) {
        text += tr("; none verified yet");
        tone = BadgeTone::Warning;
    }
    if (!m_abandoned.isEmpty()) {
        qint64 abandonedBytes = 0;
        for (const AbandonedFolder &f : m_abandoned)
            abandonedBytes += f.bytes;
        text += u' ' + tr("(%n folder(s) of interrupted backups, %1: Prune… removes them)", nullptr, int(m_abandoned.size()))
                           .arg(compactBytes(double(abandonedBytes)));
        tone = BadgeTone::Warning;
    }
    if (!m_problems.isEmpty()) {
        text += u' ' + tr("(%n unreadable: %1)", nullptr, int(m_problems.size())).arg(m_problems.join(QStringLiteral("; ")));
        tone = BadgeTone::Warning;
    }
    m_status->setText(text);
    m_status->setStyleSheet(tone == BadgeTone::Neutral ? QString() : QStringLiteral("color: %1").arg(toneTextHtml(tone)));
    QStringList kept;
    for (const auto &[server, reports] : m_leftovers)
        for (const LeftoverReport &r : reports)
            if (r.expected)
                kept << r.explanation;
    m_status->setToolTip(kept.join(u'\n'));
    m_emptyHint->setText(tr("No backup of %1 yet. \"Back up now\" takes the first one.").arg(database));
    m_view->setVisible(count > 0);
    m_emptyHint->setVisible(count == 0);
}

QString BackupsPanel::statusText() const
{
    return m_status->text();
}

QString BackupsPanel::messageText() const
{
    return m_message->text();
}

void BackupsPanel::report(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: %1").arg(toneTextHtml(BadgeTone::Bad)) : QString());
}

void BackupsPanel::setSummary(const QString &summary)
{
    if (summary == m_summary)
        return;
    m_summary = summary;
    Q_EMIT summaryChanged(summary);
}

} // namespace opsdeck
