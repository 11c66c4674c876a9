// The Database panel on the offscreen platform against a private PostgreSQL,
// driven as a user drives it: rows clicked, the action's button or key, the
// confirmation read and confirmed, the result read off the panel, the audit
// lines checked. Also: the blocking tree with its root, the pg_stat_statements
// hint, an unreachable database, a read-only profile, the overview's figures.

#include "database/backend_signal_dialog.h"
#include "blocking_model.h"
#include "database/database_overview.h"
#include "database/database_panel.h"
#include "database/queries_tab.h"
#include "database/sessions_tab.h"
#include "db/database_monitor.h"
#include "audit_lines.h"
#include "postgres_server.h"
#include "database/monitoring_tab.h"
#include "health_model.h"
#include "log_entry_model.h"
#include "quality_check_model.h"
#include "profile_session.h"
#include "session_filter.h"
#include "session_model.h"
#include "statement_model.h"
#include "table_stats_model.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace opsdeck;

class TestDatabasePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cancelFromTheSessionsTab();
    void terminateTheRootBlockerFromTheBlockingTab();
    void overviewShowsServerAndRates();
    void hintWhenStatementsAreMissing();
    void unreachableDatabaseSaysWhenItRetries();
    void readOnlyProfileCannotSignal();
    void monitoringDatabaseShowsErrorsAndFailingChecks();

private:
    Profile profile(bool readOnly = false) const;
    QList<QJsonObject> auditLines() const;

    testsupport::PostgresServer m_server;
    QTemporaryDir m_dir;
};

namespace {

// A session and its Database panel on screen, as the console shows them.
struct PanelOnScreen {
    ProfileSession session;
    DatabasePanel panel;  // destroyed first: it holds the session's models

    explicit PanelOnScreen(const Profile &profile) : session(profile)
    {
        panel.setSession(&session);
        panel.resize(1100, 700);
        panel.show();
        session.start();
    }
    ~PanelOnScreen() { panel.setSession(nullptr); }
};

QToolButton *buttonOf(DatabasePanel &panel, const char *actionName)
{
    for (QToolButton *b : panel.findChildren<QToolButton *>()) {
        if (b->defaultAction() && b->defaultAction()->objectName() == QLatin1String(actionName))
            return b;
    }
    return nullptr;
}

int proxyRowOfPid(const QAbstractItemModel &model, int pid)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(SessionModel::PidRole).toInt() == pid)
            return row;
    }
    return -1;
}

bool ends(QProcess &process)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(10000);
}

} // namespace

Profile TestDatabasePanel::profile(bool readOnly) const
{
    Profile p;
    p.name = QStringLiteral("gui");
    p.operatorName = QStringLiteral("erin");
    p.readOnly = readOnly;
    p.databases << m_server.database(QStringLiteral("app")) << m_server.database(QStringLiteral("plain"));
    return p;
}

QList<QJsonObject> TestDatabasePanel::auditLines() const
{
    return testsupport::readAuditLines(m_dir.filePath(QStringLiteral("audit.jsonl")));
}

void TestDatabasePanel::initTestCase()
{
    qputenv("OPSDECK_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE app")).isNull());
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE plain")).isNull());
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral("CREATE EXTENSION pg_stat_statements; CREATE TABLE t (id int); "
                                                                 "CREATE TABLE u (id int); INSERT INTO t SELECT generate_series(1, 1000)"))
                 .isNull());
}

