#include "dashboards/grafana_import.h"

#include <QHash>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

using json = nlohmann::json;

namespace opsdeck {

namespace {

QString qs(const json &v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

QString stringField(const json &object, const char *key)
{
    return object.is_object() && object.contains(key) ? qs(object[key]) : QString();
}

std::optional<double> numberField(const json &object, const char *key)
{
    if (!object.is_object() || !object.contains(key))
        return std::nullopt;
    const json &v = object[key];
    if (v.is_number())
        return v.get<double>();
    if (v.is_string()) {  // singlestat kept some numbers as text
        bool ok = false;
        const double d = qs(v).toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

const json &objectField(const json &object, const char *key)
{
    static const json empty = json::object();
    return object.is_object() && object.contains(key) && object[key].is_object() ? object[key] : empty;
}

// A Grafana unit as ours, and the factor its values take on the way
// ("percentunit" is 0..1, drawn as %).
struct Unit {
    QString name;
    double scale = 1;
};

Unit unitOf(const QString &grafana)
{
    if (grafana == u"ms" || grafana == u"dtdurationms") return {QStringLiteral("ms")};
    if (grafana == u"s" || grafana == u"dtdurations") return {QStringLiteral("s")};
    if (grafana == u"µs" || grafana == u"us") return {QStringLiteral("ms"), 0.001};
    if (grafana == u"reqps" || grafana == u"ops" || grafana == u"rps" || grafana == u"wps" || grafana == u"iops")
        return {QStringLiteral("req/s")};
    if (grafana == u"percent") return {QStringLiteral("%")};
    if (grafana == u"percentunit") return {QStringLiteral("%"), 100};
    if (grafana == u"bytes" || grafana == u"decbytes") return {QStringLiteral("bytes")};
    if (grafana == u"kbytes" || grafana == u"deckbytes") return {QStringLiteral("bytes"), 1024};
    return {};
}

DashboardVariable::Sort sortOf(int grafana)
{
    using S = DashboardVariable::Sort;
    static const S sorts[] = {S::None, S::AlphaAsc, S::AlphaDesc, S::NumericAsc, S::NumericDesc, S::AlphaCiAsc, S::AlphaCiDesc, S::NaturalAsc, S::NaturalDesc};
    return grafana >= 0 && grafana < int(std::size(sorts)) ? sorts[grafana] : S::None;
}

// A query variable's query: a string, or (Grafana 9+) an object holding one,
// or the query builder's fields.
QString variableQueryText(const json &var)
{
    if (!var.contains("query"))
        return stringField(var, "definition");
    const json &query = var["query"];
    if (query.is_string())
        return qs(query);
    if (!query.is_object())
        return stringField(var, "definition");
    if (!stringField(query, "query").isEmpty())
        return stringField(query, "query");
    const int type = query.value("qryType", -1);
    const QString label = stringField(query, "label");
    const QString metric = stringField(query, "metric");
    QStringList filters;
    if (query.contains("labelFilters") && query["labelFilters"].is_array()) {
        for (const json &f : query["labelFilters"])
            filters << QStringLiteral("%1%2\"%3\"").arg(stringField(f, "label"), stringField(f, "op"), stringField(f, "value"));
    }
    const QString selector = filters.isEmpty() ? metric : metric + u'{' + filters.join(u',') + u'}';
    switch (type) {
    case 0: return QStringLiteral("label_names()");
    case 1: return selector.isEmpty() ? QStringLiteral("label_values(%1)").arg(label) : QStringLiteral("label_values(%1, %2)").arg(selector, label);
    case 2: return QStringLiteral("metrics(%1)").arg(metric);
    default: break;
    }
    return stringField(var, "definition");
}

QStringList currentValues(const json &var)
{
    const json &current = objectField(var, "current");
    if (!current.contains("value"))
        return {};
    const json &v = current["value"];
    if (v.is_string())
        return {qs(v)};
    QStringList values;
    if (v.is_array()) {
        for (const json &item : v)
            values << qs(item);
    }
    return values;
}

// Variable name -> how to find its options and what was selected.
QList<DashboardVariable> variablesOf(const json &dashboard, QStringList &notes)
{
    QList<DashboardVariable> out;
    const json &templating = objectField(dashboard, "templating");
    if (!templating.contains("list") || !templating["list"].is_array())
        return out;
    for (const json &var : templating["list"]) {
        DashboardVariable v;
        v.name = stringField(var, "name");
        if (v.name.isEmpty())
            continue;
        const QString type = stringField(var, "type");
        if (type == u"datasource")
            continue;  // the profile's Prometheus is the data source
        if (type == u"query") {
            v.kind = DashboardVariable::Kind::Query;
            v.query = variableQueryText(var);
        } else if (type == u"custom" || type == u"interval") {
            v.kind = type == u"custom" ? DashboardVariable::Kind::Custom : DashboardVariable::Kind::Interval;
            v.query = qs(var.value("query", json()));
            if (type == u"interval" && var.value("auto", false))
                v.query = QStringLiteral("auto,") + v.query;
        } else if (type == u"constant" || type == u"textbox") {
            v.kind = type == u"constant" ? DashboardVariable::Kind::Constant : DashboardVariable::Kind::Textbox;
            v.query = qs(var.value("query", json()));
        } else {
            notes << QStringLiteral("$%1: %2 variables are not supported; it stays as written").arg(v.name, type);
            continue;
        }
        v.label = stringField(var, "label");
        v.regex = stringField(var, "regex");
        v.sort = sortOf(var.value("sort", 0));
        v.multi = var.value("multi", false);
        v.includeAll = var.value("includeAll", false);
        v.allValue = stringField(var, "allValue");
        v.hidden = var.value("hide", 0) == 2 || v.kind == DashboardVariable::Kind::Constant;
        v.current = currentValues(var);
        out << v;
    }
    return out;
}

void collectPanels(const json &panels, std::vector<const json *> &out)
{
    if (!panels.is_array())
        return;
    for (const json &p : panels) {
        out.push_back(&p);
        if (p.contains("panels"))  // a collapsed row keeps its panels inside
            collectPanels(p["panels"], out);
    }
}

std::optional<PanelKind> kindOf(const json &panel)
{
    const QString type = stringField(panel, "type");
    if (type == u"graph" || type == u"timeseries") return PanelKind::TimeSeries;
    if (type == u"stat") return PanelKind::Stat;
    if (type == u"gauge") return PanelKind::Gauge;
    if (type == u"bargauge") return PanelKind::BarGauge;
    if (type == u"singlestat")  // Grafana before 7: a stat, or a gauge when it said so
        return objectField(panel, "gauge").value("show", false) ? PanelKind::Gauge : PanelKind::Stat;
    return std::nullopt;
}

// fieldConfig.defaults (Grafana 7+): unit, decimals, min, max, thresholds.
void readFieldDefaults(const json &panel, PanelSpec &spec, Unit &unit)
{
    const json &defaults = objectField(objectField(panel, "fieldConfig"), "defaults");
    unit = unitOf(stringField(defaults, "unit"));
    spec.unit = unit.name;
    if (const auto d = numberField(defaults, "decimals"))
        spec.tile.decimals = int(*d);
    if (const auto v = numberField(defaults, "min"))
        spec.tile.min = *v * unit.scale;
    if (const auto v = numberField(defaults, "max"))
        spec.tile.max = *v * unit.scale;
    const json &thresholds = objectField(defaults, "thresholds");
    // A timeseries draws threshold lines only when told to (thresholdsStyle); tiles always colour by them.
    const QString style = stringField(objectField(objectField(defaults, "custom"), "thresholdsStyle"), "mode");
    const bool drawn = spec.kind != PanelKind::TimeSeries || (!style.isEmpty() && style != u"off");
    if (!thresholds.contains("steps") || !thresholds["steps"].is_array() || !drawn)
        return;
    if (stringField(thresholds, "mode") == u"percentage")
        return;  // relative to min..max: not kept
    for (const json &step : thresholds["steps"]) {
        const QString color = grafanaColor(stringField(step, "color"));
        if (const auto v = numberField(step, "value"))
            spec.thresholds.append({*v * unit.scale, QString(), color});
        else
            spec.tile.baseColor = color;  // the base step has no value
    }
}

// Grafana before 7 (graph, singlestat): format, decimals, thresholds "80,90" with colours.
void readLegacyOptions(const json &panel, PanelSpec &spec, Unit &unit)
{
    if (panel.contains("yaxes") && panel["yaxes"].is_array() && !panel["yaxes"].empty())
        unit = unitOf(stringField(panel["yaxes"][0], "format"));
    else
        unit = unitOf(stringField(panel, "format"));
    spec.unit = unit.name;
    if (spec.kind == PanelKind::TimeSeries)
        return;
    if (const auto d = numberField(panel, "decimals"))
        spec.tile.decimals = int(*d);
    const json &gauge = objectField(panel, "gauge");
    if (const auto v = numberField(gauge, "minValue"))
        spec.tile.min = *v * unit.scale;
    if (const auto v = numberField(gauge, "maxValue"))
        spec.tile.max = *v * unit.scale;
    QStringList colors;
    if (panel.contains("colors") && panel["colors"].is_array()) {
        for (const json &c : panel["colors"])
            colors << grafanaColor(qs(c));
    }
    spec.tile.baseColor = colors.value(0);
    const QStringList values = stringField(panel, "thresholds").split(u',', Qt::SkipEmptyParts);
    for (int i = 0; i < values.size(); ++i) {
        bool ok = false;
        const double v = values[i].trimmed().toDouble(&ok);
        if (ok)
            spec.thresholds.append({v * unit.scale, QString(), colors.value(i + 1)});
    }
    const json &sparkline = objectField(panel, "sparkline");
    spec.tile.sparkline = sparkline.value("show", false);
    if (const auto reducer = reducerFromName(stringField(panel, "valueName")))
        spec.tile.reducer = *reducer;
}

// options (Grafana 7+): the reducer, and whether a stat draws its series.
void readTileOptions(const json &panel, PanelSpec &spec)
{
    const json &options = objectField(panel, "options");
    const json &reduce = objectField(options, "reduceOptions");
    if (reduce.contains("calcs") && reduce["calcs"].is_array() && !reduce["calcs"].empty()) {
        if (const auto reducer = reducerFromName(qs(reduce["calcs"][0])))
            spec.tile.reducer = *reducer;
    }
    if (options.contains("graphMode"))
        spec.tile.sparkline = stringField(options, "graphMode") != u"none";
    else if (spec.kind == PanelKind::Stat && options.contains("reduceOptions"))
        spec.tile.sparkline = true;  // Grafana's default graphMode is "area"
}

} // namespace

QString grafanaColor(const QString &color)
{
    // Grafana's named palette (the visualization colours of its theme).
    static const QHash<QString, QString> named{
        {QStringLiteral("green"), QStringLiteral("#73bf69")},        {QStringLiteral("dark-green"), QStringLiteral("#37872d")},
        {QStringLiteral("semi-dark-green"), QStringLiteral("#56a64b")}, {QStringLiteral("light-green"), QStringLiteral("#96d98d")},
        {QStringLiteral("super-light-green"), QStringLiteral("#c8f2c2")}, {QStringLiteral("yellow"), QStringLiteral("#fade2a")},
        {QStringLiteral("dark-yellow"), QStringLiteral("#e0b400")},  {QStringLiteral("semi-dark-yellow"), QStringLiteral("#f2cc0c")},
        {QStringLiteral("light-yellow"), QStringLiteral("#ffee52")}, {QStringLiteral("super-light-yellow"), QStringLiteral("#fff899")},
        {QStringLiteral("red"), QStringLiteral("#f2495c")},          {QStringLiteral("dark-red"), QStringLiteral("#c4162a")},
        {QStringLiteral("semi-dark-red"), QStringLiteral("#e02f44")}, {QStringLiteral("light-red"), QStringLiteral("#ff7383")},
        {QStringLiteral("super-light-red"), QStringLiteral("#ffa6b0")}, {QStringLiteral("blue"), QStringLiteral("#5794f2")},
        {QStringLiteral("dark-blue"), QStringLiteral("#1f60c4")},    {QStringLiteral("semi-dark-blue"), QStringLiteral("#3274d9")},
        {QStringLiteral("light-blue"), QStringLiteral("#8ab8ff")},   {QStringLiteral("super-light-blue"), QStringLiteral("#c0d8ff")},
        {QStringLiteral("orange"), QStringLiteral("#ff9830")},       {QStringLiteral("dark-orange"), QStringLiteral("#fa6400")},
        {QStringLiteral("semi-dark-orange"), QStringLiteral("#ff780a")}, {QStringLiteral("light-orange"), QStringLiteral("#ffb357")},
        {QStringLiteral("super-light-orange"), QStringLiteral("#ffcb7d")}, {QStringLiteral("purple"), QStringLiteral("#b877d9")},
        {QStringLiteral("dark-purple"), QStringLiteral("#8f3bb8")},  {QStringLiteral("semi-dark-purple"), QStringLiteral("#a352cc")},
        {QStringLiteral("light-purple"), QStringLiteral("#ca95e5")}, {QStringLiteral("super-light-purple"), QStringLiteral("#deb6f2")},
    };
    const QString c = color.trimmed().toLower();
    if (const auto it = named.constFind(c); it != named.constEnd())
        return *it;
    static const QRegularExpression hex(QStringLiteral("^#([0-9a-f]{6}|[0-9a-f]{3})$"));
    if (hex.match(c).hasMatch())
        return c;
    static const QRegularExpression rgb(QStringLiteral("^rgba?\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,\\s*[\\d.]+\\s*)?\\)$"));
    if (const auto m = rgb.match(c); m.hasMatch()) {
        auto channel = [&](int i) { return QStringLiteral("%1").arg(std::min(255, m.captured(i).toInt()), 2, 16, QLatin1Char('0')); };
        return u'#' + channel(1) + channel(2) + channel(3);
    }
    return {};
}

GrafanaImport importGrafanaDashboard(const QByteArray &text)
{
    GrafanaImport result;
    const json root = json::parse(text.constBegin(), text.constEnd(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        result.error = QStringLiteral("not a JSON object");
        return result;
    }
    const json &dashboard = root.contains("dashboard") && root["dashboard"].is_object() ? root["dashboard"] : root;
    if (!dashboard.contains("panels") && !dashboard.contains("rows")) {
        result.error = QStringLiteral("no panels: is this a Grafana dashboard export?");
        return result;
    }
    result.dashboard.title = stringField(dashboard, "title");
    if (result.dashboard.title.isEmpty())
        result.dashboard.title = QStringLiteral("Imported dashboard");
    result.dashboard.variables = variablesOf(dashboard, result.skipped);

    std::vector<const json *> panels;
    if (dashboard.contains("panels"))
        collectPanels(dashboard["panels"], panels);
    if (dashboard.contains("rows") && dashboard["rows"].is_array()) {  // the pre-5.0 layout
        for (const json &row : dashboard["rows"]) {
            // By reference: the panels are kept as pointers (json::value() would hand out a copy).
            if (row.is_object() && row.contains("panels"))
                collectPanels(row["panels"], panels);
        }
    }

    for (const json *p : panels) {
        const QString type = stringField(*p, "type");
        const QString title = stringField(*p, "title").isEmpty() ? QStringLiteral("(untitled)") : stringField(*p, "title");
        if (type == u"row")
            continue;
        const std::optional<PanelKind> kind = kindOf(*p);
        if (!kind) {
            result.skipped << QStringLiteral("%1: %2 panels are not drawn by OpsDeck").arg(title, type);
            continue;
        }
        PanelSpec panel;
        panel.title = title;
        panel.kind = *kind;
        Unit unit;
        if (p->contains("fieldConfig"))
            readFieldDefaults(*p, panel, unit);
        else
            readLegacyOptions(*p, panel, unit);
        if (panel.kind != PanelKind::TimeSeries && p->contains("options"))
            readTileOptions(*p, panel);
        QStringList notes;
        for (const json &target : p->value("targets", json::array())) {
            const QString expr = stringField(target, "expr");
            if (expr.isEmpty()) {
                notes << QStringLiteral("a target without a Prometheus expression");
                continue;
            }
            if (target.value("hide", false))
                continue;
            PanelQuerySpec q;
            q.promql = unit.scale == 1 ? expr : QStringLiteral("(%1) * %2").arg(expr).arg(unit.scale);
            q.legend = stringField(target, "legendFormat");
            if (q.legend == u"__auto")  // Grafana 9's "Auto": the series' own labels
                q.legend.clear();
            panel.queries.append(q);
        }
        if (panel.queries.isEmpty()) {
            result.skipped << QStringLiteral("%1: no Prometheus query to draw%2")
                                  .arg(title, notes.isEmpty() ? QString() : QStringLiteral(" (") + notes.join(u", ") + u')');
            continue;
        }
        if (!notes.isEmpty())
            result.skipped << QStringLiteral("%1: partly imported: %2").arg(title, notes.join(u", "));
        result.dashboard.panels.append(panel);
    }
    return result;
}

QString expandGrafanaIntervals(QString promql, qint64 rateWindowMs, qint64 stepMs, qint64 rangeMs)
{
    auto seconds = [](qint64 ms) { return QStringLiteral("%1s").arg(std::max<qint64>(1, ms / 1000)); };
    promql.replace(QStringLiteral("$__rate_interval"), seconds(rateWindowMs));
    promql.replace(QStringLiteral("${__rate_interval}"), seconds(rateWindowMs));
    promql.replace(QStringLiteral("$__interval"), seconds(stepMs));
    promql.replace(QStringLiteral("${__interval}"), seconds(stepMs));
    promql.replace(QStringLiteral("$__range"), seconds(rangeMs));
    return promql;
}

} // namespace opsdeck
