// The Deployments panel offscreen with Kubernetes Deployments, as an operator
// uses it, against the fake API server (tests/support/fake_kube_apiserver.h;
// no API server runs here): rows with revision and status, a rollout seen
// live, the revisions of the selected Deployment, a rollback from its dialog
// (the pod template's diff shown, a reason required and kept as the
// change-cause, the GitOps owner warned about), scale and pause/resume from
// their buttons, a 409 shown, a read-only profile whose buttons are off, and
// insecure-skip-tls-verify said beside the data. Every model runs under
// QAbstractItemModelTester.

#include "answer_modal.h"
#include "audit_lines.h"
#include "deployment_model.h"
#include "deployment_store.h"
#include "deployments/deployments_panel.h"
#include "deployments/kube_rollback_dialog.h"
#include "diff_view.h"
#include "kube_revision_model.h"
#include "kube_test_cluster.h"
#include "version_matrix_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace opsdeck;
using testsupport::answerNextModal;

class TestKubeDeploymentsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsAndARolloutSeenLive();
    void revisionsOfTheSelectedDeployment();
    void rollbackFromItsDialogWithTheDiff();
    void gitOpsOwnerIsWarnedAbout();
    void scaleAndPauseFromTheirButtons();
    void conflictIsShown();
    void readOnlyTurnsTheButtonsOff();
    void insecureIsSaid();

private:
    QList<Profile> profiles(bool readOnly) const;
    bool waitForRow(const QString &name, const std::function<bool(const Deployment &)> &ok);
    QString message() const { return m_panel->findChild<QLabel *>(QStringLiteral("deployMessage"))->text(); }

    std::unique_ptr<testsupport::KubeTestCluster> m_cluster;
    QTemporaryDir m_dir;
    std::unique_ptr<DeploymentStore> m_store;
    std::unique_ptr<DeploymentsPanel> m_panel;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

QList<Profile> TestKubeDeploymentsPanel::profiles(bool readOnly) const
{
    Profile prod;
    prod.name = QStringLiteral("prod");
    prod.operatorName = QStringLiteral("alice");
    prod.readOnly = readOnly;
    prod.kubernetes = KubernetesConfig{{}, m_cluster->kubeconfig(), {QStringLiteral("shop")}};
    return {prod};
}

bool TestKubeDeploymentsPanel::waitForRow(const QString &name, const std::function<bool(const Deployment &)> &ok)
{
    return QTest::qWaitFor([&] {
        for (const Deployment &d : m_store->model()->rows()) {
            if (d.name == name && ok(d))
                return true;
        }
        return false;
    }, 20000);
}

void TestKubeDeploymentsPanel::initTestCase()
{
    qputenv("OPSDECK_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    qputenv("OPSDECK_DEPLOY_HISTORY", m_dir.filePath(QStringLiteral("deploy-history.jsonl")).toUtf8());
    m_cluster = std::make_unique<testsupport::KubeTestCluster>();
    QVERIFY2(m_cluster->ok(), qPrintable(m_cluster->error()));
    auto &server = m_cluster->server();
    server.addDeployment("shop", "api", "registry.example/shop/api:1.4.2", 3);
    server.setImage("shop", "api", "registry.example/shop/api:1.4.3", "ci: deploy 1.4.3");
    server.addDeployment("shop", "web", "registry.example/shop/web:3.1.0", 2, {{"kustomize.toolkit.fluxcd.io/name", "apps"},
                                                                              {"kustomize.toolkit.fluxcd.io/namespace", "flux-system"}});
    server.setImage("shop", "web", "registry.example/shop/web:3.2.0");

    m_store = std::make_unique<DeploymentStore>();
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_store->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_store->matrix(), QAbstractItemModelTester::FailureReportingMode::QtTest));
    m_store->setProfiles(profiles(false), QStringLiteral("prod"));
    m_panel = std::make_unique<DeploymentsPanel>();
    m_panel->resize(1100, 760);
    m_panel->setStore(m_store.get());
    m_panel->show();
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(m_panel->findChild<QTableView *>(QStringLiteral("revisionsView"))->model(),
                                                                    QAbstractItemModelTester::FailureReportingMode::QtTest));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.healthy == 3; }));
}

void TestKubeDeploymentsPanel::rowsAndARolloutSeenLive()
{
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("deploymentsStatus"))->text().contains(QLatin1String("Kubernetes fake (shop), live")));
    // No Docker engine is asked for: the profile names a cluster and no engine.
    QVERIFY(!m_panel->findChild<QLabel *>(QStringLiteral("deploymentsStatus"))->text().contains(QLatin1String("Docker")));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) {
        return d.version == u"1.4.3" && d.revision == 2 && d.status == DeploymentStatus::Running && d.source == u"kubernetes";
    }));
    m_cluster->server().setRolloutDelayMs(1500);
    m_cluster->server().setImage("shop", "api", "registry.example/shop/api:1.5.0");
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.status == DeploymentStatus::Rolling; }));
    QVERIFY(m_panel->summary().contains(QLatin1String("1 rolling")));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.status == DeploymentStatus::Running && d.version == u"1.5.0"; }));
    m_cluster->server().setRolloutDelayMs(0);
}

