#include "restore_dialog.h"

#include "backup_model.h"
#include "badge_tone.h"
#include "common/compact_units.h"
#include "alerts/silence_matchers.h"
#include "alerts/silence_option.h"
#include "common/display_text.h"
#include "metrics/label_matcher.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

QLabel *wrappingLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString tone(BadgeTone t, const QString &html)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(toneTextHtml(t), html);
}

} // namespace

RestoreDialog::RestoreDialog(BackupContext context, BackupEntry backup, QWidget *parent)
    : QDialog(parent), m_context(std::move(context)), m_backup(std::move(backup)), m_debounce(new QTimer(this))
{
    const BackupManifest &m = m_backup.manifest;
    setWindowTitle(tr("Restore %1").arg(m.id));
    setMinimumWidth(620);
    auto *layout = new QVBoxLayout(this);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto *headline = wrappingLabel(this, QStringLiteral("backupSummary"));
    headline->setText(tr("Backup <b>%1</b> of <b>%2</b>, taken %3 (%4 ago) by %5; %6; %7.")
                          .arg(m.id.toHtmlEscaped(), m.dbname.toHtmlEscaped(),
                               m.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                               compactDuration(m.startedAt.msecsTo(now)), m.operatorName.toHtmlEscaped(),
                               compactBytes(double(m.sizeBytes())), BackupModel::verificationText(m_backup, now).toHtmlEscaped()));
    layout->addWidget(headline);

    auto *form = new QFormLayout;
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("targetPicker"));
    for (const DatabaseConfig &d : m_context.profile.databases)
        m_target->addItem(QStringLiteral("%1 (%2 on %3:%4)").arg(d.name, d.dbname, d.host).arg(d.port), d.name);
    m_target->setCurrentIndex(std::max(0, m_target->findData(m.database)));
    form->addRow(tr("Restore into:"), m_target);

    // A list and the chosen mode's explanation: three radio buttons with theirs do not fit a 768-pixel screen.
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("modePicker"));
    m_mode->addItem(tr("Swap (recommended)"), int(RestoreMode::Swap));
    m_mode->addItem(tr("In place"), int(RestoreMode::InPlace));
    m_mode->addItem(tr("Into a new database beside the target"), int(RestoreMode::Scratch));
    m_modeHelp = new QLabel(this);
    m_modeHelp->setWordWrap(true);
    m_modeHelp->setForegroundRole(QPalette::PlaceholderText);
    auto *modeBox = new QVBoxLayout;
    modeBox->setSpacing(2);
    modeBox->addWidget(m_mode);
    modeBox->addWidget(m_modeHelp);
    form->addRow(tr("How:"), modeBox);

    m_selection = new QLineEdit(this);
    m_selection->setObjectName(QStringLiteral("selectionEdit"));
    m_selection->setPlaceholderText(tr("everything; or schemas and schema.table names, separated by commas"));
    m_selection->setClearButtonEnabled(true);
    form->addRow(tr("Only:"), m_selection);
    layout->addLayout(form);

    // What the checks found and what will happen can be long (many sessions, many
    // warnings): it scrolls, so the fields above and the confirmation below never get squeezed.
    auto *details = new QWidget(this);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(details);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(scroll, 1);

    m_report = wrappingLabel(details, QStringLiteral("preflightReport"));
    detailsLayout->addWidget(m_report);

    m_sessions = new QTableWidget(0, 5, details);
    m_sessions->setObjectName(QStringLiteral("sessionsInTheWay"));
    m_sessions->setHorizontalHeaderLabels({tr("PID"), tr("User"), tr("Application"), tr("Client"), tr("State")});
    m_sessions->verticalHeader()->hide();
    m_sessions->horizontalHeader()->setStretchLastSection(true);
    m_sessions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sessions->setSelectionMode(QAbstractItemView::NoSelection);
    m_sessions->setMaximumHeight(110);
    m_sessions->hide();
    detailsLayout->addWidget(m_sessions);
    m_endSessions = new QCheckBox(details);
    m_endSessions->setObjectName(QStringLiteral("endSessions"));
    m_endSessions->hide();
    detailsLayout->addWidget(m_endSessions);

    m_plan = wrappingLabel(details, QStringLiteral("restorePlan"));
    detailsLayout->addWidget(m_plan);
    detailsLayout->addStretch(1);

    // The restore window would page whoever watches the database: an acknowledgement
    // (an Alertmanager silence) for its length, expired when the restore ends.
    m_silence = new SilenceOption(tr("Silence in Alertmanager during the restore:"), !m_context.profile.alertmanagers.isEmpty(), this);
    layout->addWidget(m_silence);

    auto *confirmRow = new QHBoxLayout;
    m_confirmPrompt = new QLabel(this);
    m_confirmPrompt->setTextFormat(Qt::RichText);
    confirmRow->addWidget(m_confirmPrompt);
    m_confirmation = new QLineEdit(this);
    m_confirmation->setObjectName(QStringLiteral("confirmationEdit"));
    confirmRow->addWidget(m_confirmation, 1);
    layout->addLayout(confirmRow);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    m_restore = buttons->addButton(tr("Restore"), QDialogButtonBox::AcceptRole);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_restore->setAutoDefault(false);
    cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_restore->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(400);
    connect(m_debounce, &QTimer::timeout, this, &RestoreDialog::runPreflight);
    connect(m_target, &QComboBox::currentIndexChanged, this, &RestoreDialog::schedulePreflight);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &RestoreDialog::schedulePreflight);
    connect(m_selection, &QLineEdit::textChanged, this, &RestoreDialog::schedulePreflight);
    connect(m_endSessions, &QCheckBox::toggled, this, [this] {
        updatePlan();
        updateButton();
    });
    connect(m_confirmation, &QLineEdit::textChanged, this, &RestoreDialog::updateButton);
    connect(m_silence, &SilenceOption::changed, this, &RestoreDialog::updateButton);
    // Tall enough for the checks and the steps without scrolling, within the screen.
    const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const int available = screen ? screen->availableGeometry().height() : 768;
    resize(720, std::min(700, available - 80));
    schedulePreflight();
    m_debounce->stop();  // the first check starts at once
    runPreflight();
}

