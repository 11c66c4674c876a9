// The Backups panel and the restore dialog on the offscreen platform, against
// a private PostgreSQL with the real pg_dump and pg_restore, driven as a user
// drives them: buttons clicked, the dialog's preflight read, the sessions in
// the way agreed to, the target's name typed, the outcome read off the panel
// and the audit log. Also: cancel, a read-only profile, a crashed restore's
// leftover dropped from its banner, and retention shown before it deletes.

#include "backup_model.h"
#include "backups/backup_catalogue.h"
#include "backups/backups_panel.h"
#include "backups/restore_dialog.h"
#include "audit_lines.h"
#include "loopback_alertmanager.h"
#include "demo_environment.h"
#include "postgres_server.h"
#include "profile_session.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QJsonArray>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestBackupsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void backUpNowShowsProgressThenTheBackup();
    void verifyAndTestRestoreMarkTheRow();
    void restoreDialogAsksForEverythingThenRestores();
    void cancelledRestoreSaysTheTargetIsUnchanged();
    void readOnlyProfileOnlyVerifies();
    void leftoverOfACrashIsOfferedAndDropped();
    void pruneShowsWhatGoesBeforeDeleting();
    void restoreSilencesItsAlertsForItsLength();

private:
    Profile profile(bool readOnly = false) const;
    QList<QJsonObject> auditLines(const QString &action) const;
    QString count(const QString &table);

    testsupport::PostgresServer m_server;
    QTemporaryDir m_dir;
};

namespace {

struct PanelOnScreen {
    ProfileSession session;
    BackupsPanel panel;  // destroyed first: it holds the session

    explicit PanelOnScreen(const Profile &profile) : session(profile)
    {
        panel.setSession(&session);
        panel.resize(1100, 600);
        panel.show();
    }
    ~PanelOnScreen() { panel.setSession(nullptr); }
};

bool waitIdle(BackupsPanel &panel, int timeoutMs = 120000)
{
    return QTest::qWaitFor([&] { return !panel.isBusy(); }, timeoutMs);
}

// A message box the panel opened, once it is there.
QMessageBox *openBox(BackupsPanel &panel, const char *name)
{
    QMessageBox *box = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        box = panel.findChild<QMessageBox *>(QLatin1String(name));
        return box && box->isVisible();
    }, 5000);
    return shown ? box : nullptr;
}

// The newest backup selected and "Restore…" clicked, as a user does; the dialog once its
// first checks are done, or null when it did not open or its checks never ended.
RestoreDialog *openRestoreDialog(BackupsPanel &panel)
{
    panel.view()->selectRow(0);
    QTest::mouseClick(panel.restoreButton(), Qt::LeftButton);
    RestoreDialog *dialog = panel.pendingRestoreDialog();
    if (!dialog || !dialog->isVisible())
        return nullptr;
    QSignalSpy checked(dialog, &RestoreDialog::preflightFinished);
    return checked.wait(30000) ? dialog : nullptr;
}

} // namespace

void TestBackupsPanel::initTestCase()
{
    qputenv("OPSDECK_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE app")).isNull());
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral(
        "CREATE TABLE orders (id serial PRIMARY KEY, total int, note text); "
        "INSERT INTO orders (total, note) SELECT g, md5(g::text) FROM generate_series(1, 20000) g")).isNull());
}

Profile TestBackupsPanel::profile(bool readOnly) const
{
    Profile p;
    p.name = QStringLiteral("gui");
    p.operatorName = QStringLiteral("frank");
    p.readOnly = readOnly;
    p.databases << m_server.database(QStringLiteral("app"));
    BackupsConfig b;
    b.directory = m_dir.filePath(QStringLiteral("backups"));
    b.pgBinDir = m_server.binDir();
    b.keepDays = 30;
    b.keepMin = 1;
    p.backups = b;
    return p;
}

