// A service without a container as a row of the Deployments panel: its version
// from /health, else from a *_build_info series' version label; its start from
// process_start_time_seconds; its status from its health. And the store shows
// it beside the engine's rows only when no container runs it.

#include "deployment_model.h"
#include "deployment_store.h"
#include "metrics/series_store.h"
#include "service_deployments.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace opsdeck;

class TestServiceDeployments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionFromHealthThenBuildInfo();
    void statusFollowsHealth();
    void storeShowsOnlyServicesNoContainerRuns();
};

namespace {

ServiceHealth health(const QString &service, HealthStatus status, const QString &version = {}, const QString &reason = {})
{
    ServiceHealth h;
    h.service = service;
    h.status = status;
    h.version = version;
    h.reason = reason;
    return h;
}

} // namespace

void TestServiceDeployments::versionFromHealthThenBuildInfo()
{
    SeriesStore store;
    const auto info = store.seriesFor("billing_build_info", {{"service", "billing"}, {"version", "3.1.0"}, {"goversion", "go1.22"}});
    store.append(info, 1000, 1);
    const auto start = store.seriesFor("process_start_time_seconds", {{"service", "billing"}});
    store.append(start, 1000, 1796630400.5);

    const Deployment fromInfo = serviceDeployment(QStringLiteral("billing"), health(QStringLiteral("billing"), HealthStatus::Healthy), &store,
                                                  QStringLiteral("prod"));
    QCOMPARE(fromInfo.version, QStringLiteral("3.1.0"));
    QCOMPARE(fromInfo.changedMs, 1796630400500LL);
    QCOMPARE(fromInfo.source, QStringLiteral("health"));
    QCOMPARE(fromInfo.environment, QStringLiteral("prod"));
    // What /health says wins over the build info.
    const Deployment fromHealth = serviceDeployment(QStringLiteral("billing"), health(QStringLiteral("billing"), HealthStatus::Healthy, QStringLiteral("3.1.1")),
                                                    &store, QStringLiteral("prod"));
    QCOMPARE(fromHealth.version, QStringLiteral("3.1.1"));
    // Another service's build info is not this one's.
    QCOMPARE(serviceDeployment(QStringLiteral("orders"), std::nullopt, &store, QStringLiteral("prod")).version, QString());
}

void TestServiceDeployments::statusFollowsHealth()
{
    const Deployment up = serviceDeployment(QStringLiteral("a"), health(QStringLiteral("a"), HealthStatus::Healthy), nullptr, {});
    QCOMPARE(up.status, DeploymentStatus::Running);
    QCOMPARE(up.healthy, 1);
    const Deployment slow = serviceDeployment(QStringLiteral("a"), health(QStringLiteral("a"), HealthStatus::Degraded, {}, QStringLiteral("redis: slow")), nullptr, {});
    QCOMPARE(slow.status, DeploymentStatus::Degraded);
    QCOMPARE(slow.reason, QStringLiteral("redis: slow"));
    QCOMPARE(slow.healthy, 0);
    const Deployment gone = serviceDeployment(QStringLiteral("a"), health(QStringLiteral("a"), HealthStatus::Unreachable, {}, QStringLiteral("refused")), nullptr, {});
    QCOMPARE(gone.status, DeploymentStatus::Failed);
    QCOMPARE(gone.running, 0);
    QCOMPARE(serviceDeployment(QStringLiteral("a"), std::nullopt, nullptr, {}).status, DeploymentStatus::Stopped);
}

void TestServiceDeployments::storeShowsOnlyServicesNoContainerRuns()
{
    qputenv("DOCKER_HOST", "unix:///nonexistent/docker.sock");  // no engine: the service rows alone
    DeploymentStore store;
    QAbstractItemModelTester tester(store.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    Profile p;
    p.name = QStringLiteral("prod");
    store.setProfiles({p}, QStringLiteral("prod"));
    store.setServiceDeployments({serviceDeployment(QStringLiteral("billing"), health(QStringLiteral("billing"), HealthStatus::Healthy, QStringLiteral("3.1.0")), nullptr, QStringLiteral("prod")),
                                 serviceDeployment(QStringLiteral("orders"), health(QStringLiteral("orders"), HealthStatus::Down), nullptr, QStringLiteral("prod"))});
    QCOMPARE(store.model()->rowCount(), 2);
    QCOMPARE(store.model()->rows().front().name, QStringLiteral("billing"));
    QCOMPARE(store.model()->rows().front().version, QStringLiteral("3.1.0"));
    store.setServiceDeployments({});
    QCOMPARE(store.model()->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestServiceDeployments)
#include "tst_service_deployments.moc"