RestoreDialog::~RestoreDialog()
{
    if (m_job)
        m_job->cancel();
}

RestoreMode RestoreDialog::mode() const
{
    return RestoreMode(m_mode->currentData().toInt());
}

void RestoreDialog::setMode(RestoreMode mode)
{
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(mode))));
    schedulePreflight();
}

QString RestoreDialog::targetDbname() const
{
    const DatabaseConfig *d = m_context.database(m_target->currentData().toString());
    return d ? d->dbname : QString();
}

TocSelection RestoreDialog::selection() const
{
    TocSelection s;
    for (const QString &part : m_selection->text().split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed();
        if (name.isEmpty())
            continue;
        (name.contains(u'.') ? s.tables : s.schemas) << name;
    }
    return s;
}

RestoreRequest RestoreDialog::request() const
{
    RestoreRequest r;
    r.backupId = m_backup.manifest.id;
    r.target = m_target->currentData().toString();
    r.confirmation = m_confirmation->text();
    r.mode = mode();
    r.selection = selection();
    r.endSessions = m_endSessions->isChecked();
    r.safetyBackup = true;
    return r;
}

QCheckBox *RestoreDialog::silenceBox() const
{
    return m_silence->box();
}

QLineEdit *RestoreDialog::silenceEdit() const
{
    return m_silence->edit();
}

std::vector<SilenceMatcher> RestoreDialog::silenceMatchers() const
{
    return m_silence->matchers();
}