QList<QJsonObject> TestBackupsPanel::auditLines(const QString &action) const
{
    QList<QJsonObject> lines;
    for (const QJsonObject &line : testsupport::readAuditLines(m_dir.filePath(QStringLiteral("audit.jsonl"))))
        if (line.value(QStringLiteral("action")).toString() == action)
            lines << line;
    return lines;
}

QString TestBackupsPanel::count(const QString &table)
{
    return m_server.psql(QStringLiteral("app"), QStringLiteral("SELECT count(*) FROM %1").arg(table)).trimmed();
}

void TestBackupsPanel::backUpNowShowsProgressThenTheBackup()
{
    PanelOnScreen screen(profile());
    BackupsPanel &panel = screen.panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(QTest::qWaitFor([&] { return panel.statusText().startsWith(QLatin1String("0 backup")); }, 10000));
    QVERIFY2(panel.findChild<QLabel *>(QStringLiteral("backupsEmptyHint"))->isVisible(), "an empty catalogue says how to start");

    QSignalSpy finished(&panel, &BackupsPanel::jobFinished);
    QTest::keyClicks(panel.labelEdit(), QStringLiteral("before the 1.4.3 migration"));
    QVERIFY(panel.backupButton()->isEnabled());
    QTest::mouseClick(panel.backupButton(), Qt::LeftButton);
    QVERIFY(panel.isBusy());
    QVERIFY(!panel.progressText().isEmpty());
    QVERIFY(!panel.backupButton()->isEnabled());  // one job at a time
    QVERIFY(panel.summary().contains(QLatin1String("backing up app")));
    QVERIFY(waitIdle(panel));
    QCOMPARE(finished.size(), 1);
    QVERIFY2(finished[0][2].toBool(), qPrintable(finished[0][1].toString()));
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 1; }, 10000));
    const QModelIndex row = panel.model()->index(0, BackupModel::LabelColumn);
    QCOMPARE(row.data().toString(), QStringLiteral("before the 1.4.3 migration"));
    QCOMPARE(panel.model()->index(0, BackupModel::OperatorColumn).data().toString(), QStringLiteral("frank"));
    QCOMPARE(panel.model()->index(0, BackupModel::VerifiedColumn).data().toString(), QStringLiteral("not verified"));
    QVERIFY(panel.labelEdit()->text().isEmpty());
    QVERIFY(panel.statusText().contains(QLatin1String("1 backup")));
    QVERIFY(panel.view()->isVisible());
    const QList<QJsonObject> audit = auditLines(QStringLiteral("backup"));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[1].value(QStringLiteral("client")).toString(), QStringLiteral("gui"));
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestBackupsPanel::verifyAndTestRestoreMarkTheRow()
{
    PanelOnScreen screen(profile());
    BackupsPanel &panel = screen.panel;
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 1; }, 10000));
    QVERIFY(!panel.verifyButton()->isEnabled());  // nothing selected yet
    panel.view()->selectRow(0);
    QVERIFY(panel.verifyButton()->isEnabled());
    QTest::mouseClick(panel.verifyButton(), Qt::LeftButton);
    QVERIFY(waitIdle(panel));
    QVERIFY(QTest::qWaitFor([&] {
        return panel.model()->index(0, BackupModel::VerifiedColumn).data().toString().startsWith(QStringLiteral("✓ checksums"));
    }, 10000));
    panel.view()->selectRow(0);
    QTest::mouseClick(panel.testRestoreButton(), Qt::LeftButton);
    QVERIFY(waitIdle(panel));
    QVERIFY2(QTest::qWaitFor([&] {
        return panel.model()->index(0, BackupModel::VerifiedColumn).data().toString().startsWith(QStringLiteral("✓ test restore"));
    }, 10000), qPrintable(panel.messageText()));
    QVERIFY(panel.statusText().contains(QLatin1String("newest verified")));
}

