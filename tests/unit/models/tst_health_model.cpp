#include "health_model.h"
#include "health_transition_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace opsdeck;

namespace {

ServiceHealth health(const QString &service, HealthStatus status, const QDateTime &at,
                     const QList<HealthComponent> &components = {}, const QString &reason = {})
{
    ServiceHealth h;
    h.service = service;
    h.status = status;
    h.reason = reason.isEmpty() ? healthStatusKey(status) : reason;
    h.checkedAt = at;
    h.latencyMs = 12;
    h.version = QStringLiteral("1.0");
    h.components = components;
    return h;
}

} // namespace

class TestHealthModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void passesModelTesterThroughUpdates();
    void mergesWithoutReset();
    void firstObservationIsNoTransition();
    void marksStaleAfterTwoIntervals();
    void detectsFlapping();
    void countsStatuses();
    void transitionModelListsNewestFirst();
    void dropsAnswersOfUnknownServices();
    void showsUnverifiedTls();

private:
    QDateTime m_now;
    std::unique_ptr<HealthModel> m_model;
};

void TestHealthModel::init()
{
    m_now = QDateTime(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);
    m_model = std::make_unique<HealthModel>();
    m_model->setClock([this] { return m_now; });
    m_model->setServices({{QStringLiteral("api"), 5}, {QStringLiteral("db"), 10}});
}

void TestHealthModel::passesModelTesterThroughUpdates()
{
    QAbstractItemModelTester tester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    HealthTransitionModel transitions(m_model.get());
    QAbstractItemModelTester transitionTester(&transitions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    transitions.setService(QStringLiteral("api"));

    const HealthComponent dbOk{QStringLiteral("database"), HealthStatus::Healthy, QStringLiteral("ok")};
    const HealthComponent redisOk{QStringLiteral("redis"), HealthStatus::Healthy, QStringLiteral("ok")};
    const HealthComponent redisDown{QStringLiteral("redis"), HealthStatus::Down, QStringLiteral("timeout")};
    const HealthComponent queue{QStringLiteral("queue"), HealthStatus::Healthy, QStringLiteral("ok")};

    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now, {dbOk, redisOk}));
    m_now = m_now.addSecs(5);
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Degraded, m_now, {redisDown, queue}));
    m_now = m_now.addSecs(5);
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now, {}));
    m_model->applyHealth(health(QStringLiteral("db"), HealthStatus::Unreachable, m_now));
    m_now = m_now.addSecs(60);
    m_model->refreshAges();
    m_model->setServices({{QStringLiteral("other"), 5}});
    QCOMPARE(m_model->rowCount(), 1);
}

void TestHealthModel::mergesWithoutReset()
{
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    const HealthComponent a{QStringLiteral("a"), HealthStatus::Healthy, {}};
    const HealthComponent b{QStringLiteral("b"), HealthStatus::Healthy, {}};
    const HealthComponent c{QStringLiteral("c"), HealthStatus::Down, {}};

    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now, {a, b}));
    const QModelIndex api = m_model->index(0, 0);
    QCOMPARE(m_model->rowCount(api), 2);
    QPersistentModelIndex keptB = m_model->index(1, 0, api);

    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Degraded, m_now, {b, c}));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(m_model->rowCount(api), 2);
    QVERIFY(keptB.isValid());
    QCOMPARE(keptB.data().toString(), QStringLiteral("b"));
    QCOMPARE(m_model->index(1, HealthModel::StatusColumn, api).data(HealthModel::StatusRole).toInt(),
             int(HealthStatus::Down));
    QCOMPARE(m_model->index(0, HealthModel::StatusColumn).data().toString(), healthStatusLabel(HealthStatus::Degraded));
    QCOMPARE(m_model->index(0, HealthModel::LatencyColumn).data().toString(), QStringLiteral("12 ms"));
    QCOMPARE(m_model->index(1, HealthModel::StatusColumn).data().toString(), QStringLiteral("checking…"));
}

void TestHealthModel::firstObservationIsNoTransition()
{
    QSignalSpy transitions(m_model.get(), &HealthModel::transitioned);
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Down, m_now));
    QCOMPARE(transitions.size(), 0);
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Down, m_now.addSecs(5)));
    QCOMPARE(transitions.size(), 0);
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now.addSecs(10)));
    QCOMPARE(transitions.size(), 1);
    QCOMPARE(transitions.at(0).at(1).value<HealthStatus>(), HealthStatus::Down);
    QCOMPARE(transitions.at(0).at(2).value<HealthStatus>(), HealthStatus::Healthy);
}