void RestoreDialog::schedulePreflight()
{
    // The matchers follow the target until the operator writes their own.
    m_silence->setDefaultMatchers(QStringLiteral("datname=\"%1\"").arg(targetDbname()));
    // A selection cannot be swapped in: it goes in place or beside.
    const bool selective = !selection().isEmpty();
    if (auto *items = qobject_cast<QStandardItemModel *>(m_mode->model()))
        items->item(0)->setEnabled(!selective);
    if (selective && mode() == RestoreMode::Swap) {
        const QSignalBlocker blocker(m_mode);
        m_mode->setCurrentIndex(m_mode->findData(int(RestoreMode::Scratch)));
    }
    static const QHash<int, QString> help{
        {int(RestoreMode::Swap), tr("Restored beside the target and checked, then the names are swapped: the target is "
                                    "unavailable for about a second.")},
        {int(RestoreMode::InPlace), tr("One transaction into the target, all or nothing: for when a second copy does not fit.")},
        {int(RestoreMode::Scratch), tr("The target is left alone: for reading, or copying a few rows back by hand.")}};
    m_modeHelp->setText(selective && mode() != RestoreMode::Swap
                            ? help.value(int(mode())) + u' ' + tr("(A selection cannot be swapped in.)")
                            : help.value(int(mode())));
    m_preflightValid = false;
    m_report->setText(tr("Checking…"));
    updatePlan();
    updateButton();
    m_debounce->start();
}

void RestoreDialog::runPreflight()
{
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job->deleteLater();
    }
    m_preflightValid = false;
    RestoreRequest r = request();
    r.preflightOnly = true;
    // The sessions are listed either way; agreeing here keeps them out of the problems, since
    // the checkbox below is the answer to them (the restore itself gets the operator's choice).
    r.endSessions = true;
    m_job = new RestoreJob(m_context, r, this);
    connect(m_job, &RestoreJob::progress, this, [this](const JobProgress &p) {
        m_report->setText(tr("Checking: %1…").arg(p.phase.toHtmlEscaped()));
    });
    connect(m_job, &RestoreJob::finished, this, &RestoreDialog::onPreflight);
    m_report->setText(tr("Checking the backup's checksums and the target…"));
    updateButton();
    m_job->start();
}

void RestoreDialog::onPreflight(const RestoreResult &result)
{
    if (m_job) {
        m_job->deleteLater();
        m_job = nullptr;
    }
    m_preflight = result.preflight;
    m_preflightValid = true;
    // A refusal before the preflight report (no such backup, a checksum that does not match) is the problem.
    m_preflightError = result.preflight.targetDbname.isEmpty() && !result.ok ? result.message : QString();

    QStringList lines;
    const RestorePreflight &p = m_preflight;
    if (!m_preflightError.isEmpty()) {
        lines << tone(BadgeTone::Bad, tr("✗ %1").arg(m_preflightError.toHtmlEscaped()));
    } else {
        lines << tone(BadgeTone::Good, tr("✓ Every checksum matches; pg_restore %1 reads %n object(s).", nullptr, p.tocEntries)
                                           .arg(p.pgRestore.toHtmlEscaped()));
        lines << (p.targetExists ? tr("Target %1: %2, owner %3, %4 session(s) connected.")
                                       .arg(p.targetDbname.toHtmlEscaped(), compactBytes(double(p.target.sizeBytes)),
                                            p.target.owner.toHtmlEscaped())
                                       .arg(p.sessions.size())
                                 : tr("Target %1 does not exist yet.").arg(p.targetDbname.toHtmlEscaped()));
        lines << tr("Disk: %1.").arg(p.freeSpace.toHtmlEscaped());
        for (const QString &w : p.warnings)
            lines << tone(BadgeTone::Warning, tr("⚠ %1").arg(w.toHtmlEscaped()));
        for (const QString &problem : p.problems)
            lines << tone(BadgeTone::Bad, tr("✗ %1").arg(problem.toHtmlEscaped()));
    }
    m_report->setText(lines.join(QStringLiteral("<br>")));

    m_sessions->setRowCount(0);
    const bool replaces = mode() != RestoreMode::Scratch;
    const bool inTheWay = replaces && !p.sessions.isEmpty();
    for (const pgadmin::Session &s : p.sessions) {
        const int row = m_sessions->rowCount();
        m_sessions->insertRow(row);
        const QStringList cells{QString::number(s.pid), s.user, s.application, s.client, s.state};
        for (int c = 0; c < cells.size(); ++c)
            m_sessions->setItem(row, c, new QTableWidgetItem(singleLine(cells[c], 60)));
    }
    m_sessions->resizeColumnsToContents();
    m_sessions->setVisible(inTheWay);
    m_endSessions->setVisible(inTheWay);
    m_endSessions->setText(tr("End these %n session(s) when the restore starts (their clients lose their connections)", nullptr,
                              int(p.sessions.size())));
    if (!inTheWay)
        m_endSessions->setChecked(false);
    updatePlan();
    updateButton();
    Q_EMIT preflightFinished();
}