void TestBackupsPanel::restoreDialogAsksForEverythingThenRestores()
{
    PanelOnScreen screen(profile());
    BackupsPanel &panel = screen.panel;
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 1; }, 10000));
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral("DELETE FROM orders WHERE id > 5")).isNull());
    auto session = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(600)"), QStringLiteral("billing-worker"));
    QVERIFY(m_server.pidOf(QStringLiteral("billing-worker")) > 0);

    RestoreDialog *dialog = openRestoreDialog(panel);
    QVERIFY(dialog);
    QVERIFY2(dialog->preflight().targetExists, qPrintable(dialog->findChild<QLabel *>(QStringLiteral("preflightReport"))->text()));

    // The sessions in the way are listed, and must be agreed to be ended.
    auto *sessions = dialog->findChild<QTableWidget *>(QStringLiteral("sessionsInTheWay"));
    QVERIFY(sessions->isVisible());
    QVERIFY(!sessions->findItems(QStringLiteral("billing-worker"), Qt::MatchExactly).isEmpty());
    QVERIFY(dialog->endSessionsBox()->isVisible());
    QVERIFY(!dialog->restoreButton()->isEnabled());

    // The steps name the databases, the safety backup and how long the old copy stays.
    const QString plan = dialog->planText();
    QVERIFY2(plan.contains(QLatin1String("safety backup")) && plan.contains(QLatin1String("app__pre_")) &&
                 plan.contains(QLatin1String("24 h")) && plan.contains(QLatin1String("End the 1 session")) == false,
             qPrintable(plan));

    QTest::keyClicks(dialog->confirmationEdit(), QStringLiteral("App"));
    QVERIFY(!dialog->restoreButton()->isEnabled());  // wrong name, sessions not agreed
    dialog->endSessionsBox()->click();
    QVERIFY(dialog->planText().contains(QLatin1String("End the 1 session")));
    QVERIFY(!dialog->restoreButton()->isEnabled());  // still the wrong name
    dialog->confirmationEdit()->clear();
    QTest::keyClicks(dialog->confirmationEdit(), QStringLiteral("app"));
    QVERIFY(dialog->restoreButton()->isEnabled());
    // Enter takes Cancel, the default button: restoring is a click, never a reflex.
    QVERIFY(!dialog->restoreButton()->isDefault());

    QSignalSpy restored(&panel, &BackupsPanel::databaseRestored);
    QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
    QVERIFY(panel.isBusy());
    QVERIFY(waitIdle(panel));
    QVERIFY2(panel.messageText().contains(QLatin1String("restored into app")), qPrintable(panel.messageText()));
    QCOMPARE(restored.size(), 1);
    QCOMPARE(restored[0][0].toString(), QStringLiteral("app"));
    QCOMPARE(count(QStringLiteral("orders")), QStringLiteral("20000"));
    QCOMPARE(m_server.pidOf(QStringLiteral("billing-worker"), 1), 0);
    session->waitForFinished(5000);
    const QList<QJsonObject> audit = auditLines(QStringLiteral("restore"));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[0].value(QStringLiteral("parameters")).toObject().value(QStringLiteral("sessions_ended")).toInt(), 1);
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    // The safety backup is in the catalogue now, beside the one restored.
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 2; }, 10000));
}

void TestBackupsPanel::cancelledRestoreSaysTheTargetIsUnchanged()
{
    PanelOnScreen screen(profile());
    BackupsPanel &panel = screen.panel;
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 2; }, 10000));
    QCOMPARE(auditLines(QStringLiteral("restore")).size(), 2);
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral("DELETE FROM orders WHERE id > 7")).isNull());
    RestoreDialog *dialog = openRestoreDialog(panel);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->confirmationEdit(), QStringLiteral("app"));
    QVERIFY(dialog->restoreButton()->isEnabled());
    QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
    QVERIFY(panel.isBusy());
    auto *cancel = panel.findChild<QPushButton *>(QStringLiteral("cancelJobButton"));
    QVERIFY(cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(waitIdle(panel));
    QVERIFY2(panel.messageText().contains(QLatin1String("cancelled")) && panel.messageText().contains(QLatin1String("unchanged")),
             qPrintable(panel.messageText()));
    QCOMPARE(count(QStringLiteral("orders")), QStringLiteral("7"));
    // Cancelled while it was still checking: nothing was attempted, so nothing is audited.
    QCOMPARE(auditLines(QStringLiteral("restore")).size(), 2);
}

