// Grafana's dashboard variables: reading variable queries, writing selections
// into PromQL as Grafana's Prometheus data source does, and resolving chained
// variables against a stand-in for Prometheus's API (the client itself is
// tested against a real Prometheus in the integration tests).

#include "dashboards/dashboard_spec.h"
#include "dashboards/dashboard_variables.h"
#include "local_http_server.h"
#include "net/http_client.h"
#include "prometheus/variable_resolver.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <cmath>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

class TestDashboardVariables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsVariableQueries_data();
    void readsVariableQueries();
    void writesSelectionsAsGrafanaDoes_data();
    void writesSelectionsAsGrafanaDoes();
    void leavesOtherDollarsAlone();
    void listsCustomOptions();
    void filtersAndExtractsWithRegex();
    void sortsOptions();
    void formatsQueryResultsAsGrafana();
    void reducesSeries();
    void resolvesChainedVariables();
    void saysWhyAVariableHasNoValues();
    void keepsAllAndSavedSelections();

private:
    static DashboardVariable variable(const QString &name, bool multi = false, bool includeAll = false)
    {
        DashboardVariable v;
        v.name = name;
        v.multi = multi;
        v.includeAll = includeAll;
        return v;
    }
};

void TestDashboardVariables::readsVariableQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("match");
    using K = VariableQuery::Kind;
    // The forms of Grafana's Prometheus template variable documentation.
    QTest::newRow("label_names()") << "label_names()" << int(K::LabelNames) << "" << "";
    QTest::newRow("label_names(match)") << "label_names(up{job=\"x\"})" << int(K::LabelNames) << "" << "up{job=\"x\"}";
    QTest::newRow("label_values(label)") << "label_values(job)" << int(K::LabelValues) << "job" << "";
    QTest::newRow("label_values(metric, label)") << "label_values(node_uname_info, job)" << int(K::LabelValues) << "job" << "node_uname_info";
    QTest::newRow("label_values(selector, label)")
        << "label_values(node_uname_info{job=\"node\", nodename=~\"a|b\"}, instance)" << int(K::LabelValues) << "instance"
        << "node_uname_info{job=\"node\", nodename=~\"a|b\"}";
    QTest::newRow("no space after comma") << "label_values(up,instance)" << int(K::LabelValues) << "instance" << "up";
    QTest::newRow("trailing space") << "label_values(up, job)  " << int(K::LabelValues) << "job" << "up";
    QTest::newRow("metrics(regex)") << "metrics(node_.*_bytes)" << int(K::Metrics) << "" << "node_.*_bytes";
    QTest::newRow("query_result") << "query_result(topk(5, sum by (job) (up)))" << int(K::QueryResult) << "" << "topk(5, sum by (job) (up))";
    QTest::newRow("a series selector") << "up{job=\"node\"}" << int(K::Series) << "" << "up{job=\"node\"}";
    QTest::newRow("empty") << "   " << int(K::Invalid) << "" << "";
}

void TestDashboardVariables::readsVariableQueries()
{
    QFETCH(QString, query);
    QFETCH(int, kind);
    QFETCH(QString, label);
    QFETCH(QString, match);
    const VariableQuery q = parseVariableQuery(query);
    QCOMPARE(int(q.kind), kind);
    QCOMPARE(q.label, label);
    QCOMPARE(q.match, match);
}

