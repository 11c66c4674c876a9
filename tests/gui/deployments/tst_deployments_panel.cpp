// The Deployments panel offscreen, as an operator uses it, against two private
// Docker engines (staging and prod, tests/support/docker_daemon.h): the rows
// of the current environment with their status and reason, a service's
// replicas and its logs followed live (search, pause), the version matrix with
// its drift, a restart asked and done from its button, a rollback from its
// dialog with the plan shown and the history naming the operator, a read-only
// profile whose buttons are off, and an environment without an engine said
// calmly. Every model runs under QAbstractItemModelTester. Skipped where
// dockerd cannot run.

#include "answer_modal.h"
#include "audit_lines.h"
#include "loopback_alertmanager.h"
#include "alerts/silence_option.h"
#include "demo_environment.h"
#include "profile_session.h"
#include "deploy/docker_watcher.h"
#include "deployment_model.h"
#include "deployment_store.h"
#include "deployments/deployments_panel.h"
#include "deployments/rollback_dialog.h"
#include "docker_daemon.h"
#include "log_view.h"
#include "service_deployments.h"
#include "version_matrix_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace opsdeck;
using testsupport::answerNextModal;

class TestDeploymentsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsShowStatusAndReason();
    void replicasAndLogsOfTheSelectedService();
    void matrixShowsDrift();
    void restartFromItsButton();
    void rollbackFromItsDialog();
    void rollbackSilencesTheServiceForItsLength();
    void readOnlyProfileTurnsTheButtonsOff();
    void missingEngineIsSaidCalmly();
    void cleanupTestCase();

private:
    void runService(testsupport::DockerDaemon &docker, const QString &version);
    QList<Profile> profiles() const;
    bool waitForRow(const QString &name, const std::function<bool(const Deployment &)> &condition, int ms = 20000);

    testsupport::DockerDaemon m_staging, m_prod;
    QTemporaryDir m_dir;
    std::unique_ptr<DeploymentStore> m_store;
    std::unique_ptr<DeploymentsPanel> m_panel;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestDeploymentsPanel::runService(testsupport::DockerDaemon &docker, const QString &version)
{
    for (int n = 1; n <= 2; ++n) {
        const QString id = docker.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("host"),
                                          QStringLiteral("--name"), QStringLiteral("shop-api-%1").arg(n), QStringLiteral("--stop-timeout"), QStringLiteral("1"),
                                          QStringLiteral("--label"), QStringLiteral("com.docker.compose.project=shop"),
                                          QStringLiteral("--label"), QStringLiteral("com.docker.compose.service=api"),
                                          QStringLiteral("shop/api:") + version, QStringLiteral("sh"), QStringLiteral("-c"),
                                          QStringLiteral("echo replica %1 serving; echo 'warn: cold cache' >&2; "
                                                         "while true; do echo tick; sleep 1; done").arg(n)})
                               .trimmed();
        QVERIFY2(!id.isEmpty(), qPrintable(docker.lastError()));
    }
}

QList<Profile> TestDeploymentsPanel::profiles() const
{
    Profile staging;
    staging.name = QStringLiteral("staging");
    staging.operatorName = QStringLiteral("alice");
    staging.docker = DockerConfig{m_staging.host(), {}, {}, {}};
    Profile prod;
    prod.name = QStringLiteral("prod");
    prod.readOnly = true;
    prod.operatorName = QStringLiteral("bob");
    prod.docker = DockerConfig{m_prod.host(), {}, {}, {}};
    Profile nowhere;
    nowhere.name = QStringLiteral("nowhere");
    nowhere.docker = DockerConfig{QStringLiteral("unix://") + m_dir.filePath(QStringLiteral("none.sock")), {}, {}, {}};
    return {staging, prod, nowhere};
}

bool TestDeploymentsPanel::waitForRow(const QString &name, const std::function<bool(const Deployment &)> &condition, int ms)
{
    return QTest::qWaitFor([&] {
        for (const Deployment &d : m_store->model()->rows()) {
            if (d.name == name && condition(d))
                return true;
        }
        return false;
    }, ms);
}