void TestDatabasePanel::cancelFromTheSessionsTab()
{
    auto sleeper = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60) /* report */"), QStringLiteral("gui-report"));
    const int pid = m_server.pidOf(QStringLiteral("gui-report"));
    QVERIFY(pid > 0);
    PanelOnScreen screen(profile());
    DatabasePanel &panel = screen.panel;
    QCOMPARE(panel.currentDatabase(), QStringLiteral("app"));
    panel.tabs()->setCurrentIndex(DatabasePanel::SessionsTabIndex);
    QTableView *view = panel.sessionsTab()->view();
    QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(proxyRowOfPid(*view->model(), pid) >= 0, 15000);

    QToolButton *cancel = buttonOf(panel, "cancelQueryAction");
    QVERIFY(cancel);
    QVERIFY(!cancel->isEnabled());  // nothing selected yet
    const int row = proxyRowOfPid(*view->model(), pid);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(row, SessionModel::QueryColumn)).center());
    QTRY_VERIFY(cancel->isEnabled());
    QCOMPARE(view->model()->index(row, SessionModel::QueryColumn).data().toString(), QStringLiteral("SELECT pg_sleep(60) /* report */"));

    const int before = auditLines().size();
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY(panel.pendingConfirmation());
    BackendSignalDialog *dialog = panel.pendingConfirmation();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->pid(), pid);
    QVERIFY(dialog->findChild<QPlainTextEdit *>(QStringLiteral("queryText"))->toPlainText().contains(QStringLiteral("pg_sleep(60)")));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("keepButton"))->isDefault());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmButton")), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(panel.messageText().contains(QStringLiteral("cancelled")), 15000);
    QVERIFY(ends(*sleeper));
    QVERIFY(QString::fromUtf8(sleeper->readAllStandardError()).contains(QStringLiteral("canceling statement due to user request")));
    const QList<QJsonObject> lines = auditLines().mid(before);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0][QStringLiteral("action")].toString(), QStringLiteral("db-cancel"));
    QCOMPARE(lines[0][QStringLiteral("client")].toString(), QStringLiteral("gui"));
    QCOMPARE(lines[0][QStringLiteral("version")].toString(), QStringLiteral(OPSDECK_VERSION));
    QCOMPARE(lines[0][QStringLiteral("operator")].toString(), QStringLiteral("erin"));
    QCOMPARE(lines[0][QStringLiteral("parameters")].toObject()[QStringLiteral("backend_application")].toString(), QStringLiteral("gui-report"));
    QCOMPARE(lines[1][QStringLiteral("result")].toString(), QStringLiteral("ok"));
    // The row goes when the next poll no longer sees the query running.
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->index(proxyRowOfPid(*view->model(), pid), SessionModel::StateColumn).data().toString()
                                 != QStringLiteral("active"), 10000);
}