void TestDashboardVariables::writesSelectionsAsGrafanaDoes_data()
{
    QTest::addColumn<bool>("multi");
    QTest::addColumn<bool>("includeAll");
    QTest::addColumn<QString>("allValue");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<bool>("all");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QStringList one{QStringLiteral("10.0.0.1:9100")};
    const QStringList two{QStringLiteral("10.0.0.1:9100"), QStringLiteral("10.0.0.2:9100")};
    // Single value of a single-value variable: as it is (Node Exporter Full's instance="$node").
    QTest::newRow("single") << false << false << "" << one << false << "instance=\"$node\"" << "instance=\"10.0.0.1:9100\"";
    QTest::newRow("braces") << false << false << "" << one << false << "instance=\"${node}\"" << "instance=\"10.0.0.1:9100\"";
    QTest::newRow("brackets") << false << false << "" << one << false << "instance=\"[[node]]\"" << "instance=\"10.0.0.1:9100\"";
    // A variable that can hold several: regex-escaped, alternation when more than one.
    QTest::newRow("multi, one") << true << false << "" << one << false << "instance=~\"$node\"" << "instance=~\"10\\\\.0\\\\.0\\\\.1:9100\"";
    QTest::newRow("multi, two") << true << false << "" << two << false << "instance=~\"$node\""
                                << "instance=~\"(10\\\\.0\\\\.0\\\\.1:9100|10\\\\.0\\\\.0\\\\.2:9100)\"";
    QTest::newRow("All, every option") << true << true << "" << two << true << "instance=~\"$node\""
                                       << "instance=~\"(10\\\\.0\\\\.0\\\\.1:9100|10\\\\.0\\\\.0\\\\.2:9100)\"";
    QTest::newRow("All with allValue") << true << true << ".*" << two << true << "instance=~\"$node\"" << "instance=~\".*\"";
    // Formats.
    QTest::newRow(":raw") << true << false << "" << two << false << "${node:raw}" << "10.0.0.1:9100,10.0.0.2:9100";
    QTest::newRow(":pipe") << true << false << "" << two << false << "${node:pipe}" << "10.0.0.1:9100|10.0.0.2:9100";
    QTest::newRow(":regex") << true << false << "" << two << false << "${node:regex}" << "(10\\.0\\.0\\.1:9100|10\\.0\\.0\\.2:9100)";
    QTest::newRow(":csv") << true << false << "" << two << false << "${node:csv}" << "10.0.0.1:9100,10.0.0.2:9100";
    QTest::newRow(":doublequote") << true << false << "" << two << false << "${node:doublequote}" << "\"10.0.0.1:9100\",\"10.0.0.2:9100\"";
    // Quotes and backslashes never break out of the PromQL string.
    QTest::newRow("escapes") << false << false << "" << QStringList{QStringLiteral("a'b\\c")} << false << "x='$node'" << "x='a\\\\'b\\\\c'";
}

void TestDashboardVariables::writesSelectionsAsGrafanaDoes()
{
    QFETCH(bool, multi);
    QFETCH(bool, includeAll);
    QFETCH(QString, allValue);
    QFETCH(QStringList, values);
    QFETCH(bool, all);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    DashboardVariable node = variable(QStringLiteral("node"), multi, includeAll);
    node.allValue = allValue;
    VariableValues selected;
    selected.insert(QStringLiteral("node"), {values, all});
    QCOMPARE(interpolateVariables(text, {node}, selected), expected);
}

void TestDashboardVariables::leavesOtherDollarsAlone()
{
    const QList<DashboardVariable> vars{variable(QStringLiteral("node")), variable(QStringLiteral("port"))};
    VariableValues values;
    values.insert(QStringLiteral("node"), {{QStringLiteral("host1")}, false});
    values.insert(QStringLiteral("port"), {{QStringLiteral("9100")}, false});
    // $node:$port is two variables; $node_name is another name; Grafana's own stay for the dashboard.
    QCOMPARE(interpolateVariables(QStringLiteral("up{instance=~\"$node:$port\",n=\"$node_name\"}[$__rate_interval]"), vars, values),
             QStringLiteral("up{instance=~\"host1:9100\",n=\"$node_name\"}[$__rate_interval]"));
    // A value that holds a dollar is not replaced again.
    values.insert(QStringLiteral("node"), {{QStringLiteral("$port")}, false});
    QCOMPARE(interpolateVariables(QStringLiteral("$node"), vars, values), QStringLiteral("$port"));
    // Titles read as Grafana shows them.
    values.insert(QStringLiteral("node"), {{QStringLiteral("a"), QStringLiteral("b")}, false});
    QCOMPARE(interpolateVariablesAsText(QStringLiteral("CPU of $node"), vars, values), QStringLiteral("CPU of a + b"));
    values.insert(QStringLiteral("node"), {{QStringLiteral("a"), QStringLiteral("b")}, true});
    QCOMPARE(interpolateVariablesAsText(QStringLiteral("CPU of $node"), vars, values), QStringLiteral("CPU of All"));
    QCOMPARE(variablesReferencedBy(QStringLiteral("x{a=\"$port\",b=\"${node}\",c=\"$nope\"} + $port"), vars),
             (QStringList{QStringLiteral("port"), QStringLiteral("node")}));
}

