// The alert and silence models under QAbstractItemModelTester: merges in
// place, stale sources, grouping, filtering.

#include "alert_filter.h"
#include "alert_model.h"
#include "badge_tone.h"
#include "silence_model.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QPersistentModelIndex>
#include <QTest>

using namespace opsdeck;

class TestAlertModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsAndCounts();
    void mergeKeepsRowsAndPersistentIndexes();
    void failingSourceKeepsItsAlertsMarkedStale();
    void regroupsAndFlattens();
    void prometheusDuplicateShownOnce();
    void filterTakesMatchersAndWords_data();
    void filterTakesMatchersAndWords();
    void filterRejectsBrokenMatchers();
    void hidesSuppressedOnRequest();
    void sortsBySeverityAndAge();
    void silencesFlagExpiringAndUnmatched();
};

namespace {

Alert makeAlert(const char *source, Labels labels, qint64 startsAt = 1000, AlertState state = AlertState::Firing)
{
    Alert a;
    a.source = QString::fromLatin1(source);
    std::sort(labels.begin(), labels.end());
    a.labels = std::move(labels);
    a.fingerprint = fingerprintOf(a.labels);
    a.startsAtMs = startsAt;
    a.state = state;
    a.annotations = {{"summary", a.label("alertname") + " on " + a.label("service")}};
    return a;
}

AlertSnapshot snapshotOf(const QString &source, std::vector<Alert> alerts, AlertSourceKind kind = AlertSourceKind::Alertmanager)
{
    AlertSnapshot s;
    s.source = source;
    s.kind = kind;
    s.ok = true;
    s.fetchedAtMs = 5000;
    for (Alert &a : alerts)
        a.sourceKind = kind;
    s.alerts = std::move(alerts);
    return s;
}

std::vector<Alert> demoAlerts()
{
    return {
        makeAlert("main", {{"alertname", "HighLatency"}, {"service", "api"}, {"severity", "warning"}}, 1000),
        makeAlert("main", {{"alertname", "HighLatency"}, {"service", "web"}, {"severity", "warning"}}, 2000),
        makeAlert("main", {{"alertname", "ServiceDown"}, {"service", "db"}, {"severity", "critical"}, {"team", "dba"}}, 3000),
    };
}

int countLeaves(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    int n = 0;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        n += model.rowCount(i) > 0 ? countLeaves(model, i) : (i.data(AlertModel::IsGroupRole).toBool() ? 0 : 1);
    }
    return n;
}

} // namespace

void TestAlertModel::groupsAndCounts()
{
    AlertModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSources({{QStringLiteral("main"), AlertSourceKind::Alertmanager}});
    model.applySnapshot(snapshotOf(QStringLiteral("main"), demoAlerts()));
    QCOMPARE(model.rowCount(), 2);  // HighLatency, ServiceDown
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("HighLatency (2)"));
    QCOMPARE(model.index(0, AlertModel::SeverityColumn).data().toString(), QStringLiteral("warning"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);
    QCOMPARE(model.alertCount(), 3);
    const auto counts = model.openCountsBySeverity();
    QCOMPARE(counts.value(QStringLiteral("warning")), 2);
    QCOMPARE(counts.value(QStringLiteral("critical")), 1);
}

void TestAlertModel::mergeKeepsRowsAndPersistentIndexes()
{
    AlertModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<Alert> alerts = demoAlerts();
    model.applySnapshot(snapshotOf(QStringLiteral("main"), alerts));
    // The operator selected ServiceDown on db.
    const QPersistentModelIndex selected = model.index(0, 0, model.index(1, 0));
    QCOMPARE(selected.data().toString(), QStringLiteral("ServiceDown"));

    // HighLatency resolves everywhere; a new alert arrives; ServiceDown gets silenced.
    std::vector<Alert> next = {alerts[2], makeAlert("main", {{"alertname", "DiskFull"}, {"service", "db"}, {"severity", "critical"}})};
    next[0].state = AlertState::Silenced;
    next[0].silencedBy = {QStringLiteral("s1")};
    model.applySnapshot(snapshotOf(QStringLiteral("main"), next));

    QVERIFY(selected.isValid());
    QCOMPARE(selected.data().toString(), QStringLiteral("ServiceDown"));  // followed, though its group moved up
    QCOMPARE(selected.parent().row(), 0);
    QCOMPARE(AlertState(selected.data(AlertModel::StateRole).toInt()), AlertState::Silenced);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.alertCount(), 2);
    QCOMPARE(model.openCountsBySeverity().value(QStringLiteral("critical")), 1);  // the silenced one is not open
}

