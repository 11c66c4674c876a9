#include "metrics/local_query.h"

#include "metrics/promql_functions.h"

#include <QStringList>

#include <cmath>
#include <map>

namespace opsdeck {

namespace {

using GroupKey = std::vector<std::string>;

std::string labelValue(const Labels &labels, const std::string &name)
{
    for (const auto &[k, v] : labels) {
        if (k == name)
            return v;
    }
    return {};
}

GroupKey groupKey(const Labels &labels, const std::vector<std::string> &by)
{
    GroupKey key;
    key.reserve(by.size());
    for (const std::string &name : by)
        key.push_back(labelValue(labels, name));
    return key;
}

Labels labelsOf(const GroupKey &key, const std::vector<std::string> &by)
{
    Labels labels;
    for (std::size_t i = 0; i < by.size(); ++i) {
        if (!key[i].empty())
            labels.emplace_back(by[i], key[i]);
    }
    return labels;
}

std::vector<SeriesStore::SeriesId> selectSeries(const SeriesStore &store, const std::string &metric,
                                                const std::vector<LabelMatcher> &matchers)
{
    return store.select(metric, [&matchers](const Labels &labels) {
        for (const LabelMatcher &m : matchers) {
            if (!m.matches(labels))
                return false;
        }
        return true;
    });
}

// The value of one series at each step: a rate over the window, or the last
// sample within the lookback. steps[i] is NaN where there is none.
std::vector<double> perStep(const std::vector<SamplePoint> &points, std::int64_t startMs, std::int64_t stepMs,
                            std::size_t steps, std::int64_t windowMs, bool asRate)
{
    std::vector<double> out(steps, std::nan(""));
    std::size_t lo = 0, hi = 0;
    for (std::size_t i = 0; i < steps; ++i) {
        const std::int64_t t = startMs + std::int64_t(i) * stepMs;
        const std::int64_t from = t - (asRate ? windowMs : gaugeLookbackMs);
        while (hi < points.size() && points[hi].timestampMs <= t)
            ++hi;
        // Rates take [t - w, t]; the gauge lookback (t - 5m, t].
        while (lo < hi && (asRate ? points[lo].timestampMs < from : points[lo].timestampMs <= from))
            ++lo;
        if (lo >= hi)
            continue;
        if (asRate) {
            if (auto r = promql::rate(std::span(points).subspan(lo, hi - lo), from, t))
                out[i] = *r;
        } else {
            out[i] = points[hi - 1].value;
        }
    }
    return out;
}

using Grouped = std::map<GroupKey, std::vector<double>>;  // group -> sum per step (NaN: none)

void addInto(std::vector<double> &sum, const std::vector<double> &values)
{
    for (std::size_t i = 0; i < sum.size(); ++i) {
        if (std::isnan(values[i]))
            continue;
        sum[i] = std::isnan(sum[i]) ? values[i] : sum[i] + values[i];
    }
}

Grouped sumBy(const SeriesStore &store, const std::string &metric, const std::vector<LabelMatcher> &matchers,
              const std::vector<std::string> &by, std::int64_t startMs, std::int64_t endMs, std::int64_t stepMs,
              std::size_t steps, std::int64_t windowMs, bool asRate)
{
    Grouped groups;
    const std::int64_t readFrom = startMs - (asRate ? windowMs : gaugeLookbackMs);
    for (const auto id : selectSeries(store, metric, matchers)) {
        const Labels labels = store.labels(id);
        const auto values = perStep(store.read(id, readFrom, endMs), startMs, stepMs, steps, windowMs, asRate);
        auto [it, inserted] = groups.try_emplace(groupKey(labels, by), std::vector<double>(steps, std::nan("")));
        addInto(it->second, values);
    }
    return groups;
}

std::vector<EvaluatedSeries> toSeries(const Grouped &groups, const std::vector<std::string> &by, std::int64_t startMs,
                                      std::int64_t stepMs, double scale)
{
    std::vector<EvaluatedSeries> out;
    for (const auto &[key, values] : groups) {
        EvaluatedSeries s;
        s.labels = labelsOf(key, by);
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!std::isnan(values[i]))
                s.points.push_back({startMs + std::int64_t(i) * stepMs, values[i] * scale});
        }
        if (!s.points.empty())  // a group with no value in the range has nothing to draw
            out.push_back(std::move(s));
    }
    return out;
}

} // namespace

