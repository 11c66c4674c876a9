#include "dashboards/dashboard_spec.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace opsdeck {

namespace {

LabelMatcher serviceMatcher(const QString &service)
{
    QString error;
    return *makeMatcher("service", LabelMatcher::Op::Equal, service.toStdString(), &error);
}

LocalQuery query(LocalQuery::Kind kind, const char *metric, const QString &service)
{
    LocalQuery q;
    q.kind = kind;
    q.metric = metric;
    q.matchers = {serviceMatcher(service)};
    return q;
}

} // namespace

QList<PanelSpec> defaultServiceDashboard(const QString &service)
{
    QList<PanelSpec> panels;

    PanelSpec latency{QCoreApplication::translate("Dashboards", "Latency"), QStringLiteral("ms"), {}, {{100, QCoreApplication::translate("Dashboards", "p95 target 100 ms")}}};
    for (const auto &[q, name] : {std::pair{0.5, "p50"}, std::pair{0.95, "p95"}, std::pair{0.99, "p99"}}) {
        LocalQuery l = query(LocalQuery::Kind::Quantile, "http_request_duration_seconds", service);
        l.quantile = q;
        l.scale = 1000;
        latency.queries.append({QString::fromLatin1(name), l});
    }
    panels << latency;

    LocalQuery byStatus = query(LocalQuery::Kind::Rate, "http_requests_total", service);
    byStatus.by = {"status"};
    panels << PanelSpec{QCoreApplication::translate("Dashboards", "Requests by status"), QStringLiteral("req/s"), {{QStringLiteral("{{status}}"), byStatus}}, {}};

    LocalQuery errors = query(LocalQuery::Kind::Ratio, "http_requests_total", service);
    QString error;
    errors.numerator = {*makeMatcher("status", LabelMatcher::Op::Regex, "5..", &error)};
    errors.scale = 100;
    panels << PanelSpec{QCoreApplication::translate("Dashboards", "Error ratio (5xx)"), QStringLiteral("%"), {{QCoreApplication::translate("Dashboards", "errors"), errors}},
                        {{5, QCoreApplication::translate("Dashboards", "HighErrorRate 5 %")}}};

    LocalQuery byEndpoint = query(LocalQuery::Kind::Rate, "http_requests_total", service);
    byEndpoint.by = {"method", "endpoint"};
    panels << PanelSpec{QCoreApplication::translate("Dashboards", "Requests by endpoint"), QStringLiteral("req/s"),
                        {{QStringLiteral("{{method}} {{endpoint}}"), byEndpoint}}, {}};

    LocalQuery cpu = query(LocalQuery::Kind::Rate, "process_cpu_seconds_total", service);
    cpu.scale = 100;
    panels << PanelSpec{QCoreApplication::translate("Dashboards", "CPU (% of one core)"), QStringLiteral("%"), {{QCoreApplication::translate("Dashboards", "cpu"), cpu}}, {}};

    LocalQuery memory = query(LocalQuery::Kind::Gauge, "process_resident_memory_bytes", service);
    panels << PanelSpec{QCoreApplication::translate("Dashboards", "Resident memory"), QStringLiteral("bytes"), {{QCoreApplication::translate("Dashboards", "resident"), memory}}, {}};
    return panels;
}

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dashboards", text);
}