void TestAlertModel::failingSourceKeepsItsAlertsMarkedStale()
{
    AlertModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGroupBy(AlertModel::GroupBy::None);
    model.setSources({{QStringLiteral("main"), AlertSourceKind::Alertmanager}, {QStringLiteral("monitoring"), AlertSourceKind::Database}});
    model.applySnapshot(snapshotOf(QStringLiteral("main"), demoAlerts()));
    model.applySnapshot(snapshotOf(QStringLiteral("monitoring"), {makeAlert("monitoring", {{"alertname", "ReplicationLag"}, {"alert_id", "7"}})}, AlertSourceKind::Database));
    QCOMPARE(model.rowCount(), 4);

    AlertSnapshot failed;
    failed.source = QStringLiteral("main");
    failed.error = QStringLiteral("http://127.0.0.1:19093: connection refused");
    model.applySnapshot(failed);
    QCOMPARE(model.rowCount(), 4);  // nothing blanked
    QVERIFY(model.sources().value(QStringLiteral("main")).stale);
    QCOMPARE(model.sources().value(QStringLiteral("main")).error, failed.error);
    int stale = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r, 0);
        if (i.data(AlertModel::StaleRole).toBool()) {
            ++stale;
            QVERIFY(model.index(r, AlertModel::StateColumn).data().toString().contains(QLatin1String("stale")));
        }
    }
    QCOMPARE(stale, 3);
    QVERIFY(!model.sources().value(QStringLiteral("monitoring")).stale);

    model.applySnapshot(snapshotOf(QStringLiteral("main"), demoAlerts()));
    QVERIFY(!model.index(0, 0).data(AlertModel::StaleRole).toBool());
}

void TestAlertModel::regroupsAndFlattens()
{
    AlertModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<Alert> alerts = demoAlerts();
    alerts[0].groupLabels = {{"alertname", "HighLatency"}};
    alerts[1].groupLabels = {{"alertname", "HighLatency"}};
    alerts[2].groupLabels = {{"alertname", "ServiceDown"}, {"team", "dba"}};
    model.applySnapshot(snapshotOf(QStringLiteral("main"), alerts));
    const std::pair<AlertModel::GroupBy, int> cases[] = {
        {AlertModel::GroupBy::Service, 3},
        {AlertModel::GroupBy::Severity, 2},
        {AlertModel::GroupBy::AlertmanagerGroup, 2},
        {AlertModel::GroupBy::None, 3},
        {AlertModel::GroupBy::AlertName, 2},
    };
    for (const auto &[groupBy, topLevel] : cases) {
        model.setGroupBy(groupBy);
        QCOMPARE(model.rowCount(), topLevel);
        QCOMPARE(countLeaves(model), 3);
    }
    model.setGroupBy(AlertModel::GroupBy::AlertmanagerGroup);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("alertname=\"ServiceDown\", team=\"dba\" (1)"));
}

void TestAlertModel::prometheusDuplicateShownOnce()
{
    AlertModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGroupBy(AlertModel::GroupBy::None);
    const Alert firing = makeAlert("main", {{"alertname", "ServiceDown"}, {"service", "db"}});
    Alert seenByPrometheus = firing;
    seenByPrometheus.source = QStringLiteral("prometheus");
    const Alert pending = makeAlert("prometheus", {{"alertname", "HighLatency"}, {"service", "api"}}, 1000, AlertState::Pending);
    model.applySnapshot(snapshotOf(QStringLiteral("prometheus"), {seenByPrometheus, pending}, AlertSourceKind::Prometheus));
    QCOMPARE(model.rowCount(), 2);  // Alertmanager has not answered yet: Prometheus's view
    model.applySnapshot(snapshotOf(QStringLiteral("main"), {firing}));
    QCOMPARE(model.rowCount(), 2);
    QStringList sources;
    for (int r = 0; r < model.rowCount(); ++r)
        sources << model.index(r, AlertModel::SourceColumn).data().toString();
    sources.sort();
    QCOMPARE(sources, (QStringList{QStringLiteral("main"), QStringLiteral("prometheus")}));
}

void TestAlertModel::filterTakesMatchersAndWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("leaves");
    QTest::newRow("nothing") << QString() << 3;
    QTest::newRow("matcher") << QStringLiteral(R"(severity="critical")") << 1;
    QTest::newRow("regex") << QStringLiteral(R"(service=~"api|web")") << 2;
    QTest::newRow("braces and two") << QStringLiteral(R"({severity="warning", service!="api"})") << 1;
    QTest::newRow("word") << QStringLiteral("WEB") << 1;
    QTest::newRow("matcher and word") << QStringLiteral(R"(severity="warning" api)") << 1;
    QTest::newRow("absent label") << QStringLiteral(R"(team="dba")") << 1;
    QTest::newRow("nothing matches") << QStringLiteral("nosuchthing") << 0;
}

void TestAlertModel::filterTakesMatchersAndWords()
{
    QFETCH(QString, text);
    QFETCH(int, leaves);
    AlertModel model;
    model.applySnapshot(snapshotOf(QStringLiteral("main"), demoAlerts()));
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(proxy.setFilterText(text), QString());
    QCOMPARE(countLeaves(proxy), leaves);
    // Groups without a passing alert are hidden with them.
    for (int r = 0; r < proxy.rowCount(); ++r)
        QVERIFY(proxy.rowCount(proxy.index(r, 0)) > 0);
}

