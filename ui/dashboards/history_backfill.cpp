#include "dashboards/history_backfill.h"

#include "config/config.h"

#include <QDateTime>

#include <algorithm>
#include <climits>

namespace opsdeck {

namespace {

bool hasServiceMatcher(const LocalQuery &q, QString *service)
{
    for (const LabelMatcher &m : q.matchers) {
        if (m.name == "service" && m.op == LabelMatcher::Op::Equal) {
            *service = QString::fromStdString(m.value);
            return true;
        }
    }
    return false;
}

// The labels of a result in the order of the query's "by", as the local evaluation gives them.
Labels byLabels(const Labels &metric, const std::vector<std::string> &by)
{
    Labels out;
    for (const std::string &name : by) {
        for (const auto &[k, v] : metric) {
            if (k == name && !v.empty())
                out.emplace_back(k, v);
        }
    }
    return out;
}

} // namespace

HistoryBackfill::HistoryBackfill(QObject *parent)
    : QObject(parent)
{
}

void HistoryBackfill::setClient(PrometheusClient *client)
{
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    m_client = client;
    m_targets.clear();
    m_targetsKnown = false;
    m_targetsRequest = 0;
    if (client)
        connect(client, &PrometheusClient::finished, this, &HistoryBackfill::onAnswer);
    reset();
}

void HistoryBackfill::reset()
{
    m_pending.clear();
    m_fetched.clear();
    m_coveredFromMs = m_coveredToMs = m_askedAtMs = 0;
}

QString HistoryBackfill::promqlFor(const LocalQuery &query, const QList<ServiceConfig> &services, const QHash<QString, Labels> &targets)
{
    QString only;
    const bool oneService = hasServiceMatcher(query, &only);
    const bool byService = std::find(query.by.begin(), query.by.end(), "service") != query.by.end();
    // A sum over every service cannot be rebuilt from per-target queries: left to the local store.
    if (!oneService && !byService)
        return {};
    QStringList parts;
    for (const ServiceConfig &s : services) {
        if ((oneService && s.name != only) || !targets.contains(s.name))
            continue;
        LocalQuery q = query;
        q.matchers.erase(std::remove_if(q.matchers.begin(), q.matchers.end(), [](const LabelMatcher &m) { return m.name == "service"; }),
                         q.matchers.end());
        for (const auto &[name, value] : targets.value(s.name)) {
            if (name != "job" && name != "instance")
                continue;
            QString error;
            if (auto m = makeMatcher(name, LabelMatcher::Op::Equal, value, &error))
                q.matchers.push_back(*m);
        }
        const QString expr = toPromQL(q);
        parts << (byService ? QStringLiteral("label_replace(%1, \"service\", \"%2\", \"\", \"\")").arg(expr, s.name) : expr);
    }
    return parts.join(QStringLiteral(" or "));
}

void HistoryBackfill::request(const QList<PanelSpec> &panels, const QList<ServiceConfig> &services, qint64 fromMs, qint64 toMs,
                              qint64 stepMs, qint64 windowMs, qint64 localStartMs)
{
    if (!m_client || !m_pending.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool rangeCovered = m_coveredFromMs != 0 && fromMs >= m_coveredFromMs;
    // Until the local lines begin, what they have not got yet is asked again now and then.
    const bool joined = localStartMs != LLONG_MAX && m_coveredToMs >= localStartMs - stepMs;
    if (rangeCovered && (joined || now - m_askedAtMs < 10000))
        return;
    m_panels = panels;
    m_services = services;
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_stepMs = stepMs;
    m_windowMs = windowMs;
    m_askedAtMs = now;
    if (!m_targetsKnown) {
        if (!m_targetsRequest && now - m_targetsFailedAtMs > 30000)
            m_targetsRequest = m_client->targets();
        return;
    }
    send();
}

void HistoryBackfill::send()
{
    if (m_targets.isEmpty())
        return;
    for (int pi = 0; pi < m_panels.size(); ++pi) {
        for (int qi = 0; qi < m_panels[pi].queries.size(); ++qi) {
            const PanelQuerySpec &spec = m_panels[pi].queries[qi];
            if (!spec.promql.isEmpty())
                continue;
            LocalQuery q = spec.query;
            q.windowMs = m_windowMs;
            const QString promql = promqlFor(q, m_services, m_targets);
            if (promql.isEmpty())
                continue;
            const qint64 start = m_fromMs - m_fromMs % m_stepMs;  // the local evaluation's steps
            m_pending.insert(m_client->queryRange(promql, start, m_toMs, m_stepMs / 1000), {pi, qi});
        }
    }
    if (!m_pending.isEmpty()) {
        m_coveredFromMs = m_fromMs;
        m_coveredToMs = m_toMs;
    }
}

void HistoryBackfill::onAnswer(quint64 id, const PromApiResult &result)
{
    if (id == m_targetsRequest) {
        m_targetsRequest = 0;
        m_targetsKnown = result.ok;
        if (!result.ok)
            m_targetsFailedAtMs = QDateTime::currentMSecsSinceEpoch();
        for (const PromTarget &t : result.targets) {
            for (const ServiceConfig &s : std::as_const(m_services)) {
                if (QUrl(t.scrapeUrl) == s.metricsUrl)
                    m_targets.insert(s.name, t.labels);
            }
        }
        if (m_targetsKnown)
            send();
        return;
    }
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending where = it.value();
    m_pending.erase(it);
    if (!result.ok || where.panel >= m_panels.size())
        return;
    const LocalQuery &q = m_panels[where.panel].queries[where.query].query;
    for (const PromSeries &s : result.series) {
        const Labels labels = byLabels(s.metric, q.by);
        m_fetched.insert(QString::number(where.panel) + u'/' + lineKeyOf(where.query, labels), {where.query, labels, s.points});
    }
    if (m_pending.isEmpty())
        Q_EMIT arrived();
}

void HistoryBackfill::merge(int panel, const PanelSpec &spec, std::vector<TimeSeriesChart::Line> &lines, qint64 fromMs, qint64 stepMs) const
{
    if (m_fetched.isEmpty())
        return;
    const QString prefix = QString::number(panel) + u'/';
    QSet<QString> present;
    for (TimeSeriesChart::Line &line : lines) {
        present.insert(line.key);
        const auto it = m_fetched.constFind(prefix + line.key);
        if (it == m_fetched.constEnd())
            continue;
        // Prometheus's points before OpsDeck's first, on the same step grid.
        const qint64 until = line.points.empty() ? LLONG_MAX : line.points.front().timestampMs - stepMs / 2;
        std::vector<SamplePoint> joined;
        for (const SamplePoint &p : it->points) {
            if (p.timestampMs >= fromMs && p.timestampMs < until)
                joined.push_back(p);
        }
        if (joined.empty())
            continue;
        joined.insert(joined.end(), line.points.begin(), line.points.end());
        line.points = std::move(joined);
    }
    // Lines the local store has not seen yet (a service not answering us, but scraped by Prometheus).
    for (auto it = m_fetched.constBegin(); it != m_fetched.constEnd(); ++it) {
        if (!it.key().startsWith(prefix) || present.contains(it.key().mid(prefix.size())) || it->query >= spec.queries.size())
            continue;
        std::vector<SamplePoint> points;
        for (const SamplePoint &p : it->points) {
            if (p.timestampMs >= fromMs)
                points.push_back(p);
        }
        lines.push_back({it.key().mid(prefix.size()), legendFor(spec.queries[it->query].legend, it->labels), std::move(points), {}});
    }
}

} // namespace opsdeck