bool has(const std::vector<std::pair<std::string, std::size_t>> &families, std::string_view name)
{
    return std::any_of(families.begin(), families.end(), [name](const auto &f) { return f.first == name; });
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

PanelQuerySpec by(const QString &legend, LocalQuery::Kind kind, const char *metric, const QString &service,
                  std::vector<std::string> labels = {})
{
    LocalQuery q = query(kind, metric, service);
    q.by = std::move(labels);
    return {legend, q};
}

QList<PanelSpec> hostDashboard(const QString &service)
{
    using K = LocalQuery::Kind;
    QList<PanelSpec> panels;
    LocalQuery busy = query(K::Ratio, "node_cpu_seconds_total", service);
    QString error;
    busy.numerator = {*makeMatcher("mode", LabelMatcher::Op::NotEqual, "idle", &error)};
    busy.scale = 100;
    panels << PanelSpec{tr("CPU busy"), QStringLiteral("%"), {{tr("busy"), busy}}, {}};
    panels << PanelSpec{tr("Load average"), QString(),
                        {by(QStringLiteral("1 min"), K::Gauge, "node_load1", service), by(QStringLiteral("5 min"), K::Gauge, "node_load5", service),
                         by(QStringLiteral("15 min"), K::Gauge, "node_load15", service)}, {}};
    panels << PanelSpec{tr("Memory"), QStringLiteral("bytes"),
                        {by(tr("total"), K::Gauge, "node_memory_MemTotal_bytes", service),
                         by(tr("available"), K::Gauge, "node_memory_MemAvailable_bytes", service)}, {}};
    panels << PanelSpec{tr("Network (bytes/s)"), QStringLiteral("bytes"),
                        {by(QStringLiteral("rx {{device}}"), K::Rate, "node_network_receive_bytes_total", service, {"device"}),
                         by(QStringLiteral("tx {{device}}"), K::Rate, "node_network_transmit_bytes_total", service, {"device"})}, {}};
    panels << PanelSpec{tr("Disk I/O (bytes/s)"), QStringLiteral("bytes"),
                        {by(QStringLiteral("read {{device}}"), K::Rate, "node_disk_read_bytes_total", service, {"device"}),
                         by(QStringLiteral("write {{device}}"), K::Rate, "node_disk_written_bytes_total", service, {"device"})}, {}};
    panels << PanelSpec{tr("Filesystem space available"), QStringLiteral("bytes"),
                        {by(QStringLiteral("{{mountpoint}}"), K::Gauge, "node_filesystem_avail_bytes", service, {"mountpoint"})}, {}};
    return panels;
}

QList<PanelSpec> postgresDashboard(const QString &service)
{
    using K = LocalQuery::Kind;
    QList<PanelSpec> panels;
    panels << PanelSpec{tr("Connections by database"), QString(),
                        {by(QStringLiteral("{{datname}}"), K::Gauge, "pg_stat_database_numbackends", service, {"datname"})}, {}};
    panels << PanelSpec{tr("Transactions by database"), QStringLiteral("req/s"),
                        {by(QStringLiteral("commit {{datname}}"), K::Rate, "pg_stat_database_xact_commit", service, {"datname"}),
                         by(QStringLiteral("rollback {{datname}}"), K::Rate, "pg_stat_database_xact_rollback", service, {"datname"})}, {}};
    panels << PanelSpec{tr("Rows"), QStringLiteral("req/s"),
                        {by(tr("fetched"), K::Rate, "pg_stat_database_tup_fetched", service),
                         by(tr("inserted"), K::Rate, "pg_stat_database_tup_inserted", service),
                         by(tr("updated"), K::Rate, "pg_stat_database_tup_updated", service),
                         by(tr("deleted"), K::Rate, "pg_stat_database_tup_deleted", service)}, {}};
    panels << PanelSpec{tr("Database size"), QStringLiteral("bytes"),
                        {by(QStringLiteral("{{datname}}"), K::Gauge, "pg_database_size_bytes", service, {"datname"})}, {}};
    panels << PanelSpec{tr("Deadlocks and conflicts"), QStringLiteral("req/s"),
                        {by(tr("deadlocks"), K::Rate, "pg_stat_database_deadlocks", service),
                         by(tr("conflicts"), K::Rate, "pg_stat_database_conflicts", service)}, {}};
    panels << PanelSpec{tr("Exporter sees the server"), QString(), {by(QStringLiteral("pg_up"), K::Gauge, "pg_up", service)}, {}};
    return panels;
}

// Neither an HTTP service nor a known exporter: a chart for each of its six
// busiest families (most series), a rate for counters, a p95 for histograms.
QList<PanelSpec> busiestFamiliesDashboard(const QString &service, std::vector<std::pair<std::string, std::size_t>> families)
{
    using K = LocalQuery::Kind;
    std::map<std::string, std::size_t> merged;  // a histogram's _bucket, _sum and _count are one family
    for (const auto &[name, count] : families) {
        if (name == "up" || name == "scrape_duration_seconds" || endsWith(name, "_created"))
            continue;
        std::string base = name;
        for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
            if (endsWith(name, suffix) && has(families, name.substr(0, name.size() - suffix.size()) + "_bucket"))
                base = name.substr(0, name.size() - suffix.size()) + "_bucket";
        }
        merged[base] += count;
    }
    std::vector<std::pair<std::string, std::size_t>> ranked(merged.begin(), merged.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    QList<PanelSpec> panels;
    for (const auto &[name, count] : ranked) {
        if (panels.size() == 6)
            break;
        const QString title = QString::fromStdString(name);
        if (endsWith(name, "_bucket")) {
            const std::string base = name.substr(0, name.size() - 7);
            LocalQuery q = query(K::Quantile, base.c_str(), service);
            panels << PanelSpec{QString::fromStdString(base), QString(), {{QStringLiteral("p95"), q}}, {}};
        } else if (endsWith(name, "_total") || endsWith(name, "_count") || endsWith(name, "_sum")) {
            panels << PanelSpec{tr("%1 (per second)").arg(title), QString(), {by(QStringLiteral("rate"), K::Rate, name.c_str(), service)}, {}};
        } else {
            panels << PanelSpec{title, QString(), {by(QStringLiteral("sum"), K::Gauge, name.c_str(), service)}, {}};
        }
    }
    return panels;
}

} // namespace