void TestKubeDeploymentsPanel::revisionsOfTheSelectedDeployment()
{
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    auto *details = m_panel->findChild<QTabWidget *>(QStringLiteral("deploymentDetails"));
    auto *revisions = m_panel->findChild<QTableView *>(QStringLiteral("revisionsView"));
    QVERIFY(details->isTabVisible(details->indexOf(m_panel->findChild<QSplitter *>(QStringLiteral("revisionsSplit")))));
    QVERIFY(!details->isTabVisible(details->indexOf(m_panel->findChild<QTableView *>(QStringLiteral("containersView")))));
    QVERIFY(QTest::qWaitFor([&] { return revisions->model()->rowCount() == 3; }, 10000));
    // Newest first, the one that runs marked.
    QCOMPARE(revisions->model()->index(0, KubeRevisionModel::RevisionColumn).data().toString(), QStringLiteral("3 (now)"));
    QCOMPARE(revisions->model()->index(1, KubeRevisionModel::CauseColumn).data().toString(), QStringLiteral("ci: deploy 1.4.3"));
    // A revision selected: what it changed from the one before; two: how they differ.
    auto *diff = m_panel->findChild<DiffView *>(QStringLiteral("revisionDiff"));
    auto shows = [diff](const QString &mark, const QString &image) {
        for (const QString &line : diff->markedLines()) {
            if (line.startsWith(mark) && line.trimmed().endsWith(QStringLiteral("image: ") + image))
                return true;
        }
        return false;
    };
    revisions->selectRow(1);  // revision 2, 1.4.3 after 1.4.2
    QVERIFY2(shows(QStringLiteral("- "), QStringLiteral("registry.example/shop/api:1.4.2"))
                 && shows(QStringLiteral("+ "), QStringLiteral("registry.example/shop/api:1.4.3")),
             qPrintable(diff->markedLines().join(u'\n')));
    revisions->selectionModel()->select(revisions->model()->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY2(shows(QStringLiteral("+ "), QStringLiteral("registry.example/shop/api:1.5.0")), qPrintable(diff->markedLines().join(u'\n')));
    QCOMPARE(diff->changedLines(), 2);
    // Docker's stop and start give way to scale and pause.
    QVERIFY(!m_panel->findChild<QPushButton *>(QStringLiteral("stopButton"))->isVisible());
    QVERIFY(m_panel->findChild<QPushButton *>(QStringLiteral("scaleButton"))->isVisible());
}

void TestKubeDeploymentsPanel::rollbackFromItsDialogWithTheDiff()
{
    QFile::remove(m_dir.filePath(QStringLiteral("audit.jsonl")));
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    QStringList diff;
    bool goWithoutReason = true;
    answerNextModal([&](QWidget *modal) {
        auto *dialog = qobject_cast<KubeRollbackDialog *>(modal);
        QVERIFY(dialog);
        // The one before is offered first, as kubectl rollout undo picks it.
        QCOMPARE(dialog->toRevision(), 2);
        dialog->setRevision(1);
        diff = dialog->diffLines();
        auto *go = dialog->findChild<QPushButton *>(QStringLiteral("rollbackGo"));
        goWithoutReason = go->isEnabled();
        dialog->findChild<QLineEdit *>(QStringLiteral("rollbackReason"))->setText(QStringLiteral("INC-12: 1.5.0 drops orders"));
        go->click();
    });
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("rollbackButton")), Qt::LeftButton);
    QVERIFY(!goWithoutReason);
    QVERIFY2(diff.contains(QStringLiteral("-         image: registry.example/shop/api:1.5.0"))
                 || diff.join(u'\n').contains(QRegularExpression(QStringLiteral("^- .*image: registry.example/shop/api:1.5.0$"),
                                                                 QRegularExpression::MultilineOption)),
             qPrintable(diff.join(u'\n')));
    QVERIFY2(diff.join(u'\n').contains(QRegularExpression(QStringLiteral("^\\+ .*image: registry.example/shop/api:1.4.2$"),
                                                          QRegularExpression::MultilineOption)),
             qPrintable(diff.join(u'\n')));
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->isBusy(); }, 20000));
    QVERIFY2(message().contains(QLatin1String("shop/api rolled back")), qPrintable(message()));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.version == u"1.4.2" && d.revision == 4; }));
    const auto d = m_cluster->server().deployment("shop", "api");
    QCOMPARE(d["metadata"]["annotations"]["kubernetes.io/change-cause"].get<std::string>(), std::string("INC-12: 1.5.0 drops orders"));
    const QList<QJsonObject> audit = testsupport::readAuditLines(m_dir.filePath(QStringLiteral("audit.jsonl")));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[0].value(QStringLiteral("client")).toString(), QStringLiteral("gui"));
    QCOMPARE(audit[0].value(QStringLiteral("target")).toString(), QStringLiteral("prod:shop/api"));
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    // The history names the operator.
    QVERIFY(QTest::qWaitFor([&] {
        for (const DeployChange &c : m_store->history(QStringLiteral("shop/api"))) {
            if (c.toImage == u"registry.example/shop/api:1.4.2" && c.actor == u"alice")
                return true;
        }
        return false;
    }, 10000));
}