void TestBackupsPanel::readOnlyProfileOnlyVerifies()
{
    PanelOnScreen screen(profile(true));
    BackupsPanel &panel = screen.panel;
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() >= 2; }, 10000));
    panel.view()->selectRow(0);
    QVERIFY(!panel.backupButton()->isEnabled());
    QVERIFY(!panel.restoreButton()->isEnabled());
    QVERIFY(!panel.testRestoreButton()->isEnabled());
    QVERIFY(!panel.pruneButton()->isEnabled());
    QCOMPARE(panel.restoreButton()->toolTip(), QStringLiteral("The profile is read-only"));
    QVERIFY(panel.verifyButton()->isEnabled());  // reading the files changes nothing
    panel.restoreSelected();
    QVERIFY(!panel.pendingRestoreDialog());
}

void TestBackupsPanel::leftoverOfACrashIsOfferedAndDropped()
{
    const QString leftover = QStringLiteral("app__restore_20261201T101010");
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE \"%1\"").arg(leftover)).isNull());
    PanelOnScreen screen(profile());
    BackupsPanel &panel = screen.panel;
    QVERIFY(QTest::qWaitFor([&] { return panel.leftoverText().contains(leftover); }, 15000));
    QVERIFY2(panel.leftoverText().contains(QLatin1String("never finished")), qPrintable(panel.leftoverText()));
    // The database the last restore replaced is within its keep time: not nagged about.
    QVERIFY2(!panel.leftoverText().contains(QLatin1String("__pre_")), qPrintable(panel.leftoverText()));

    auto *drop = panel.findChild<QPushButton *>(QStringLiteral("dropLeftoverButton"));
    QVERIFY(drop->text().contains(leftover));
    QTest::mouseClick(drop, Qt::LeftButton);
    QMessageBox *box = openBox(panel, "dropLeftoverConfirmation");
    QVERIFY(box);
    QVERIFY(box->text().contains(leftover));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmDrop")), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return panel.messageText().startsWith(QLatin1String("Dropped")); }, 15000));
    QVERIFY(QTest::qWaitFor([&] { return panel.leftoverText().isEmpty(); }, 15000));
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("SELECT datname FROM pg_database")).contains(leftover));
    const QList<QJsonObject> audit = auditLines(QStringLiteral("leftover-drop"));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestBackupsPanel::pruneShowsWhatGoesBeforeDeleting()
{
    // An old copy of a backup: a backup from 90 days ago, as far as retention can tell.
    const QList<BackupEntry> entries = catalogue::list(profile().backups->directory, QStringLiteral("app"));
    QVERIFY(!entries.isEmpty());
    BackupManifest old = entries.last().manifest;
    old.startedAt = old.startedAt.addDays(-90);
    old.finishedAt = old.finishedAt.addDays(-90);
    old.id = catalogue::backupIdFor(QStringLiteral("app"), old.startedAt);
    const QString folder = catalogue::databaseFolder(profile().backups->directory, QStringLiteral("app")) + u'/' + old.id;
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(QFile::copy(entries.last().filePath(old.files[0].path), folder + u'/' + old.files[0].path));
    QCOMPARE(writeFileDurably(folder + QStringLiteral("/manifest.json"), QJsonDocument(old.toJson()).toJson()), QString());

    PanelOnScreen screen(profile());
    BackupsPanel &panel = screen.panel;
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowOf(old.id) >= 0; }, 10000));
    const int row = panel.model()->rowOf(old.id);
    QVERIFY(panel.model()->index(row, BackupModel::LabelColumn).data().toString().contains(QLatin1String("retention would delete it")));
    QVERIFY(panel.pruneButton()->isEnabled());
    const int before = panel.model()->rowCount();
    QTest::mouseClick(panel.pruneButton(), Qt::LeftButton);
    QMessageBox *box = openBox(panel, "pruneConfirmation");
    QVERIFY(box);
    QVERIFY2(box->informativeText().contains(old.id) && box->informativeText().contains(QLatin1String("older than 30 days")),
             qPrintable(box->informativeText()));
    QCOMPARE(box->informativeText().count(u'\n'), 0);  // that one only
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmPrune")), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == before - 1; }, 10000));
    QVERIFY(panel.model()->rowOf(old.id) < 0);
    QVERIFY(!QFileInfo::exists(folder));
    QCOMPARE(auditLines(QStringLiteral("backup-delete")).size(), 2);
    QVERIFY(!panel.pruneButton()->isEnabled());
}