void TestDeploymentsPanel::initTestCase()
{
    qputenv("OPSDECK_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    qputenv("OPSDECK_DEPLOY_HISTORY", m_dir.filePath(QStringLiteral("deploy-history.jsonl")).toUtf8());
    if (!m_staging.start() || !m_prod.start())
        QSKIP(qPrintable(QStringLiteral("no private Docker engine here: %1%2").arg(m_staging.lastError(), m_prod.lastError())));
    for (testsupport::DockerDaemon *docker : {&m_staging, &m_prod}) {
        QVERIFY2(docker->importBusybox(QStringLiteral("shop/api:1.4.2")), qPrintable(docker->lastError()));
        QVERIFY2(docker->importBusybox(QStringLiteral("shop/api:1.4.3")), qPrintable(docker->lastError()));
    }
    runService(m_staging, QStringLiteral("1.4.3"));
    runService(m_prod, QStringLiteral("1.4.2"));
    QVERIFY(!m_staging.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("host"), QStringLiteral("--name"),
                               QStringLiteral("shop-worker-1"), QStringLiteral("--label"), QStringLiteral("com.docker.compose.project=shop"),
                               QStringLiteral("--label"), QStringLiteral("com.docker.compose.service=worker"), QStringLiteral("shop/api:1.4.3"),
                               QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 3")})
                 .isNull());

    m_store = std::make_unique<DeploymentStore>();
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_store->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_store->matrix(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_store->setProfiles(profiles(), QStringLiteral("staging"));
    m_panel = std::make_unique<DeploymentsPanel>();
    m_panel->resize(1100, 760);
    m_panel->setStore(m_store.get());
    m_panel->show();
    for (const char *name : {"containersView", "historyView"})
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->findChild<QTableView *>(QLatin1String(name))->model(),
                                                                        QAbstractItemModelTester::FailureReportingMode::QtTest));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.running == 2; }));
}

void TestDeploymentsPanel::rowsShowStatusAndReason()
{
    // A service no container runs is a row from its health; one a container runs is that container's row.
    ServiceHealth billing;
    billing.service = QStringLiteral("billing");
    billing.status = HealthStatus::Healthy;
    billing.version = QStringLiteral("3.1.0");
    ServiceHealth api = billing;
    api.service = QStringLiteral("api");
    m_store->setServiceDeployments({serviceDeployment(QStringLiteral("billing"), billing, nullptr, QStringLiteral("staging")),
                                    serviceDeployment(QStringLiteral("api"), api, nullptr, QStringLiteral("staging"))});
    QVERIFY(waitForRow(QStringLiteral("billing"), [](const Deployment &d) { return d.version == u"3.1.0" && d.source == u"health"; }));
    QCOMPARE(m_panel->findChild<QTableView *>(QStringLiteral("deploymentsView"))->model()->rowCount(), 3);
    m_store->setServiceDeployments({});
    QVERIFY(waitForRow(QStringLiteral("shop/worker"), [](const Deployment &d) { return d.reason == u"exited with code 3"; }));
    auto *view = m_panel->findChild<QTableView *>(QStringLiteral("deploymentsView"));
    QVERIFY(view->isVisible());
    QCOMPARE(view->model()->rowCount(), 2);
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("deploymentsStatus"))->text().contains(QLatin1String("live")));
    QCOMPARE(m_panel->summary(), QStringLiteral("1 failed"));
    const Deployment *worker = nullptr;
    for (const Deployment &d : m_store->model()->rows()) {
        if (d.name == u"shop/worker")
            worker = &d;
    }
    QCOMPARE(worker->status, DeploymentStatus::Failed);
}

void TestDeploymentsPanel::replicasAndLogsOfTheSelectedService()
{
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    auto *replicas = m_panel->findChild<QTableView *>(QStringLiteral("containersView"));
    QCOMPARE(replicas->model()->rowCount(), 2);
    QCOMPARE(replicas->model()->index(0, ContainerModel::NameColumn).data().toString(), QStringLiteral("shop-api-1"));
    QCOMPARE(replicas->model()->index(0, ContainerModel::ImageColumn).data().toString(), QStringLiteral("shop/api:1.4.3"));

    m_panel->showPage(QStringLiteral("logs"));
    auto *logs = m_panel->findChild<LogView *>(QStringLiteral("deploymentLogs"));
    QVERIFY(logs->isVisible());
    QVERIFY(QTest::qWaitFor([&] { return logs->text().contains(QLatin1String("shop-api-1 | replica 1 serving"))
                                         && logs->text().contains(QLatin1String("shop-api-2 | replica 2 serving")); }, 15000));
    QVERIFY(logs->text().contains(QLatin1String("warn: cold cache")));
    QVERIFY(logs->search(QStringLiteral("cold cache")) >= 2);
    // Paused, new lines are held and counted; resumed, they come in.
    logs->setPaused(true);
    const int shown = logs->lineCount();
    QVERIFY(QTest::qWaitFor([&] { return logs->heldLines() >= 2; }, 10000));
    QCOMPARE(logs->lineCount(), shown);
    QVERIFY(logs->findChild<QToolButton *>(QStringLiteral("logPause"))->text().contains(QLatin1String("new")));
    logs->setPaused(false);
    QVERIFY(logs->lineCount() > shown);
    QCOMPARE(logs->heldLines(), 0);
    m_panel->showPage(QStringLiteral("services"));
}