void TestDatabasePanel::terminateTheRootBlockerFromTheBlockingTab()
{
    auto holder = m_server.startSession(QStringLiteral("app"), QStringLiteral("BEGIN; LOCK TABLE u; SELECT pg_sleep(60); COMMIT;"),
                                        QStringLiteral("gui-holder"));
    const int holderPid = m_server.pidOf(QStringLiteral("gui-holder"));
    auto waiter = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT * FROM u"), QStringLiteral("gui-waiter"));
    QVERIFY(holderPid && m_server.pidOf(QStringLiteral("gui-waiter")));
    PanelOnScreen screen(profile());
    DatabasePanel &panel = screen.panel;
    panel.tabs()->setCurrentIndex(DatabasePanel::BlockingTab);
    QTRY_COMPARE_WITH_TIMEOUT(panel.blockingModel()->rootCount(), 1, 15000);
    QCOMPARE(panel.tabs()->tabText(DatabasePanel::BlockingTab), QStringLiteral("Blocking (1)"));
    QCOMPARE(panel.summary(), QStringLiteral("1 waiting on a lock"));
    QTreeView *tree = panel.blockingView();
    const QModelIndex root = tree->model()->index(0, 0);
    QCOMPARE(root.data(BlockingModel::PidRole).toInt(), holderPid);
    QVERIFY(tree->isExpanded(root));
    QCOMPARE(tree->model()->index(0, 0, root).data(BlockingModel::PidRole).toInt(), m_server.pidOf(QStringLiteral("gui-waiter")));

    // The key, as someone working from the keyboard would.
    tree->setFocus();
    tree->setCurrentIndex(root);
    QTRY_VERIFY(buttonOf(panel, "terminateSessionAction")->isEnabled());
    QTest::keyClick(tree, Qt::Key_T);
    QTRY_VERIFY(panel.pendingConfirmation());
    QCOMPARE(panel.pendingConfirmation()->action(), BackendSignal::Terminate);
    QCOMPARE(panel.pendingConfirmation()->pid(), holderPid);
    QTest::mouseClick(panel.pendingConfirmation()->findChild<QPushButton *>(QStringLiteral("confirmButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel.messageText().contains(QStringLiteral("terminated")), 15000);
    QVERIFY(ends(*holder));
    QVERIFY(ends(*waiter));  // freed: its query ran
    QTRY_COMPARE_WITH_TIMEOUT(panel.blockingModel()->rootCount(), 0, 10000);
    QCOMPARE(panel.summary(), QString());
}

void TestDatabasePanel::overviewShowsServerAndRates()
{
    PanelOnScreen screen(profile());
    DatabasePanel &panel = screen.panel;
    QTRY_VERIFY_WITH_TIMEOUT(panel.overview()->figure(QStringLiteral("commits")) != QStringLiteral("–")
                                 && !panel.overview()->figure(QStringLiteral("commits")).isEmpty(), 15000);
    QVERIFY(panel.overview()->figure(QStringLiteral("server")).startsWith(QStringLiteral("PostgreSQL 15")));
    QVERIFY(panel.overview()->figure(QStringLiteral("server")).contains(QStringLiteral("primary")));
    QVERIFY(panel.overview()->figure(QStringLiteral("connections")).contains(QStringLiteral("of 120")));
    QVERIFY(panel.statusText().contains(QStringLiteral("updated")));
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("databaseSecurity"))->text(), QStringLiteral("local"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.tablesModel()->rowCount() >= 2, 15000);
    // The same polls make the database a row of the Health panel.
    const std::optional<ServiceHealth> health = screen.session.healthModel()->lastHealth(QStringLiteral("db/app"));
    QVERIFY(health);
    QCOMPARE(health->status, HealthStatus::Healthy);
    QVERIFY(health->reason.contains(QStringLiteral("primary")));
    QVERIFY(health->version.startsWith(QStringLiteral("15.")));
}

void TestDatabasePanel::hintWhenStatementsAreMissing()
{
    PanelOnScreen screen(profile());
    DatabasePanel &panel = screen.panel;
    panel.tabs()->setCurrentIndex(DatabasePanel::QueriesTabIndex);
    auto *picker = panel.findChild<QComboBox *>(QStringLiteral("databasePicker"));
    QVERIFY(picker->isVisibleTo(&panel));
    QCOMPARE(picker->count(), 2);
    QVERIFY(panel.selectDatabase(QStringLiteral("plain")));
    QTRY_VERIFY_WITH_TIMEOUT(panel.queriesTab()->hintText().contains(QStringLiteral("CREATE EXTENSION pg_stat_statements")), 15000);
    QVERIFY(panel.selectDatabase(QStringLiteral("app")));
    // Nothing runs in app now but the console itself, which top queries leave out: since the reset, the earlier tests' queries.
    panel.queriesTab()->setWindowMinutes(0);
    QTRY_VERIFY_WITH_TIMEOUT(panel.queriesTab()->model()->rowCount() > 0, 15000);
    QVERIFY(panel.queriesTab()->hintText().isEmpty());
    QVERIFY(panel.queriesTab()->windowText().contains(QStringLiteral("since the statistics were reset")));
    for (int row = 0; row < panel.queriesTab()->model()->rowCount(); ++row)
        QVERIFY(!panel.queriesTab()->model()->index(row, StatementModel::QueryColumn).data().toString().contains(QStringLiteral("opsdeck")));
}

void TestDatabasePanel::unreachableDatabaseSaysWhenItRetries()
{
    Profile p = profile();
    p.databases = {m_server.database(QStringLiteral("app"))};
    p.databases[0].port = 1;
    p.databases[0].host = QStringLiteral("127.0.0.2");
    PanelOnScreen screen(p);
    QTRY_VERIFY_WITH_TIMEOUT(screen.panel.statusText().contains(QStringLiteral("Connection refused")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(screen.panel.statusText().contains(QStringLiteral("reconnecting in")), 15000);
    QVERIFY(!screen.panel.findChild<QComboBox *>(QStringLiteral("databasePicker"))->isVisibleTo(&screen.panel));
    QCOMPARE(screen.session.healthModel()->lastHealth(QStringLiteral("db/app"))->status, HealthStatus::Unreachable);
}

void TestDatabasePanel::readOnlyProfileCannotSignal()
{
    auto sleeper = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60)"), QStringLiteral("gui-ro"));
    const int pid = m_server.pidOf(QStringLiteral("gui-ro"));
    PanelOnScreen screen(profile(true));
    DatabasePanel &panel = screen.panel;
    panel.tabs()->setCurrentIndex(DatabasePanel::SessionsTabIndex);
    QTRY_VERIFY_WITH_TIMEOUT(panel.sessionsTab()->selectPid(pid), 15000);
    QToolButton *terminate = buttonOf(panel, "terminateSessionAction");
    QVERIFY(!terminate->isEnabled());
    QVERIFY(terminate->toolTip().contains(QStringLiteral("read-only")));
    panel.terminateSelected();
    QVERIFY(!panel.pendingConfirmation());
    QCOMPARE(sleeper->state(), QProcess::Running);
}

void TestDatabasePanel::monitoringDatabaseShowsErrorsAndFailingChecks()
{
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE monitoring")).isNull());
    QVERIFY(!m_server.psql(QStringLiteral("monitoring"), QStringLiteral(
        "CREATE TABLE logs (id bigserial PRIMARY KEY, timestamp timestamptz NOT NULL DEFAULT now(), level text NOT NULL, "
        "service text NOT NULL, message text NOT NULL, context jsonb); "
        "INSERT INTO logs (timestamp, level, service, message) SELECT now() - g * interval '1 second', "
        "(ARRAY['INFO', 'WARNING', 'ERROR', 'critical'])[1 + g % 4], 'api', 'line ' || g FROM generate_series(1, 400) g; "
        "CREATE TABLE data_quality_checks (id bigserial PRIMARY KEY, timestamp timestamptz NOT NULL DEFAULT now(), "
        "check_name text NOT NULL, table_name text NOT NULL, passed boolean NOT NULL, details text); "
        "INSERT INTO data_quality_checks (timestamp, check_name, table_name, passed, details) VALUES "
        "(now() - interval '2 hours', 'quotes_fresh', 'quotes', true, NULL), "
        "(now() - interval '1 hour', 'quotes_fresh', 'quotes', false, 'last quote 14 minutes old'), "
        "(now() - interval '1 hour', 'no_null_prices', 'orders', true, NULL)")).isNull());
    Profile p = profile();
    DatabaseConfig monitoring = m_server.database(QStringLiteral("monitoring"));
    monitoring.logsTable = QStringLiteral("logs");
    monitoring.qualityTable = QStringLiteral("data_quality_checks");
    p.databases << monitoring;
    PanelOnScreen screen(p);
    DatabasePanel &panel = screen.panel;
    QVERIFY(!panel.tabs()->isTabVisible(DatabasePanel::MonitoringTabIndex));  // app has no such tables
    QVERIFY(panel.selectDatabase(QStringLiteral("monitoring")));
    QVERIFY(panel.tabs()->isTabVisible(DatabasePanel::MonitoringTabIndex));
    QTRY_COMPARE_WITH_TIMEOUT(panel.monitoringTab()->logs()->rowCount(), 200, 15000);  // 200 of the 200 ERROR and critical lines
    for (const PgLogEntry &e : panel.monitoringTab()->logs()->rows())
        QVERIFY(e.level == QStringLiteral("ERROR") || e.level == QStringLiteral("critical"));
    QCOMPARE(panel.monitoringTab()->checks()->rowCount(), 2);  // the latest of each check
    QCOMPARE(panel.monitoringTab()->checks()->failingCount(), 1);
    QCOMPARE(panel.tabs()->tabText(DatabasePanel::MonitoringTabIndex), QStringLiteral("Monitoring (1 failing)"));
}

QTEST_MAIN(TestDatabasePanel)
#include "tst_database_panel.moc"