void TestAlertModel::filterRejectsBrokenMatchers()
{
    for (const QString &text : {QStringLiteral(R"(service=~"(")"), QStringLiteral("severity=critical")}) {
        const AlertFilter f = AlertFilter::parse(text);
        QVERIFY2(!f.error.isEmpty(), qPrintable(text));
    }
    AlertModel model;
    model.applySnapshot(snapshotOf(QStringLiteral("main"), demoAlerts()));
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    QCOMPARE(proxy.setFilterText(QStringLiteral(R"(severity="critical")")), QString());
    QVERIFY(!proxy.setFilterText(QStringLiteral("severity=critical")).isEmpty());
    QCOMPARE(countLeaves(proxy), 1);  // the last good filter stays
}

void TestAlertModel::hidesSuppressedOnRequest()
{
    AlertModel model;
    std::vector<Alert> alerts = demoAlerts();
    alerts[0].state = AlertState::Acknowledged;
    alerts[1].state = AlertState::Inhibited;
    model.applySnapshot(snapshotOf(QStringLiteral("main"), alerts));
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setHideSuppressed(true);
    QCOMPARE(countLeaves(proxy), 1);
    proxy.setHideSuppressed(false);
    QCOMPARE(countLeaves(proxy), 3);
}

void TestAlertModel::sortsBySeverityAndAge()
{
    AlertModel model;
    model.setGroupBy(AlertModel::GroupBy::None);
    model.applySnapshot(snapshotOf(QStringLiteral("main"), demoAlerts()));
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(AlertModel::SeverityColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, AlertModel::NameColumn).data().toString(), QStringLiteral("ServiceDown"));
    proxy.sort(AlertModel::SinceColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, AlertModel::TargetColumn).data().toString(), QStringLiteral("api"));  // the oldest start
    // A poll later the order holds.
    model.applySnapshot(snapshotOf(QStringLiteral("main"), demoAlerts()));
    QCOMPARE(proxy.index(0, AlertModel::TargetColumn).data().toString(), QStringLiteral("api"));
}

void TestAlertModel::silencesFlagExpiringAndUnmatched()
{
    SilenceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 now = 10'000'000;
    model.setClock([now] { return now; });
    auto silence = [&](const char *id, const char *service, qint64 endsIn, const char *state) {
        Silence s;
        s.id = QString::fromLatin1(id);
        s.matchers = {{"service", service, false, true}};
        s.startsAtMs = now - 1000;
        s.endsAtMs = now + endsIn;
        s.state = QString::fromLatin1(state);
        s.createdBy = QStringLiteral("alice");
        return s;
    };
    const std::vector<Alert> alerts = demoAlerts();
    model.setSilences(QStringLiteral("main"),
                      {silence("a", "api", 10 * 60000, "active"), silence("b", "nowhere", 3 * 3600000, "active"),
                       silence("c", "web", -60000, "expired")},
                      alerts);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.index(0, 0).data(SilenceModel::ExpiringSoonRole).toBool());
    QVERIFY(!model.index(0, 0).data(SilenceModel::MatchesNothingRole).toBool());
    QCOMPARE(model.index(0, SilenceModel::MatchingColumn).data().toString(), QStringLiteral("1"));
    QVERIFY(model.index(1, 0).data(SilenceModel::MatchesNothingRole).toBool());
    QVERIFY(!model.index(1, 0).data(SilenceModel::ExpiringSoonRole).toBool());
    QVERIFY(!model.index(2, 0).data(SilenceModel::ExpiringSoonRole).toBool());
    // Ending soon and matching nothing: the end stays amber, the matching count goes grey.
    model.setSilences(QStringLiteral("soon-and-idle"), {silence("e", "nowhere", 5 * 60000, "active")}, alerts);
    const QModelIndex ends = model.index(3, SilenceModel::EndsColumn);
    QCOMPARE(ends.data(Qt::ForegroundRole).value<QBrush>().color(), toneTextColor(BadgeTone::Warning, false));
    QCOMPARE(model.index(3, SilenceModel::MatchingColumn).data(Qt::ForegroundRole).value<QBrush>().color(), toneTextColor(BadgeTone::Muted, false));
    model.setSilences(QStringLiteral("soon-and-idle"), {}, alerts);

    // Merge: "a" extended, "b" gone, "d" new; a second Alertmanager's silences stay apart.
    const QPersistentModelIndex a = model.index(0, 0);
    model.setSilences(QStringLiteral("other"), {silence("x", "api", 3600000, "active")}, alerts);
    model.setSilences(QStringLiteral("main"),
                      {silence("a", "api", 2 * 3600000, "active"), silence("c", "web", -60000, "expired"),
                       silence("d", "db", 3600000, "pending")},
                      alerts);
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(a.isValid());
    QCOMPARE(model.silenceAt(a.row())->id, QStringLiteral("a"));
    QVERIFY(!a.data(SilenceModel::ExpiringSoonRole).toBool());
}

QTEST_MAIN(TestAlertModel)
#include "tst_alert_model.moc"