void TestBackupsPanel::restoreSilencesItsAlertsForItsLength()
{
    // A real Alertmanager on loopback holds the silence.
    testsupport::LoopbackAlertmanager alertmanager;
    QVERIFY2(alertmanager.start(m_dir.path()), "prometheus-alertmanager did not start");
    const QString url = alertmanager.url();
    auto silences = [&] { return alertmanager.silences(); };

    Profile p = profile();
    p.alertmanagers << AlertmanagerConfig{QStringLiteral("main"), {QUrl(url)}, {}};
    PanelOnScreen screen(p);
    screen.session.start();  // its HTTP worker carries the silence
    BackupsPanel &panel = screen.panel;
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() >= 2; }, 10000));
    RestoreDialog *dialog = openRestoreDialog(panel);
    QVERIFY(dialog);
    QVERIFY(dialog->silenceBox()->isVisible());
    QCOMPARE(dialog->silenceEdit()->text(), QStringLiteral("datname=\"app\""));
    dialog->silenceBox()->click();
    QTest::keyClicks(dialog->confirmationEdit(), QStringLiteral("app"));
    // Matchers that do not parse hold the restore back.
    dialog->silenceEdit()->setText(QStringLiteral("datname=~\"(\""));
    QVERIFY(!dialog->restoreButton()->isEnabled());
    QVERIFY(dialog->restoreButton()->toolTip().startsWith(QLatin1String("The alerts to silence")));
    dialog->silenceEdit()->setText(QStringLiteral("datname=\"app\""));
    QVERIFY(dialog->restoreButton()->isEnabled());
    QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
    QVERIFY(waitIdle(panel));
    QVERIFY2(QTest::qWaitFor([&] { return panel.messageText().contains(QLatin1String("silenced meanwhile")); }, 10000),
             qPrintable(panel.messageText()));

    // The silence was there for the restore, and is expired now that it is over.
    QJsonObject ours;
    QVERIFY(QTest::qWaitFor([&] {
        for (const QJsonValue &v : silences()) {
            if (v.toObject().value(QStringLiteral("comment")).toString().contains(QLatin1String("restore of app")))
                ours = v.toObject();
        }
        return ours.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString() == u"expired"_qs;
    }, 15000));
    QCOMPARE(ours.value(QStringLiteral("createdBy")).toString(), QStringLiteral("frank"));
    const QJsonObject matcher = ours.value(QStringLiteral("matchers")).toArray().first().toObject();
    QCOMPARE(matcher.value(QStringLiteral("name")).toString(), QStringLiteral("datname"));
    QCOMPARE(matcher.value(QStringLiteral("value")).toString(), QStringLiteral("app"));
}

QTEST_MAIN(TestBackupsPanel)
#include "tst_backups_panel.moc"