QString RestoreDialog::planText() const
{
    return m_plan->text();
}

void RestoreDialog::updatePlan()
{
    const QString target = targetDbname().toHtmlEscaped();
    const QString id = m_backup.manifest.id.toHtmlEscaped();
    const TocSelection s = selection();
    const QString what = s.isEmpty() ? tr("the whole backup %1").arg(id)
                                     : tr("%1 from backup %2").arg((s.schemas + s.tables).join(QStringLiteral(", ")).toHtmlEscaped(), id);
    const int keepHours = m_context.profile.backups ? m_context.profile.backups->keepPreviousHours : 24;
    const int sessions = int(m_preflight.sessions.size());
    const bool exists = !m_preflightValid || m_preflight.targetExists;
    QStringList steps;
    switch (mode()) {
    case RestoreMode::Swap:
        if (exists)
            steps << tr("Back up %1 as it is now (a safety backup), and verify it.").arg(target);
        steps << tr("Restore %1 into a new database <b>%2__restore_&lt;time&gt;</b> and check its tables.").arg(what, target);
        if (sessions > 0 && m_endSessions->isChecked())
            steps << tr("End the %n session(s) connected to %1.", nullptr, sessions).arg(target);
        steps << (exists ? tr("Swap the names in one transaction: the restored copy becomes <b>%1</b>; the current %1 is kept as "
                              "<b>%1__pre_&lt;time&gt;</b> for %2 h.").arg(target).arg(keepHours)
                         : tr("Rename the restored copy to <b>%1</b>.").arg(target));
        steps << tr("If any step fails or you cancel before the swap, %1 is left exactly as it was and the new database is dropped.")
                     .arg(target);
        break;
    case RestoreMode::InPlace:
        steps << tr("Back up %1 as it is now (a safety backup), and verify it.").arg(target);
        if (sessions > 0 && m_endSessions->isChecked())
            steps << tr("End the %n session(s) connected to %1.", nullptr, sessions).arg(target);
        steps << tr("Restore %1 into <b>%2</b> itself, dropping and re-creating its objects, in one transaction.").arg(what, target);
        steps << tr("If anything fails or you cancel, the transaction is rolled back and %1 is left exactly as it was.").arg(target);
        break;
    case RestoreMode::Scratch:
    case RestoreMode::Test:
        steps << tr("Create a new database <b>%1__restore_&lt;time&gt;</b> beside %1 and restore %2 into it.").arg(target, what);
        steps << tr("%1 itself is not touched. The new database stays for you to read or copy from; drop it when done.").arg(target);
        break;
    }
    QString html = tr("<b>What will happen:</b>") + QStringLiteral("<ol style=\"margin-top:2px\">");
    for (const QString &step : steps)
        html += QStringLiteral("<li>%1</li>").arg(step);
    html += QStringLiteral("</ol>");
    m_plan->setText(html);
    m_confirmPrompt->setText(tr("Type <b>%1</b> to confirm:").arg(target));
}

void RestoreDialog::updateButton()
{
    QString why;
    if (m_context.profile.readOnly)
        why = tr("The profile is read-only");
    else if (!m_preflightValid)
        why = tr("Waiting for the checks");
    else if (!m_preflightError.isEmpty())
        why = m_preflightError;
    else {
        const bool sessionsInTheWay = mode() != RestoreMode::Scratch && !m_preflight.sessions.isEmpty();
        if (!m_preflight.problems.isEmpty())
            why = m_preflight.problems.constLast();
        if (why.isEmpty() && sessionsInTheWay && !m_endSessions->isChecked())
            why = tr("Sessions are connected to the target: agree to end them, or wait for them to leave");
        if (why.isEmpty())
            why = m_silence->problem();
        if (why.isEmpty() && m_confirmation->text() != targetDbname())
            why = tr("Type the target database's name to confirm");
    }
    m_restore->setEnabled(why.isEmpty());
    m_restore->setToolTip(why);
}

} // namespace opsdeck