void TestDashboardVariables::listsCustomOptions()
{
    QCOMPARE(customVariableOptions(QStringLiteral("1m, 5m,1h")), (QStringList{QStringLiteral("1m"), QStringLiteral("5m"), QStringLiteral("1h")}));
    QCOMPARE(customVariableOptions(QStringLiteral("a\\,b,c")), (QStringList{QStringLiteral("a,b"), QStringLiteral("c")}));
    QCOMPARE(customVariableOptions(QStringLiteral("Prod : prod-eu, Staging : stage")), (QStringList{QStringLiteral("prod-eu"), QStringLiteral("stage")}));
    // Node Exporter Full's disk pattern: one value, bars and all.
    QCOMPARE(customVariableOptions(QStringLiteral("[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+")),
             QStringList{QStringLiteral("[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+")});
}

void TestDashboardVariables::filtersAndExtractsWithRegex()
{
    const QStringList options{QStringLiteral("10.0.0.1:9100"), QStringLiteral("10.0.0.2:9100"), QStringLiteral("db:9187"), QStringLiteral("10.0.0.1:9100")};
    QCOMPARE(filterVariableOptions(options, QString()), (QStringList{QStringLiteral("10.0.0.1:9100"), QStringLiteral("10.0.0.2:9100"), QStringLiteral("db:9187")}));
    // A capture group is the value; duplicates go.
    QCOMPARE(filterVariableOptions(options, QStringLiteral("/^([^:]+):9100$/")), (QStringList{QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2")}));
    QCOMPARE(filterVariableOptions(options, QStringLiteral("/(?<text>.*):(?<value>\\d+)/")), (QStringList{QStringLiteral("9100"), QStringLiteral("9187")}));
    QCOMPARE(filterVariableOptions({QStringLiteral("DB"), QStringLiteral("web")}, QStringLiteral("/db/i")), QStringList{QStringLiteral("DB")});
    QString error;
    QCOMPARE(filterVariableOptions({QStringLiteral("a")}, QStringLiteral("/(/"), &error), QStringList{QStringLiteral("a")});
    QVERIFY(error.contains(QLatin1String("regex")));
}

void TestDashboardVariables::sortsOptions()
{
    using S = DashboardVariable::Sort;
    const QStringList hosts{QStringLiteral("node10"), QStringLiteral("Node2"), QStringLiteral("node1")};
    QCOMPARE(sortVariableOptions(hosts, S::None), hosts);
    QCOMPARE(sortVariableOptions(hosts, S::AlphaAsc), (QStringList{QStringLiteral("Node2"), QStringLiteral("node1"), QStringLiteral("node10")}));
    QCOMPARE(sortVariableOptions(hosts, S::AlphaCiAsc), (QStringList{QStringLiteral("node1"), QStringLiteral("node10"), QStringLiteral("Node2")}));
    QCOMPARE(sortVariableOptions(hosts, S::NumericAsc), (QStringList{QStringLiteral("node1"), QStringLiteral("Node2"), QStringLiteral("node10")}));
    QCOMPARE(sortVariableOptions(hosts, S::NumericDesc), (QStringList{QStringLiteral("node10"), QStringLiteral("Node2"), QStringLiteral("node1")}));
}

void TestDashboardVariables::formatsQueryResultsAsGrafana()
{
    // query_result: "name{l="v",...} value timestamp_ms", the text a variable's regex then reads.
    const Labels labels{{"__name__", "up"}, {"instance", "a:1"}, {"job", "node"}};
    QCOMPARE(variableValuesFromSeries({{labels, {1.0, 1700000000123}}}), QStringList{QStringLiteral("up{instance=\"a:1\",job=\"node\"} 1 1700000000123")});
    QCOMPARE(variableValuesFromSeriesSets({labels}), QStringList{QStringLiteral("up{instance=\"a:1\",job=\"node\"}")});
    VariableQuery metrics = parseVariableQuery(QStringLiteral("metrics(_bytes$)"));
    QCOMPARE(variableValuesFromNames(metrics, {QStringLiteral("node_memory_MemFree_bytes"), QStringLiteral("up")}),
             QStringList{QStringLiteral("node_memory_MemFree_bytes")});
}

void TestDashboardVariables::reducesSeries()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<SamplePoint> points{{1000, 4}, {2000, 2}, {3000, 10}, {4000, nan}};
    QCOMPARE(reduceValues(points, ValueReducer::LastNotNull), 10.0);
    QVERIFY(std::isnan(reduceValues(points, ValueReducer::Last)));
    QCOMPARE(reduceValues(points, ValueReducer::Mean), 16.0 / 3);
    QCOMPARE(reduceValues(points, ValueReducer::Max), 10.0);
    QCOMPARE(reduceValues(points, ValueReducer::Min), 2.0);
    QCOMPARE(reduceValues(points, ValueReducer::Range), 8.0);
    QCOMPARE(reduceValues(points, ValueReducer::Diff), 6.0);
    QCOMPARE(reduceValues(points, ValueReducer::Delta), 10.0);  // 4 -> 2 is a reset: 2 counted, then +8
    QVERIFY(std::isnan(reduceValues({}, ValueReducer::LastNotNull)));
    QCOMPARE(reducerFromName(QStringLiteral("lastNotNull")), std::optional<ValueReducer>(ValueReducer::LastNotNull));
    QCOMPARE(reducerFromName(QStringLiteral("current")), std::optional<ValueReducer>(ValueReducer::LastNotNull));
    QVERIFY(!reducerFromName(QStringLiteral("p95")));
}

namespace {

// A stand-in for Prometheus's label values API over a few node_uname_info series.
struct FakePrometheus {
    LocalHttpServer server;
    std::vector<std::pair<std::string, std::string>> series{{"node", "10.0.0.1:9100"}, {"node", "10.0.0.2:9100"}, {"edge", "10.9.0.1:9100"}};
    bool failing = false;

    FakePrometheus()
    {
        auto values = [this](Connection &c, const RecordedRequest &r, const std::string &label) {
            if (failing) {
                c.respond(503, "text/plain", "Service Unavailable");
                return;
            }
            const QUrlQuery query(QUrl(QString::fromStdString("http://x" + r.target)));
            const QString match = query.queryItemValue(QStringLiteral("match[]"), QUrl::FullyDecoded);
            std::string body = R"({"status":"success","data":[)";
            std::vector<std::string> seen;
            for (const auto &[job, instance] : series) {
                if (match.contains(QLatin1String("job=\"")) && !match.contains(QStringLiteral("job=\"%1\"").arg(QString::fromStdString(job))))
                    continue;
                const std::string &value = label == "job" ? job : instance;
                if (std::find(seen.begin(), seen.end(), value) != seen.end())
                    continue;
                body += (seen.empty() ? "\"" : ",\"") + value + "\"";
                seen.push_back(value);
            }
            c.respond(200, "application/json", body + "]}");
        };
        server.route("/api/v1/label/job/values", [values](Connection &c, const RecordedRequest &r) { values(c, r, "job"); });
        server.route("/api/v1/label/instance/values", [values](Connection &c, const RecordedRequest &r) { values(c, r, "instance"); });
    }
    QUrl url() { return QUrl(QString::fromStdString(server.url(""))); }
};

QList<DashboardVariable> nodeVariables()
{
    DashboardVariable job;
    job.name = QStringLiteral("job");
    job.query = QStringLiteral("label_values(node_uname_info, job)");
    job.sort = DashboardVariable::Sort::AlphaAsc;
    DashboardVariable node;
    node.name = QStringLiteral("node");
    node.label = QStringLiteral("Host");
    node.query = QStringLiteral("label_values(node_uname_info{job=\"$job\"}, instance)");
    return {job, node};
}

bool waitReady(VariableResolver &resolver)
{
    return QTest::qWaitFor([&] { return resolver.isReady(); }, 10000);
}

} // namespace

void TestDashboardVariables::resolvesChainedVariables()
{
    FakePrometheus prometheus;
    HttpClient http;
    PrometheusClient client(&http, prometheus.url());
    VariableResolver resolver(nodeVariables());
    resolver.setClient(&client);
    resolver.setTimeRange(1700000000000, 1700003600000);
    QSignalSpy changed(&resolver, &VariableResolver::valuesChanged);
    resolver.resolveAll();
    QVERIFY(!resolver.isReady());
    QVERIFY(waitReady(resolver));
    // Sorted, the first chosen, and the host list asked with that job.
    QCOMPARE(resolver.options(QStringLiteral("job")), (QStringList{QStringLiteral("edge"), QStringLiteral("node")}));
    QCOMPARE(resolver.selection(QStringLiteral("job")), QStringList{QStringLiteral("edge")});
    QCOMPARE(resolver.options(QStringLiteral("node")), QStringList{QStringLiteral("10.9.0.1:9100")});
    QVERIFY(changed.count() >= 1);

    // Choosing another job asks for its hosts again, and the host follows.
    resolver.select(QStringLiteral("job"), {QStringLiteral("node")});
    QVERIFY(waitReady(resolver));
    QCOMPARE(resolver.options(QStringLiteral("node")), (QStringList{QStringLiteral("10.0.0.1:9100"), QStringLiteral("10.0.0.2:9100")}));
    QCOMPARE(resolver.selection(QStringLiteral("node")), QStringList{QStringLiteral("10.0.0.1:9100")});
    QCOMPARE(interpolateVariables(QStringLiteral("up{job=\"$job\",instance=\"$node\"}"), resolver.variables(), resolver.values()),
             QStringLiteral("up{job=\"node\",instance=\"10.0.0.1:9100\"}"));
    // What was asked: label values narrowed by the chosen job, within a time range.
    const auto asked = prometheus.server.requests();
    QVERIFY(std::any_of(asked.begin(), asked.end(), [](const RecordedRequest &r) {
        return r.target.find("/api/v1/label/instance/values?match[]=node_uname_info%7Bjob%3D%22node%22%7D") == 0
            && r.target.find("&start=") != std::string::npos && r.target.find("&end=") != std::string::npos;
    }));
}

void TestDashboardVariables::saysWhyAVariableHasNoValues()
{
    FakePrometheus prometheus;
    prometheus.failing = true;
    HttpClient http;
    PrometheusClient client(&http, prometheus.url());
    VariableResolver resolver(nodeVariables());
    resolver.setClient(&client);
    resolver.resolveAll();
    QVERIFY(waitReady(resolver));
    QVERIFY(resolver.options(QStringLiteral("job")).isEmpty());
    QVERIFY2(!resolver.error(QStringLiteral("job")).isEmpty(), "a failed question must say why");

    // Without a Prometheus, the variable says that.
    VariableResolver alone(nodeVariables());
    alone.resolveAll();
    QVERIFY(alone.isReady());
    QVERIFY(alone.error(QStringLiteral("job")).contains(QLatin1String("no Prometheus")));
}

void TestDashboardVariables::keepsAllAndSavedSelections()
{
    FakePrometheus prometheus;
    HttpClient http;
    PrometheusClient client(&http, prometheus.url());
    QList<DashboardVariable> vars = nodeVariables();
    vars[0].current = {QStringLiteral("node")};  // saved with the dashboard
    vars[1].multi = true;
    vars[1].includeAll = true;
    VariableResolver resolver(vars);
    resolver.setClient(&client);
    resolver.resolveAll();
    QVERIFY(waitReady(resolver));
    QCOMPARE(resolver.selection(QStringLiteral("job")), QStringList{QStringLiteral("node")});
    // No saved host and "All" offered: All, as Grafana starts.
    QVERIFY(resolver.isAllSelected(QStringLiteral("node")));
    QCOMPARE(resolver.selection(QStringLiteral("node")).size(), 2);
    resolver.select(QStringLiteral("node"), {QStringLiteral("10.0.0.2:9100")});
    QVERIFY(!resolver.isAllSelected(QStringLiteral("node")));
    QCOMPARE(interpolateVariables(QStringLiteral("$node"), resolver.variables(), resolver.values()), QStringLiteral("10\\\\.0\\\\.0\\\\.2:9100"));

    // Constants, custom lists and intervals need no Prometheus; an interval's auto is the dashboard's step.
    DashboardVariable constant;
    constant.name = QStringLiteral("disks");
    constant.kind = DashboardVariable::Kind::Constant;
    constant.query = QStringLiteral("sd[a-z]+");
    DashboardVariable interval;
    interval.name = QStringLiteral("window");
    interval.kind = DashboardVariable::Kind::Interval;
    interval.query = QStringLiteral("auto,1m,5m");
    VariableResolver offline({constant, interval});
    offline.resolveAll();
    QVERIFY(offline.isReady());
    QCOMPARE(interpolateVariables(QStringLiteral("device=~\"$disks\"[$window]"), offline.variables(), offline.values()),
             QStringLiteral("device=~\"sd[a-z]+\"[$__interval]"));
    offline.select(QStringLiteral("window"), {QStringLiteral("5m")});
    QCOMPARE(interpolateVariables(QStringLiteral("[$window]"), offline.variables(), offline.values()), QStringLiteral("[5m]"));
}

QTEST_GUILESS_MAIN(TestDashboardVariables)
#include "tst_dashboard_variables.moc"