void TestDeploymentsPanel::matrixShowsDrift()
{
    VersionMatrixModel *matrix = m_store->matrix();
    QCOMPARE(matrix->environments(), QStringList({QStringLiteral("staging"), QStringLiteral("prod"), QStringLiteral("nowhere")}));
    QVERIFY(QTest::qWaitFor([&] { return matrix->rowCount() == 2 && matrix->driftCount() == 1; }, 15000));
    int apiRow = -1;
    for (int row = 0; row < matrix->rowCount(); ++row) {
        if (matrix->index(row, 0).data().toString() == u"shop/api")
            apiRow = row;
    }
    QVERIFY(apiRow >= 0);
    QCOMPARE(matrix->index(apiRow, 1).data().toString(), QStringLiteral("1.4.3"));
    QCOMPARE(matrix->index(apiRow, 2).data().toString(), QStringLiteral("1.4.2"));
    QVERIFY(matrix->index(apiRow, 1).data(VersionMatrixModel::DriftRole).toBool());
    QVERIFY(matrix->index(apiRow, 1).data(Qt::BackgroundRole).isValid());
    QVERIFY(matrix->headerData(3, Qt::Horizontal).toString().contains(QLatin1String("not read")));
    QVERIFY(matrix->headerData(3, Qt::Horizontal, Qt::ToolTipRole).toString().contains(QLatin1String("none.sock")));
    m_panel->showPage(QStringLiteral("versions"));
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("matrixHint"))->text().contains(QLatin1String("1 service")));
    m_panel->showPage(QStringLiteral("services"));
}

void TestDeploymentsPanel::restartFromItsButton()
{
    QFile::remove(m_dir.filePath(QStringLiteral("audit.jsonl")));
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    auto *restart = m_panel->findChild<QPushButton *>(QStringLiteral("restartButton"));
    QVERIFY(restart->isEnabled());
    QString asked;
    answerNextModal([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        asked = box->text() + u'\n' + box->informativeText();
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        box->findChild<QPushButton *>(QStringLiteral("deployConfirmGo"))->click();
    });
    QTest::mouseClick(restart, Qt::LeftButton);
    QVERIFY2(asked.contains(QLatin1String("restart shop-api-1, then wait until it is healthy")), qPrintable(asked));
    QVERIFY(m_panel->isBusy());
    QVERIFY(!restart->isEnabled());  // one action at a time
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->isBusy(); }, 60000));
    QVERIFY2(m_panel->findChild<QLabel *>(QStringLiteral("deployMessage"))->text().contains(QLatin1String("restart done")),
             qPrintable(m_panel->findChild<QLabel *>(QStringLiteral("deployMessage"))->text()));
    const QList<QJsonObject> audit = testsupport::readAuditLines(m_dir.filePath(QStringLiteral("audit.jsonl")));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[0].value(QStringLiteral("client")).toString(), QStringLiteral("gui"));
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestDeploymentsPanel::rollbackFromItsDialog()
{
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    QString plan;
    answerNextModal([&](QWidget *modal) {
        auto *dialog = qobject_cast<RollbackDialog *>(modal);
        QVERIFY(dialog);
        // No earlier image is known yet: the operator types one, and the plan follows.
        dialog->setImage(QStringLiteral("shop/api:1.4.2"));
        dialog->findChild<QLineEdit *>(QStringLiteral("rollbackReason"))->setText(QStringLiteral("p95 doubled"));
        plan = dialog->findChild<QLabel *>(QStringLiteral("rollbackPlan"))->text();
        dialog->findChild<QPushButton *>(QStringLiteral("rollbackGo"))->click();
    });
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("rollbackButton")), Qt::LeftButton);
    QVERIFY2(plan.contains(QLatin1String("re-create shop-api-1 from shop/api:1.4.2 (now shop/api:1.4.3)")), qPrintable(plan));
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->isBusy(); }, 60000));
    QVERIFY2(m_panel->findChild<QLabel *>(QStringLiteral("deployMessage"))->text().contains(QLatin1String("rolled back to shop/api:1.4.2")),
             qPrintable(m_panel->findChild<QLabel *>(QStringLiteral("deployMessage"))->text()));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.version == u"1.4.2" && d.running == 2; }));
    // The history names who did it; the matrix has no drift left.
    auto *history = m_panel->findChild<QTableView *>(QStringLiteral("historyView"));
    QVERIFY(QTest::qWaitFor([&] {
        m_panel->selectDeployment(QStringLiteral("shop/worker"));
        m_panel->selectDeployment(QStringLiteral("shop/api"));
        for (int row = 0; row < history->model()->rowCount(); ++row) {
            if (history->model()->index(row, DeployHistoryModel::ChangeColumn).data().toString() == u"shop/api:1.4.3 → shop/api:1.4.2"
                && history->model()->index(row, DeployHistoryModel::ActorColumn).data().toString() == u"alice")
                return true;
        }
        return false;
    }, 15000));
    QVERIFY(QTest::qWaitFor([&] { return m_store->matrix()->driftCount() == 0; }, 15000));
}

