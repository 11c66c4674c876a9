#include "prometheus/variable_resolver.h"

#include <QLocale>

#include <algorithm>

namespace opsdeck {

namespace {

const QString allMarker = QStringLiteral("$__all");

} // namespace

VariableResolver::VariableResolver(QList<DashboardVariable> variables, QObject *parent)
    : QObject(parent), m_variables(std::move(variables))
{
    m_states.resize(m_variables.size());
    for (int i = 0; i < m_variables.size(); ++i) {
        const DashboardVariable &v = m_variables[i];
        State &s = m_states[i];
        if (v.current.contains(allMarker) || v.current.contains(QStringLiteral("All"))) {
            s.all = v.includeAll;
            s.chosen = v.includeAll;
        } else if (!v.current.isEmpty()) {
            s.selected = v.current;
            s.chosen = true;
        }
    }
    m_retry.setSingleShot(true);
    m_retry.setInterval(retryMs);
    // A variable that failed, or found nothing yet (a Prometheus that has just
    // started), is asked again after a while; the variables after it follow.
    connect(&m_retry, &QTimer::timeout, this, [this] {
        QList<int> again;
        for (int i = 0; i < m_states.size(); ++i) {
            if (needsAnotherTry(i) && !again.contains(i)) {
                again << i;
                again << dependentsOf(i);
            }
        }
        resolveFrom(again);
    });
}

void VariableResolver::setClient(PrometheusClient *client)
{
    if (m_connection)
        disconnect(m_connection);
    m_client = client;
    m_pendingId = 0;
    if (client)
        m_connection = connect(client, &PrometheusClient::finished, this, &VariableResolver::onAnswer);
}

void VariableResolver::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;
}

void VariableResolver::resolveAll()
{
    QList<int> all;
    for (int i = 0; i < m_variables.size(); ++i)
        all << i;
    resolveFrom(all);
}

int VariableResolver::indexOf(const QString &name) const
{
    for (int i = 0; i < m_variables.size(); ++i) {
        if (m_variables[i].name == name)
            return i;
    }
    return -1;
}

QList<int> VariableResolver::dependentsOf(int index) const
{
    QStringList changed{m_variables[index].name};
    QList<int> out;
    for (int i = index + 1; i < m_variables.size(); ++i) {
        if (m_variables[i].kind != DashboardVariable::Kind::Query)
            continue;
        const QStringList uses = variablesReferencedBy(m_variables[i].query, m_variables);
        if (std::any_of(uses.cbegin(), uses.cend(), [&](const QString &u) { return changed.contains(u); })) {
            out << i;
            changed << m_variables[i].name;
        }
    }
    return out;
}

void VariableResolver::resolveFrom(QList<int> queue)
{
    // A question already under way for one of these is superseded.
    if (m_pendingIndex >= 0 && queue.contains(m_pendingIndex)) {
        m_pendingId = 0;
        m_pendingIndex = -1;
    } else if (m_pendingIndex >= 0) {
        queue.prepend(m_pendingIndex);  // still waited for: it goes first again when its answer comes
        m_pendingId = 0;
        m_pendingIndex = -1;
    }
    for (int i : std::as_const(m_queue)) {
        if (!queue.contains(i))
            queue << i;
    }
    std::sort(queue.begin(), queue.end());
    queue.erase(std::unique(queue.begin(), queue.end()), queue.end());
    m_queue = queue;
    for (int i : std::as_const(m_queue)) {
        m_states[i].resolving = true;
        Q_EMIT optionsChanged(m_variables[i].name);
    }
    resolveNext();
}

void VariableResolver::resolveNext()
{
    while (!m_queue.isEmpty()) {
        const int index = m_queue.takeFirst();
        const DashboardVariable &v = m_variables[index];
        switch (v.kind) {
        case DashboardVariable::Kind::Custom:
        case DashboardVariable::Kind::Interval:
            setOptions(index, customVariableOptions(v.query), {});
            continue;
        case DashboardVariable::Kind::Constant:
        case DashboardVariable::Kind::Textbox:
            setOptions(index, {v.current.value(0, v.query)}, {});
            continue;
        case DashboardVariable::Kind::Query:
            break;
        }
        if (!m_client) {
            setOptions(index, {}, tr("no Prometheus in this profile to ask"));
            continue;
        }
        // Earlier variables are known by now: the query is written with their selection.
        const VariableQuery q = parseVariableQuery(interpolateVariables(v.query, m_variables, values()));
        const QStringList selector = q.match.isEmpty() ? QStringList() : QStringList{q.match};
        switch (q.kind) {
        case VariableQuery::Kind::Invalid:
            setOptions(index, {}, tr("empty query"));
            continue;
        case VariableQuery::Kind::LabelNames:
            m_pendingId = m_client->labels(selector, m_fromMs, m_toMs);
            break;
        case VariableQuery::Kind::LabelValues:
            m_pendingId = m_client->labelValues(q.label, selector, m_fromMs, m_toMs);
            break;
        case VariableQuery::Kind::Metrics:
            m_pendingId = m_client->labelValues(QStringLiteral("__name__"), {}, m_fromMs, m_toMs);
            break;
        case VariableQuery::Kind::QueryResult:
            m_pendingId = m_client->query(q.match, m_toMs > 0 ? std::optional<qint64>(m_toMs) : std::nullopt);
            break;
        case VariableQuery::Kind::Series:
            m_pendingId = m_client->series(selector, m_fromMs, m_toMs);
            break;
        }
        m_pendingIndex = index;
        return;  // one question at a time: the next may depend on this answer
    }
}