std::vector<EvaluatedSeries> evaluateRange(const SeriesStore &store, const LocalQuery &q, std::int64_t startMs,
                                           std::int64_t endMs, std::int64_t stepMs)
{
    if (stepMs <= 0 || endMs < startMs)
        return {};
    const std::size_t steps = std::size_t((endMs - startMs) / stepMs) + 1;

    switch (q.kind) {
    case LocalQuery::Kind::Gauge:
        return toSeries(sumBy(store, q.metric, q.matchers, q.by, startMs, endMs, stepMs, steps, 0, false), q.by,
                        startMs, stepMs, q.scale);
    case LocalQuery::Kind::Rate:
        return toSeries(sumBy(store, q.metric, q.matchers, q.by, startMs, endMs, stepMs, steps, q.windowMs, true),
                        q.by, startMs, stepMs, q.scale);
    case LocalQuery::Kind::Ratio: {
        auto numeratorMatchers = q.matchers;
        numeratorMatchers.insert(numeratorMatchers.end(), q.numerator.begin(), q.numerator.end());
        const Grouped total = sumBy(store, q.metric, q.matchers, q.by, startMs, endMs, stepMs, steps, q.windowMs, true);
        const Grouped part = sumBy(store, q.metric, numeratorMatchers, q.by, startMs, endMs, stepMs, steps,
                                   q.windowMs, true);
        Grouped ratio;
        for (const auto &[key, denominators] : total) {
            std::vector<double> values(steps, std::nan(""));
            const auto p = part.find(key);
            for (std::size_t i = 0; i < steps; ++i) {
                if (std::isnan(denominators[i]) || denominators[i] <= 0)
                    continue;
                const double numerator = p == part.end() || std::isnan(p->second[i]) ? 0.0 : p->second[i];
                values[i] = numerator / denominators[i];
            }
            ratio.emplace(key, std::move(values));
        }
        return toSeries(ratio, q.by, startMs, stepMs, q.scale);
    }
    case LocalQuery::Kind::Quantile: {
        std::vector<std::string> byWithLe = q.by;
        byWithLe.push_back("le");
        const Grouped buckets = sumBy(store, q.metric + "_bucket", q.matchers, byWithLe, startMs, endMs, stepMs, steps,
                                      q.windowMs, true);
        // Regroup: the "by" part of the key -> (le, rates per step).
        std::map<GroupKey, std::vector<std::pair<double, const std::vector<double> *>>> groups;
        for (const auto &[key, values] : buckets) {
            GroupKey outer(key.begin(), key.end() - 1);
            const std::string &le = key.back();
            double bound;
            if (le == "+Inf")
                bound = INFINITY;
            else {
                char *end = nullptr;
                bound = std::strtod(le.c_str(), &end);
                if (le.empty() || *end != '\0')
                    continue;
            }
            groups[outer].emplace_back(bound, &values);
        }
        Grouped quantiles;
        for (const auto &[key, bucketList] : groups) {
            std::vector<double> values(steps, std::nan(""));
            std::vector<promql::Bucket> b;
            for (std::size_t i = 0; i < steps; ++i) {
                b.clear();
                for (const auto &[bound, rates] : bucketList) {
                    if (!std::isnan((*rates)[i]))
                        b.push_back({bound, (*rates)[i]});
                }
                if (b.size() >= 2)
                    values[i] = promql::bucketQuantile(q.quantile, b);
            }
            quantiles.emplace(key, std::move(values));
        }
        return toSeries(quantiles, q.by, startMs, stepMs, q.scale);
    }
    }
    return {};
}

namespace {

QString promqlSelector(const std::string &metric, const std::vector<LabelMatcher> &matchers)
{
    QStringList parts;
    for (const LabelMatcher &m : matchers) {
        const char *op = m.op == LabelMatcher::Op::Equal ? "=" : m.op == LabelMatcher::Op::NotEqual ? "!=" : m.op == LabelMatcher::Op::Regex ? "=~" : "!~";
        QString value = QString::fromStdString(m.value);
        value.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")).replace(u'\n', QStringLiteral("\\n"));
        parts << QStringLiteral("%1%2\"%3\"").arg(QString::fromStdString(m.name), QLatin1String(op), value);
    }
    return QString::fromStdString(metric) + u'{' + parts.join(u',') + u'}';
}

QString byClause(const std::vector<std::string> &by)
{
    QStringList names;
    for (const std::string &b : by)
        names << QString::fromStdString(b);
    return QStringLiteral("by (%1)").arg(names.join(QStringLiteral(", ")));
}

} // namespace

QString toPromQL(const LocalQuery &q)
{
    const QString window = QStringLiteral("[%1ms]").arg(q.windowMs);
    const QString by = byClause(q.by);
    QString expr;
    switch (q.kind) {
    case LocalQuery::Kind::Gauge:
        expr = QStringLiteral("sum %1 (%2)").arg(by, promqlSelector(q.metric, q.matchers));
        break;
    case LocalQuery::Kind::Rate:
        expr = QStringLiteral("sum %1 (rate(%2%3))").arg(by, promqlSelector(q.metric, q.matchers), window);
        break;
    case LocalQuery::Kind::Ratio: {
        std::vector<LabelMatcher> numerator = q.matchers;
        numerator.insert(numerator.end(), q.numerator.begin(), q.numerator.end());
        const QString total = QStringLiteral("sum %1 (rate(%2%3))").arg(by, promqlSelector(q.metric, q.matchers), window);
        const QString part = QStringLiteral("sum %1 (rate(%2%3))").arg(by, promqlSelector(q.metric, numerator), window);
        expr = QStringLiteral("(%1 or %2 * 0) / %2").arg(part, total);
        break;
    }
    case LocalQuery::Kind::Quantile: {
        std::vector<std::string> withLe = q.by;
        withLe.push_back("le");
        expr = QStringLiteral("histogram_quantile(%1, sum %2 (rate(%3%4)))")
                   .arg(q.quantile)
                   .arg(byClause(withLe), promqlSelector(q.metric + "_bucket", q.matchers), window);
        break;
    }
    }
    return q.scale == 1 ? expr : QStringLiteral("(%1) * %2").arg(expr).arg(q.scale, 0, 'g', 17);
}

} // namespace opsdeck