void TestDeploymentsPanel::rollbackSilencesTheServiceForItsLength()
{
    // A real Alertmanager on loopback holds the silence for the rollback's length.
    testsupport::LoopbackAlertmanager alertmanager;
    QVERIFY2(alertmanager.start(m_dir.path()), "prometheus-alertmanager did not start");
    const QString url = alertmanager.url();
    auto silences = [&] { return alertmanager.silences(); };
    Profile staging = profiles().first();
    staging.alertmanagers << AlertmanagerConfig{QStringLiteral("main"), {QUrl(url)}, {}};
    ProfileSession session(staging);
    session.start();
    m_panel->setSession(&session);

    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    answerNextModal([&](QWidget *modal) {
        auto *dialog = qobject_cast<RollbackDialog *>(modal);
        QVERIFY(dialog);
        // 1.4.3 is offered: the history knows the service ran it before.
        QCOMPARE(dialog->candidates().value(0), QStringLiteral("shop/api:1.4.3"));
        QVERIFY(dialog->silenceOption()->isVisibleTo(dialog));
        QCOMPARE(dialog->silenceOption()->edit()->text(), QStringLiteral("service=\"api\""));
        dialog->silenceOption()->box()->setChecked(true);
        dialog->findChild<QPushButton *>(QStringLiteral("rollbackGo"))->click();
    });
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("rollbackButton")), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->isBusy(); }, 60000));
    auto *message = m_panel->findChild<QLabel *>(QStringLiteral("deployMessage"));
    QVERIFY2(QTest::qWaitFor([&] { return message->text().contains(QLatin1String("silenced meanwhile")); }, 15000), qPrintable(message->text()));
    QJsonObject ours;
    QVERIFY(QTest::qWaitFor([&] {
        for (const QJsonValue &v : silences()) {
            if (v.toObject().value(QStringLiteral("comment")).toString().contains(QLatin1String("rollback of shop/api")))
                ours = v.toObject();
        }
        return ours.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString() == u"expired";
    }, 15000));
    QCOMPARE(ours.value(QStringLiteral("createdBy")).toString(), QStringLiteral("alice"));
    const QJsonObject matcher = ours.value(QStringLiteral("matchers")).toArray().first().toObject();
    QCOMPARE(matcher.value(QStringLiteral("name")).toString(), QStringLiteral("service"));
    QCOMPARE(matcher.value(QStringLiteral("value")).toString(), QStringLiteral("api"));
    m_panel->setSession(nullptr);
}

void TestDeploymentsPanel::readOnlyProfileTurnsTheButtonsOff()
{
    m_store->setCurrent(QStringLiteral("prod"));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.environment == u"prod"; }));
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    auto *restart = m_panel->findChild<QPushButton *>(QStringLiteral("restartButton"));
    QVERIFY(!restart->isEnabled());
    QVERIFY(restart->toolTip().contains(QLatin1String("read-only")));
}

void TestDeploymentsPanel::missingEngineIsSaidCalmly()
{
    m_store->setCurrent(QStringLiteral("nowhere"));
    auto *hint = m_panel->findChild<QLabel *>(QStringLiteral("deploymentsEmptyHint"));
    QVERIFY(QTest::qWaitFor([&] { return hint->isVisible() && hint->text().contains(QLatin1String("Docker is not available")); }, 15000));
    QVERIFY(!m_panel->findChild<QTableView *>(QStringLiteral("deploymentsView"))->isVisible());
    QCOMPARE(m_panel->summary(), QString());
    m_store->setCurrent(QStringLiteral("staging"));
}

void TestDeploymentsPanel::cleanupTestCase()
{
    m_panel.reset();
    m_testers.clear();
    m_store.reset();
    m_staging.stop();
    m_prod.stop();
}

QTEST_MAIN(TestDeploymentsPanel)
#include "tst_deployments_panel.moc"