void TestKubeDeploymentsPanel::gitOpsOwnerIsWarnedAbout()
{
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/web")));
    QString warning;
    answerNextModal([&](QWidget *modal) {
        auto *gitops = modal->findChild<QLabel *>(QStringLiteral("rollbackGitOps"));
        warning = gitops ? gitops->text() : QString();
        qobject_cast<QDialog *>(modal)->reject();
    });
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("rollbackButton")), Qt::LeftButton);
    QVERIFY2(warning.contains(QLatin1String("Flux (Kustomization flux-system/apps)")), qPrintable(warning));
}

void TestKubeDeploymentsPanel::scaleAndPauseFromTheirButtons()
{
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    answerNextModal([](QWidget *modal) {
        auto *dialog = qobject_cast<QInputDialog *>(modal);
        QVERIFY(dialog);
        QCOMPARE(dialog->intValue(), 3);
        dialog->setIntValue(5);
        dialog->accept();
    });
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("scaleButton")), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->isBusy(); }, 20000));
    QVERIFY2(message().contains(QLatin1String("scaled to 5")), qPrintable(message()));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.desired == 5; }));

    auto *pause = m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton"));
    answerNextModal([](QWidget *modal) { modal->findChild<QPushButton *>(QStringLiteral("deployConfirmGo"))->click(); });
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->isBusy(); }, 20000));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return d.paused; }));
    QVERIFY(QTest::qWaitFor([&] { return pause->text() == QLatin1String("Resume rollout"); }, 5000));
    // Paused: restart is off, as kubectl refuses it.
    QVERIFY(!m_panel->findChild<QPushButton *>(QStringLiteral("restartButton"))->isEnabled());
    answerNextModal([](QWidget *modal) { modal->findChild<QPushButton *>(QStringLiteral("deployConfirmGo"))->click(); });
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->isBusy(); }, 20000));
    QVERIFY(waitForRow(QStringLiteral("shop/api"), [](const Deployment &d) { return !d.paused; }));
}

void TestKubeDeploymentsPanel::conflictIsShown()
{
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    m_cluster->server().failNextWrite(409, "Conflict", "the object has been modified; please apply your changes to the latest version and try again");
    answerNextModal([](QWidget *modal) { modal->findChild<QPushButton *>(QStringLiteral("deployConfirmGo"))->click(); });
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("restartButton")), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !m_panel->isBusy(); }, 20000));
    QVERIFY2(message().contains(QLatin1String("409 Conflict")) && message().contains(QLatin1String("nothing was changed")), qPrintable(message()));
}

void TestKubeDeploymentsPanel::readOnlyTurnsTheButtonsOff()
{
    m_store->setProfiles(profiles(true), QStringLiteral("prod"));
    QVERIFY(m_panel->selectDeployment(QStringLiteral("shop/api")));
    for (const char *name : {"restartButton", "scaleButton", "pauseButton", "rollbackButton"}) {
        auto *b = m_panel->findChild<QPushButton *>(QLatin1String(name));
        QVERIFY2(!b->isEnabled(), name);
        QVERIFY(b->toolTip().contains(QLatin1String("read-only")));
    }
    m_store->setProfiles(profiles(false), QStringLiteral("prod"));
}

void TestKubeDeploymentsPanel::insecureIsSaid()
{
    QVERIFY(m_cluster->editKubeconfig(QByteArray("certificate-authority: " + m_cluster->pki().caFile().toUtf8()), QByteArray("insecure-skip-tls-verify: true")));
    DeploymentStore store;
    DeploymentsPanel panel;
    Profile other = profiles(false).first();
    other.name = QStringLiteral("staging");
    store.setProfiles({other}, QStringLiteral("staging"));
    panel.setStore(&store);
    QVERIFY(QTest::qWaitFor([&] {
        return panel.findChild<QLabel *>(QStringLiteral("deploymentsStatus"))->text().contains(QLatin1String("insecure-skip-tls-verify"));
    }, 20000));
}

QTEST_MAIN(TestKubeDeploymentsPanel)
#include "tst_kube_deployments_panel.moc"