void TestHealthModel::marksStaleAfterTwoIntervals()
{
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now));
    m_now = m_now.addSecs(10);  // exactly two intervals of 5 s: not yet
    m_model->refreshAges();
    QVERIFY(!m_model->isStale(0));
    m_now = m_now.addSecs(1);
    m_model->refreshAges();
    QVERIFY(m_model->isStale(0));
    QVERIFY(m_model->index(0, HealthModel::StatusColumn).data().toString().contains(QLatin1String("stale")));
    QVERIFY(m_model->index(0, HealthModel::StatusColumn).data(HealthModel::StaleRole).toBool());
    // A service that never answered goes stale too, and says so.
    QVERIFY(!m_model->isStale(1));
    QCOMPARE(m_model->index(1, HealthModel::StatusColumn).data().toString(), QStringLiteral("checking…"));
    m_now = m_now.addSecs(30);
    m_model->refreshAges();
    QVERIFY(m_model->isStale(1));
    QCOMPARE(m_model->index(1, HealthModel::StatusColumn).data().toString(), QStringLiteral("no answer"));
    QCOMPARE(m_model->index(0, HealthModel::CheckedColumn).data().toString(), QStringLiteral("41 s ago"));
    // A fresh answer clears it.
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now));
    QVERIFY(!m_model->isStale(0));
}

void TestHealthModel::detectsFlapping()
{
    const HealthStatus states[] = {HealthStatus::Healthy, HealthStatus::Down};
    for (int i = 0; i < 5; ++i) {
        m_now = m_now.addSecs(30);
        m_model->applyHealth(health(QStringLiteral("api"), states[i % 2], m_now));
    }
    QVERIFY(m_model->index(0, 0).data(HealthModel::FlappingRole).toBool());
    QVERIFY(m_model->index(0, HealthModel::StatusColumn).data().toString().contains(QLatin1String("flapping")));
    // Quiet for ten minutes: no longer flapping.
    m_now = m_now.addSecs(601);
    m_model->refreshAges();
    QVERIFY(!m_model->index(0, 0).data(HealthModel::FlappingRole).toBool());
}

void TestHealthModel::countsStatuses()
{
    QSignalSpy counts(m_model.get(), &HealthModel::countsChanged);
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now));
    m_model->applyHealth(health(QStringLiteral("db"), HealthStatus::Down, m_now));
    QCOMPARE(m_model->statusCounts().value(HealthStatus::Healthy), 1);
    QCOMPARE(m_model->statusCounts().value(HealthStatus::Down), 1);
    QCOMPARE(counts.size(), 2);
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now));
    QCOMPARE(counts.size(), 2);  // nothing changed, no signal
}

void TestHealthModel::transitionModelListsNewestFirst()
{
    HealthTransitionModel transitions(m_model.get());
    QAbstractItemModelTester tester(&transitions, QAbstractItemModelTester::FailureReportingMode::QtTest);
    transitions.setService(QStringLiteral("api"));
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now));
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Down, m_now.addSecs(5), {}, QStringLiteral("HTTP 503")));
    m_model->applyHealth(health(QStringLiteral("api"), HealthStatus::Healthy, m_now.addSecs(10)));
    m_model->applyHealth(health(QStringLiteral("db"), HealthStatus::Healthy, m_now));
    m_model->applyHealth(health(QStringLiteral("db"), HealthStatus::Down, m_now.addSecs(3)));
    QCOMPARE(transitions.rowCount(), 2);
    QCOMPARE(transitions.index(0, HealthTransitionModel::ToColumn).data().toString(), healthStatusLabel(HealthStatus::Healthy));
    QCOMPARE(transitions.index(1, HealthTransitionModel::ReasonColumn).data().toString(), QStringLiteral("HTTP 503"));
    transitions.setService(QStringLiteral("db"));
    QCOMPARE(transitions.rowCount(), 1);
}

void TestHealthModel::dropsAnswersOfUnknownServices()
{
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->applyHealth(health(QStringLiteral("gone"), HealthStatus::Down, m_now));
    QCOMPARE(changed.size(), 0);
}

void TestHealthModel::showsUnverifiedTls()
{
    m_model->setServices({{QStringLiteral("api"), 5, true}, {QStringLiteral("db"), 5, false}});
    QVERIFY(m_model->index(0, 0).data().toString().contains(QLatin1String("TLS not verified")));
    QVERIFY(m_model->index(0, 0).data(HealthModel::TlsUnverifiedRole).toBool());
    QCOMPARE(m_model->index(0, 0).data(HealthModel::SortRole).toString(), QStringLiteral("api"));
    QCOMPARE(m_model->index(1, 0).data().toString(), QStringLiteral("db"));
}

QTEST_GUILESS_MAIN(TestHealthModel)
#include "tst_health_model.moc"
