// The Alerts panel's model work on 10,000 alerts: filtering with matchers and
// words, sorting, regrouping, and merging a poll. Target: each under 50 ms.

#include "alert_filter.h"
#include "alert_model.h"

#include <benchmark/benchmark.h>

#include <random>

using namespace opsdeck;

namespace {

// 10,000 alerts as a large estate has them: 60 alert names, 400 services,
// 3 severities, 5 teams, a summary each, spread over a day.
std::vector<Alert> estate(int count, unsigned seed)
{
    std::mt19937 random(seed);
    static const char *severities[] = {"critical", "warning", "info"};
    static const char *teams[] = {"ops", "db", "payments", "search", "edge"};
    std::vector<Alert> out;
    out.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        Alert a;
        a.source = QStringLiteral("main");
        const std::string name = "Alert" + std::to_string(random() % 60);
        const std::string service = "svc-" + std::to_string(random() % 400);
        a.labels = {{"alertname", name},
                    {"instance", "10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ":9100"},
                    {"service", service},
                    {"severity", severities[random() % 3]},
                    {"team", teams[random() % 5]}};
        a.annotations = {{"summary", name + " on " + service + ": value " + std::to_string(random() % 1000)}};
        a.groupLabels = {{"alertname", name}, {"service", service}};
        a.fingerprint = fingerprintOf(a.labels);
        a.startsAtMs = 1'700'000'000'000LL + qint64(random() % 86'400'000);
        out.push_back(std::move(a));
    }
    return out;
}

// Every visible alert row: what an expanded tree shows, so every filter decision is made.
int visibleAlerts(const QAbstractItemModel &model)
{
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex group = model.index(r, 0);
        const int children = model.rowCount(group);
        n += children > 0 ? children : 1;
    }
    return n;
}

AlertSnapshot snapshotOf(std::vector<Alert> alerts)
{
    AlertSnapshot s;
    s.source = QStringLiteral("main");
    s.ok = true;
    s.alerts = std::move(alerts);
    return s;
}

} // namespace

void BM_Alerts10kFilter(benchmark::State &state)
{
    AlertModel model;
    model.applySnapshot(snapshotOf(estate(10000, 1)));
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    const QString filters[] = {QStringLiteral(R"(severity="critical", team=~"ops|db")"), QStringLiteral("svc-12"), QString()};
    int i = 0;
    for (auto _ : state) {
        proxy.setFilterText(filters[i++ % 3]);
        benchmark::DoNotOptimize(visibleAlerts(proxy));
    }
}
BENCHMARK(BM_Alerts10kFilter)->Unit(benchmark::kMillisecond);

void BM_Alerts10kSort(benchmark::State &state)
{
    AlertModel model;
    model.setGroupBy(AlertModel::GroupBy::None);
    model.applySnapshot(snapshotOf(estate(10000, 2)));
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    const int columns[] = {AlertModel::SinceColumn, AlertModel::SeverityColumn, AlertModel::TargetColumn};
    int i = 0;
    for (auto _ : state) {
        proxy.sort(columns[i % 3], i % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
        ++i;
        benchmark::DoNotOptimize(visibleAlerts(proxy));
    }
}
BENCHMARK(BM_Alerts10kSort)->Unit(benchmark::kMillisecond);

void BM_Alerts10kRegroup(benchmark::State &state)
{
    AlertModel model;
    model.applySnapshot(snapshotOf(estate(10000, 3)));
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(AlertModel::SeverityColumn, Qt::DescendingOrder);
    const AlertModel::GroupBy modes[] = {AlertModel::GroupBy::Service, AlertModel::GroupBy::Severity,
                                         AlertModel::GroupBy::AlertmanagerGroup, AlertModel::GroupBy::AlertName};
    int i = 0;
    for (auto _ : state) {
        model.setGroupBy(modes[i++ % 4]);
        benchmark::DoNotOptimize(visibleAlerts(proxy));
    }
}
BENCHMARK(BM_Alerts10kRegroup)->Unit(benchmark::kMillisecond);

// All three at once, through the proxy the panel uses, as an operator does it.
void BM_Alerts10kFilterSortRegroup(benchmark::State &state)
{
    AlertModel model;
    model.applySnapshot(snapshotOf(estate(10000, 4)));
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    const AlertModel::GroupBy modes[] = {AlertModel::GroupBy::Service, AlertModel::GroupBy::AlertName};
    int i = 0;
    for (auto _ : state) {
        proxy.setFilterText(i % 2 ? QStringLiteral(R"(severity=~"critical|warning")") : QStringLiteral("svc-1"));
        proxy.sort(i % 2 ? AlertModel::SinceColumn : AlertModel::SeverityColumn, Qt::DescendingOrder);
        model.setGroupBy(modes[i % 2]);
        ++i;
        benchmark::DoNotOptimize(visibleAlerts(proxy));
    }
}
BENCHMARK(BM_Alerts10kFilterSortRegroup)->Unit(benchmark::kMillisecond);

// A poll of 10,000 alerts in which 1 % changed, 50 resolved and 50 are new,
// merged into a sorted, filtered view.
void BM_Alerts10kMergePoll(benchmark::State &state)
{
    std::vector<Alert> base = estate(10100, 5);
    AlertModel model;
    AlertFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(AlertModel::SeverityColumn, Qt::DescendingOrder);
    proxy.setFilterText(QStringLiteral(R"(team!="edge")"));
    std::vector<Alert> even(base.begin(), base.begin() + 10000);
    std::vector<Alert> odd(base.begin() + 50, base.end());
    for (std::size_t i = 0; i < odd.size(); i += 100)
        odd[i].state = AlertState::Silenced;
    model.applySnapshot(snapshotOf(even));
    int i = 0;
    for (auto _ : state) {
        model.applySnapshot(snapshotOf(i++ % 2 ? even : odd));
        benchmark::DoNotOptimize(visibleAlerts(proxy));
    }
}
BENCHMARK(BM_Alerts10kMergePoll)->Unit(benchmark::kMillisecond);
