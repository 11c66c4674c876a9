#include "dashboard_spec.h"

#include <QCoreApplication>
#include <QRegularExpression>

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

} // namespace opsdeck
