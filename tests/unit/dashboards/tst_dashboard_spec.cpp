// The default dashboard of a scrape target is chosen from the families it exposes.

#include "dashboards/dashboard_spec.h"

#include <QTest>

using namespace opsdeck;

class TestDashboardSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classifiesTargets();
    void busiestFamiliesOfAnythingElse();
};

namespace {

using Families = std::vector<std::pair<std::string, std::size_t>>;

QStringList titles(const QList<PanelSpec> &panels)
{
    QStringList out;
    for (const PanelSpec &p : panels)
        out << p.title;
    return out;
}

} // namespace

void TestDashboardSpec::classifiesTargets()
{
    const Families ours{{"scrape_duration_seconds", 1}, {"up", 1}};
    QCOMPARE(classifyTarget({}), TargetKind::Unknown);
    QCOMPARE(classifyTarget(ours), TargetKind::Unknown);  // only what the scraper itself records
    QVERIFY(defaultDashboardFor(QStringLiteral("x"), ours).isEmpty());

    Families http = ours;
    http.push_back({"http_request_duration_seconds_bucket", 40});
    http.push_back({"process_resident_memory_bytes", 1});
    QCOMPARE(classifyTarget(http), TargetKind::HttpService);
    QCOMPARE(defaultDashboardFor(QStringLiteral("api"), http).size(), 6);

    const Families node{{"node_cpu_seconds_total", 16}, {"node_load1", 1}, {"node_memory_MemAvailable_bytes", 1}, {"up", 1}};
    QCOMPARE(classifyTarget(node), TargetKind::Host);
    QVERIFY(titles(defaultDashboardFor(QStringLiteral("node"), node)).contains(QStringLiteral("CPU busy")));

    const Families pg{{"pg_up", 1}, {"pg_stat_database_numbackends", 4}, {"pg_database_size_bytes", 4}};
    QCOMPARE(classifyTarget(pg), TargetKind::Postgres);
    const QList<PanelSpec> panels = defaultDashboardFor(QStringLiteral("db"), pg);
    QCOMPARE(panels.first().title, QStringLiteral("Connections by database"));
    QCOMPARE(panels.first().queries.first().query.by, std::vector<std::string>{"datname"});
    // Every query of a target's dashboard is about that target only.
    for (const PanelSpec &p : panels) {
        for (const PanelQuerySpec &q : p.queries)
            QCOMPARE(q.query.matchers.front().value, std::string("db"));
    }
}

void TestDashboardSpec::busiestFamiliesOfAnythingElse()
{
    const Families other{{"up", 1},
                         {"queue_depth", 3},
                         {"jobs_processed_total", 12},
                         {"job_seconds_bucket", 30},
                         {"job_seconds_sum", 3},
                         {"job_seconds_count", 3},
                         {"jobs_processed_created", 12},
                         {"workers", 1}};
    QCOMPARE(classifyTarget(other), TargetKind::Other);
    const QList<PanelSpec> panels = defaultDashboardFor(QStringLiteral("worker"), other);
    // Most series first; a histogram counted once with its parts; counters as rates.
    QCOMPARE(titles(panels), QStringList({QStringLiteral("job_seconds"), QStringLiteral("jobs_processed_total (per second)"),
                                          QStringLiteral("queue_depth"), QStringLiteral("workers")}));
    QCOMPARE(panels[0].queries.first().query.kind, LocalQuery::Kind::Quantile);
    QCOMPARE(panels[1].queries.first().query.kind, LocalQuery::Kind::Rate);
    QCOMPARE(panels[2].queries.first().query.kind, LocalQuery::Kind::Gauge);
}

QTEST_GUILESS_MAIN(TestDashboardSpec)
#include "tst_dashboard_spec.moc"