void VariableResolver::onAnswer(quint64 id, const PromApiResult &result)
{
    if (id != m_pendingId || m_pendingIndex < 0)
        return;
    const int index = m_pendingIndex;
    m_pendingId = 0;
    m_pendingIndex = -1;
    if (!result.ok) {
        setOptions(index, {}, result.error.isEmpty() ? result.errorType : result.error);
    } else {
        const VariableQuery q = parseVariableQuery(interpolateVariables(m_variables[index].query, m_variables, values()));
        QStringList found;
        if (q.kind == VariableQuery::Kind::QueryResult) {
            if (result.resultType == u"string") {
                found << result.stringValue;
            } else {
                std::vector<std::pair<Labels, std::pair<double, qint64>>> samples;
                for (const PromSeries &s : result.series) {
                    if (!s.points.empty())
                        samples.push_back({s.metric, {s.points.back().value, s.points.back().timestampMs}});
                }
                found = variableValuesFromSeries(samples);
                if (result.resultType == u"scalar" && !samples.empty())
                    found = {QString::number(samples.front().second.first, 'g', QLocale::FloatingPointShortest)};
            }
        } else if (q.kind == VariableQuery::Kind::Series) {
            found = variableValuesFromSeriesSets(result.seriesSets);
        } else {
            found = variableValuesFromNames(q, result.names);
        }
        setOptions(index, found, {});
    }
    resolveNext();
}

void VariableResolver::setOptions(int index, QStringList options, const QString &error)
{
    const DashboardVariable &v = m_variables[index];
    State &s = m_states[index];
    QString regexError;
    options = sortVariableOptions(filterVariableOptions(options, v.regex, &regexError), v.sort);
    s.options = options;
    s.error = !error.isEmpty() ? error : regexError;
    s.resolving = false;
    const QStringList before = selection(v.name);
    const bool allBefore = s.all;
    chooseSelection(index);
    if (needsAnotherTry(index) && !m_retry.isActive())
        m_retry.start();
    Q_EMIT optionsChanged(v.name);
    // Queries wait until every variable is known, so becoming ready is news too.
    if (selection(v.name) != before || s.all != allBefore || isReady())
        Q_EMIT valuesChanged();
}

void VariableResolver::chooseSelection(int index)
{
    const DashboardVariable &v = m_variables[index];
    State &s = m_states[index];
    if (v.kind == DashboardVariable::Kind::Constant || v.kind == DashboardVariable::Kind::Textbox) {
        s.selected = s.options;
        return;
    }
    if (s.all && v.includeAll)
        return;
    QStringList kept;
    for (const QString &value : std::as_const(s.selected)) {
        if (s.options.contains(value))
            kept << value;
    }
    if (!kept.isEmpty()) {
        s.selected = kept;
        return;
    }
    if (s.chosen && s.options.isEmpty())
        return;  // keep the saved choice while the options are unknown (an error, say)
    // Grafana's default: "All" when offered, otherwise the first option.
    s.all = v.includeAll && !s.chosen;
    s.selected = s.all || s.options.isEmpty() ? QStringList() : QStringList{s.options.first()};
}

bool VariableResolver::needsAnotherTry(int index) const
{
    const State &s = m_states[index];
    return !s.resolving && (!s.error.isEmpty() || (s.options.isEmpty() && m_variables[index].kind == DashboardVariable::Kind::Query));
}

const VariableResolver::State *VariableResolver::stateOf(const QString &name) const
{
    const int i = indexOf(name);
    return i < 0 ? nullptr : &m_states[i];
}

QStringList VariableResolver::options(const QString &name) const
{
    const State *s = stateOf(name);
    return s ? s->options : QStringList();
}

bool VariableResolver::isAllSelected(const QString &name) const
{
    const State *s = stateOf(name);
    return s && s->all;
}

QStringList VariableResolver::selection(const QString &name) const
{
    const State *s = stateOf(name);
    return !s ? QStringList() : s->all ? s->options : s->selected;
}

QString VariableResolver::error(const QString &name) const
{
    const State *s = stateOf(name);
    return s ? s->error : QString();
}

bool VariableResolver::isResolving(const QString &name) const
{
    const State *s = stateOf(name);
    return s && s->resolving;
}

bool VariableResolver::isReady() const
{
    return std::none_of(m_states.cbegin(), m_states.cend(), [](const State &s) { return s.resolving; });
}

VariableValues VariableResolver::values() const
{
    VariableValues out;
    for (int i = 0; i < m_variables.size(); ++i) {
        const State &s = m_states[i];
        const DashboardVariable &v = m_variables[i];
        VariableValue value{s.all ? s.options : s.selected, s.all};
        // An interval's "auto" is the dashboard's own step, filled in per query.
        if (v.kind == DashboardVariable::Kind::Interval && value.values == QStringList{QStringLiteral("auto")})
            value.values = {QStringLiteral("$__interval")};
        out.insert(v.name, value);
    }
    return out;
}

void VariableResolver::select(const QString &name, const QStringList &values)
{
    const int i = indexOf(name);
    if (i < 0)
        return;
    State &s = m_states[i];
    if (!s.all && s.selected == values)
        return;
    s.all = false;
    s.chosen = true;
    s.selected = m_variables[i].multi ? values : values.mid(0, 1);
    Q_EMIT optionsChanged(name);
    Q_EMIT valuesChanged();
    resolveFrom(dependentsOf(i));
}

void VariableResolver::selectAll(const QString &name)
{
    const int i = indexOf(name);
    if (i < 0 || !m_variables[i].includeAll || m_states[i].all)
        return;
    m_states[i].all = true;
    m_states[i].chosen = true;
    Q_EMIT optionsChanged(name);
    Q_EMIT valuesChanged();
    resolveFrom(dependentsOf(i));
}

} // namespace opsdeck