TargetKind classifyTarget(const std::vector<std::pair<std::string, std::size_t>> &families)
{
    if (has(families, "http_request_duration_seconds_bucket") || has(families, "http_requests_total"))
        return TargetKind::HttpService;
    if (has(families, "node_cpu_seconds_total") || has(families, "node_memory_MemAvailable_bytes"))
        return TargetKind::Host;
    if (has(families, "pg_up") || has(families, "pg_stat_database_numbackends"))
        return TargetKind::Postgres;
    const bool onlyOurs = std::all_of(families.begin(), families.end(), [](const auto &f) {
        return f.first == "up" || f.first == "scrape_duration_seconds";
    });
    return onlyOurs ? TargetKind::Unknown : TargetKind::Other;
}

QList<PanelSpec> defaultDashboardFor(const QString &service, const std::vector<std::pair<std::string, std::size_t>> &families)
{
    switch (classifyTarget(families)) {
    case TargetKind::HttpService: return defaultServiceDashboard(service);
    case TargetKind::Host: return hostDashboard(service);
    case TargetKind::Postgres: return postgresDashboard(service);
    case TargetKind::Other: return busiestFamiliesDashboard(service, families);
    case TargetKind::Unknown: break;
    }
    return {};
}

QString lineKeyOf(int query, const Labels &labels)
{
    QString key = QString::number(query);
    for (const auto &[k, v] : labels)
        key += u'\x1f' + QString::fromStdString(k) + u'=' + QString::fromStdString(v);
    return key;
}

QString legendFor(const QString &legendTemplate, const Labels &labels)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{\\s*(\\w+)\\s*\\}\\}"));
    QString out = legendTemplate;
    auto it = placeholder.globalMatch(legendTemplate);
    while (it.hasNext()) {
        const auto m = it.next();
        QString value;
        for (const auto &[k, v] : labels) {
            if (QString::fromStdString(k) == m.captured(1))
                value = QString::fromStdString(v);
        }
        out.replace(m.captured(0), value);
    }
    out = out.trimmed();
    if (!out.isEmpty())
        return out;
    QStringList parts;
    for (const auto &[k, v] : labels)
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(k), QString::fromStdString(v));
    return parts.join(u',');
}

std::optional<ValueReducer> reducerFromName(const QString &name)
{
    static const QHash<QString, ValueReducer> names{
        {QStringLiteral("lastNotNull"), ValueReducer::LastNotNull}, {QStringLiteral("last"), ValueReducer::Last},
        {QStringLiteral("current"), ValueReducer::LastNotNull},  // Grafana before 7: singlestat's valueName
        {QStringLiteral("firstNotNull"), ValueReducer::FirstNotNull}, {QStringLiteral("first"), ValueReducer::First},
        {QStringLiteral("mean"), ValueReducer::Mean}, {QStringLiteral("avg"), ValueReducer::Mean},
        {QStringLiteral("min"), ValueReducer::Min}, {QStringLiteral("max"), ValueReducer::Max},
        {QStringLiteral("sum"), ValueReducer::Sum}, {QStringLiteral("total"), ValueReducer::Sum},
        {QStringLiteral("count"), ValueReducer::Count}, {QStringLiteral("delta"), ValueReducer::Delta},
        {QStringLiteral("range"), ValueReducer::Range}, {QStringLiteral("diff"), ValueReducer::Diff},
    };
    const auto it = names.constFind(name);
    return it == names.constEnd() ? std::nullopt : std::optional<ValueReducer>(*it);
}

double reduceValues(const std::vector<SamplePoint> &points, ValueReducer reducer)
{
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> values;  // the non-NaN values, in order
    values.reserve(points.size());
    for (const SamplePoint &p : points) {
        if (!std::isnan(p.value))
            values.push_back(p.value);
    }
    switch (reducer) {
    case ValueReducer::Last: return points.empty() ? none : points.back().value;
    case ValueReducer::First: return points.empty() ? none : points.front().value;
    case ValueReducer::Count: return double(points.size());
    default: break;
    }
    if (values.empty())
        return none;
    switch (reducer) {
    case ValueReducer::LastNotNull: return values.back();
    case ValueReducer::FirstNotNull: return values.front();
    case ValueReducer::Min: return *std::min_element(values.begin(), values.end());
    case ValueReducer::Max: return *std::max_element(values.begin(), values.end());
    case ValueReducer::Range: return *std::max_element(values.begin(), values.end()) - *std::min_element(values.begin(), values.end());
    case ValueReducer::Diff: return values.back() - values.front();
    case ValueReducer::Sum:
    case ValueReducer::Mean: {
        double sum = 0;
        for (double v : values)
            sum += v;
        return reducer == ValueReducer::Sum ? sum : sum / double(values.size());
    }
    case ValueReducer::Delta: {
        // Growth of a counter, across resets (Grafana's "delta").
        double delta = 0;
        for (std::size_t i = 1; i < values.size(); ++i)
            delta += values[i] >= values[i - 1] ? values[i] - values[i - 1] : values[i];
        return delta;
    }
    default: break;
    }
    return none;
}

} // namespace opsdeck
