#include "grafana_import.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

using json = nlohmann::json;

namespace opsdeck {

namespace {

QString qs(const json &v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

// Grafana units we can draw, mapped to ours.
QString unitOf(const QString &grafana)
{
    if (grafana == u"ms") return QStringLiteral("ms");
    if (grafana == u"s") return QStringLiteral("s");
    if (grafana == u"reqps" || grafana == u"ops" || grafana == u"rps") return QStringLiteral("req/s");
    if (grafana == u"percent") return QStringLiteral("%");
    if (grafana == u"bytes" || grafana == u"decbytes") return QStringLiteral("bytes");
    return {};
}

// Variable name -> value to substitute.
QHash<QString, QString> templateValues(const json &dashboard)
{
    QHash<QString, QString> values;
    if (!dashboard.contains("templating") || !dashboard["templating"].contains("list"))
        return values;
    for (const json &var : dashboard["templating"]["list"]) {
        const QString name = qs(var.value("name", json()));
        if (name.isEmpty())
            continue;
        QString value = QStringLiteral(".*");
        if (var.contains("current") && var["current"].is_object() && var["current"].contains("value")) {
            const json &v = var["current"]["value"];
            if (v.is_string())
                value = qs(v);
            else if (v.is_array() && v.size() == 1 && v[0].is_string())
                value = qs(v[0]);
            else if (v.is_array() && v.size() > 1) {
                QStringList parts;
                for (const json &item : v)
                    parts << qs(item);
                value = parts.join(u'|');
            }
        }
        if (value == u"$__all" || value == u"All")
            value = QStringLiteral(".*");
        values.insert(name, value);
    }
    return values;
}

QString substitute(QString expr, const QHash<QString, QString> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        expr.replace(QStringLiteral("${%1}").arg(it.key()), it.value());
        expr.replace(QRegularExpression(QStringLiteral("\\$%1\\b").arg(QRegularExpression::escape(it.key()))), it.value());
    }
    return expr;
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

} // namespace

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
    result.dashboard.title = qs(dashboard.value("title", json()));
    if (result.dashboard.title.isEmpty())
        result.dashboard.title = QStringLiteral("Imported dashboard");
    const auto variables = templateValues(dashboard);

    std::vector<const json *> panels;
    if (dashboard.contains("panels"))
        collectPanels(dashboard["panels"], panels);
    if (dashboard.contains("rows") && dashboard["rows"].is_array()) {  // the pre-5.0 layout
        for (const json &row : dashboard["rows"])
            collectPanels(row.value("panels", json::array()), panels);
    }

    for (const json *p : panels) {
        const QString type = qs(p->value("type", json()));
        const QString title = qs(p->value("title", json())).isEmpty() ? QStringLiteral("(untitled)")
                                                                        : qs(p->value("title", json()));
        if (type == u"row")
            continue;
        if (type != u"graph" && type != u"timeseries") {
            result.skipped << QStringLiteral("%1: %2 panels are not drawn by OpsDeck").arg(title, type);
            continue;
        }
        PanelSpec panel;
        panel.title = title;
        // timeseries: fieldConfig.defaults.unit; graph: yaxes[0].format
        if (p->contains("fieldConfig") && (*p)["fieldConfig"].contains("defaults")) {
            const json &defaults = (*p)["fieldConfig"]["defaults"];
            panel.unit = unitOf(qs(defaults.value("unit", json())));
            if (defaults.contains("thresholds") && defaults["thresholds"].contains("steps")) {
                for (const json &step : defaults["thresholds"]["steps"]) {
                    if (step.contains("value") && step["value"].is_number())
                        panel.thresholds.append({step["value"].get<double>(), QString()});
                }
            }
        } else if (p->contains("yaxes") && (*p)["yaxes"].is_array() && !(*p)["yaxes"].empty()) {
            panel.unit = unitOf(qs((*p)["yaxes"][0].value("format", json())));
        }
        QStringList notes;
        for (const json &target : p->value("targets", json::array())) {
            const QString expr = qs(target.value("expr", json()));
            if (expr.isEmpty()) {
                notes << QStringLiteral("a target without a Prometheus expression");
                continue;
            }
            if (target.value("hide", false))
                continue;
            PanelQuerySpec q;
            q.promql = substitute(expr, variables);
            q.legend = qs(target.value("legendFormat", json()));
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
