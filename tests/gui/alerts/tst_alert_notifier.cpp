// Alert notifications: the first answer is the baseline, new firing alerts of
// the chosen severities notify once (several as one), an acknowledged alert
// that resolves says so, do-not-disturb silences everything.

#include "alerts/alert_notifier.h"

#include <QSignalSpy>
#include <QTest>

using namespace opsdeck;

class TestAlertNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstAnswerIsTheBaseline();
    void newFiringAlertsNotifyOnceTogether();
    void onlyChosenSeveritiesAndFiringOnes();
    void acknowledgedAlertThatResolvesIsAnnounced();
    void doNotDisturbSilencesEverything();
    void failedPollChangesNothing();
};

namespace {

Alert alertOf(const char *name, const char *service, const char *severity, AlertState state = AlertState::Firing)
{
    Alert a;
    a.source = QStringLiteral("main");
    a.labels = {{"alertname", name}, {"service", service}, {"severity", severity}};
    a.annotations = {{"summary", std::string(name) + " on " + service}};
    a.fingerprint = fingerprintOf(a.labels);
    a.state = state;
    return a;
}

AlertSnapshot snapshotOf(std::vector<Alert> alerts, std::vector<Silence> silences = {})
{
    AlertSnapshot s;
    s.source = QStringLiteral("main");
    s.ok = true;
    s.alerts = std::move(alerts);
    s.silences = std::move(silences);
    return s;
}

} // namespace

void TestAlertNotifier::firstAnswerIsTheBaseline()
{
    AlertNotifier notifier(nullptr);
    QSignalSpy spy(&notifier, &AlertNotifier::notified);
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical"), alertOf("B", "db", "critical")}));
    QCOMPARE(spy.count(), 0);  // opening the console raises no storm
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical"), alertOf("B", "db", "critical")}));
    QCOMPARE(spy.count(), 0);
}

void TestAlertNotifier::newFiringAlertsNotifyOnceTogether()
{
    AlertNotifier notifier(nullptr);
    QSignalSpy spy(&notifier, &AlertNotifier::notified);
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical")}));
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical"), alertOf("B", "db", "critical"), alertOf("C", "web", "warning")}));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).toString(), QStringLiteral("2 new alerts"));
    const QString message = spy.first().at(1).toString();
    QVERIFY(message.contains(QStringLiteral("CRITICAL: B on db — B on db")));
    QVERIFY(message.contains(QLatin1String("WARNING: C on web")));
    // The same alerts on the next poll: nothing new.
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical"), alertOf("B", "db", "critical"), alertOf("C", "web", "warning")}));
    QCOMPARE(spy.count(), 1);
    // B goes and comes back: that is news again.
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical")}));
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical"), alertOf("B", "db", "critical")}));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("New alert"));
}

void TestAlertNotifier::onlyChosenSeveritiesAndFiringOnes()
{
    AlertNotifier notifier(nullptr);
    notifier.setSeverities({QStringLiteral("critical")});
    QSignalSpy spy(&notifier, &AlertNotifier::notified);
    notifier.onSnapshot(snapshotOf({}));
    notifier.onSnapshot(snapshotOf({alertOf("W", "api", "warning"), alertOf("P", "api", "critical", AlertState::Pending),
                                    alertOf("S", "api", "critical", AlertState::Silenced)}));
    QCOMPARE(spy.count(), 0);
    notifier.onSnapshot(snapshotOf({alertOf("X", "api", "critical")}));
    QCOMPARE(spy.count(), 1);
}

void TestAlertNotifier::acknowledgedAlertThatResolvesIsAnnounced()
{
    AlertNotifier notifier(nullptr);
    QSignalSpy spy(&notifier, &AlertNotifier::notified);
    Silence ack;
    ack.id = QStringLiteral("s1");
    ack.createdBy = QStringLiteral("alice");
    ack.comment = QStringLiteral("ACK: on it");
    Alert acked = alertOf("DiskFull", "db", "critical", AlertState::Acknowledged);
    acked.silencedBy = {QStringLiteral("s1")};
    notifier.onSnapshot(snapshotOf({acked}, {ack}));
    notifier.onSnapshot(snapshotOf({}, {ack}));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).toString(), QStringLiteral("Resolved"));
    QCOMPARE(spy.first().at(1).toString(), QStringLiteral("DiskFull on db (acknowledged by alice)"));
}

void TestAlertNotifier::doNotDisturbSilencesEverything()
{
    AlertNotifier notifier(nullptr);
    notifier.setDoNotDisturb(true);
    QSignalSpy spy(&notifier, &AlertNotifier::notified);
    notifier.onSnapshot(snapshotOf({}));
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical")}));
    QCOMPARE(spy.count(), 0);
    // Leaving do-not-disturb does not replay what happened meanwhile.
    notifier.setDoNotDisturb(false);
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical")}));
    QCOMPARE(spy.count(), 0);
}

void TestAlertNotifier::failedPollChangesNothing()
{
    AlertNotifier notifier(nullptr);
    QSignalSpy spy(&notifier, &AlertNotifier::notified);
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical")}));
    AlertSnapshot failed;
    failed.source = QStringLiteral("main");
    failed.error = QStringLiteral("connection refused");
    notifier.onSnapshot(failed);  // not "every alert resolved"
    notifier.onSnapshot(snapshotOf({alertOf("A", "api", "critical")}));
    QCOMPARE(spy.count(), 0);
}

QTEST_MAIN(TestAlertNotifier)
#include "tst_alert_notifier.moc"
