#include "config/config.h"

#include "config/json_locator.h"
#include "dashboards/grafana_import.h"

#include <QRegularExpression>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

#include <functional>

using json = nlohmann::json;

namespace opsdeck {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// Reads one JSON object field by field, remembering which keys were consumed so
// that the rest can be reported as unknown. Every message carries the JSON path.
class ObjectReader
{
public:
    ObjectReader(const json &object, QString path, ConfigLoadResult &result, const QString &file)
        : m_object(object), m_path(std::move(path)), m_result(result), m_file(file)
    {
    }

    ~ObjectReader()
    {
        if (!m_object.is_object())
            return;
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            const QString key = qs(it.key());
            if (!m_known.contains(key))
                m_result.warnings << QStringLiteral("%1: %2: unknown key, ignored")
                                         .arg(m_file, fieldPath(key));
        }
    }

    QString fieldPath(const QString &key) const
    {
        return m_path.isEmpty() ? key : m_path + u'.' + key;
    }

    void warning(const QString &key, const QString &text)
    {
        m_result.warnings << QStringLiteral("%1: %2: %3").arg(m_file, fieldPath(key), text);
    }

    void error(const QString &key, const QString &reason)
    {
        m_result.errors << QStringLiteral("%1: %2: %3").arg(m_file, fieldPath(key), reason);
    }

    const json *find(const char *key)
    {
        m_known.insert(QString::fromLatin1(key));
        if (!m_object.is_object())
            return nullptr;
        auto it = m_object.find(key);
        return it == m_object.end() || it->is_null() ? nullptr : &*it;
    }

    QString string(const char *key, bool required, const QString &fallback = {})
    {
        const json *v = find(key);
        if (!v) {
            if (required)
                error(QString::fromLatin1(key), QStringLiteral("required, missing"));
            return fallback;
        }
        if (!v->is_string()) {
            error(QString::fromLatin1(key), QStringLiteral("must be a string"));
            return fallback;
        }
        const QString value = qs(v->get<std::string>());
        if (required && value.trimmed().isEmpty())
            error(QString::fromLatin1(key), QStringLiteral("must not be empty"));
        return value;
    }

    bool boolean(const char *key, bool fallback)
    {
        const json *v = find(key);
        if (!v)
            return fallback;
        if (!v->is_boolean()) {
            error(QString::fromLatin1(key), QStringLiteral("must be true or false"));
            return fallback;
        }
        return v->get<bool>();
    }

    int integer(const char *key, int fallback, int min, int max)
    {
        const json *v = find(key);
        if (!v)
            return fallback;
        if (!v->is_number_integer()) {
            error(QString::fromLatin1(key), QStringLiteral("must be a whole number"));
            return fallback;
        }
        const auto value = v->get<long long>();
        if (value < min || value > max) {
            error(QString::fromLatin1(key),
                  QStringLiteral("must be between %1 and %2, not %3").arg(min).arg(max).arg(value));
            return fallback;
        }
        return static_cast<int>(value);
    }

    QUrl url(const char *key, bool required)
    {
        const QString text = string(key, required);
        if (text.isEmpty())
            return {};
        return checkUrl(QString::fromLatin1(key), text);
    }

    QUrl checkUrl(const QString &key, const QString &text)
    {
        const QUrl u(text, QUrl::StrictMode);
        if (!u.isValid() || u.host().isEmpty()) {
            error(key, QStringLiteral("not a valid URL: \"%1\"").arg(text));
            return {};
        }
        const QString scheme = u.scheme().toLower();
        if (scheme != u"http" && scheme != u"https") {
            error(key, QStringLiteral("only http and https URLs are allowed, not \"%1\"").arg(u.scheme()));
            return {};
        }
        if (!u.userInfo().isEmpty()) {
            error(key, QStringLiteral("credentials do not belong in a URL; use \"auth\" with env or keychain"));
            return {};
        }
        return u;
    }

    const json &object() const { return m_object; }
    const QString &path() const { return m_path; }
    ConfigLoadResult &result() { return m_result; }
    const QString &file() const { return m_file; }

private:
    const json &m_object;
    QString m_path;
    ConfigLoadResult &m_result;
    const QString &m_file;
    QSet<QString> m_known;
};

// Visits every element of an optional array of objects.
void forEachObject(ObjectReader &parent, const char *key,
                   const std::function<void(ObjectReader &)> &visit)
{
    const json *array = parent.find(key);
    if (!array)
        return;
    const QString base = parent.fieldPath(QString::fromLatin1(key));
    if (!array->is_array()) {
        parent.error(QString::fromLatin1(key), QStringLiteral("must be a list"));
        return;
    }
    for (size_t i = 0; i < array->size(); ++i) {
        const json &element = (*array)[i];
        const QString path = QStringLiteral("%1[%2]").arg(base).arg(i);
        if (!element.is_object()) {
            parent.result().errors << QStringLiteral("%1: %2: must be an object").arg(parent.file(), path);
            continue;
        }
        ObjectReader reader(element, path, parent.result(), parent.file());
        visit(reader);
    }
}

// Runs visit on an optional nested object.
bool withObject(ObjectReader &parent, const char *key, const std::function<void(ObjectReader &)> &visit)
{
    const json *v = parent.find(key);
    if (!v)
        return false;
    if (!v->is_object()) {
        parent.error(QString::fromLatin1(key), QStringLiteral("must be an object"));
        return false;
    }
    ObjectReader reader(*v, parent.fieldPath(QString::fromLatin1(key)), parent.result(), parent.file());
    visit(reader);
    return true;
}

SecretRef readSecret(ObjectReader &parent, const char *key)
{
    SecretRef ref;
    const json *v = parent.find(key);
    if (!v)
        return ref;
    if (v->is_string()) {
        parent.error(QString::fromLatin1(key),
                     QStringLiteral("secrets are never written in the file; use {\"env\": NAME}, "
                                    "{\"keychain\": KEY} or {\"pgpass\": true}"));
        return ref;
    }
    withObject(parent, key, [&](ObjectReader &r) {
        const QString env = r.string("env", false);
        const QString keychain = r.string("keychain", false);
        const bool pgpass = r.boolean("pgpass", false);
        const int given = int(!env.isEmpty()) + int(!keychain.isEmpty()) + int(pgpass);
        if (given != 1) {
            parent.error(QString::fromLatin1(key),
                         QStringLiteral("give exactly one of \"env\", \"keychain\" or \"pgpass\""));
            return;
        }
        if (!env.isEmpty())
            ref = {SecretRef::Kind::Env, env};
        else if (!keychain.isEmpty())
            ref = {SecretRef::Kind::Keychain, keychain};
        else
            ref = {SecretRef::Kind::Pgpass, {}};
    });
    return ref;
}

EndpointSecurity readSecurity(ObjectReader &r)
{
    EndpointSecurity s;
    s.caFile = r.string("ca_file", false);
    s.insecure = r.boolean("insecure_skip_verify", false);
    withObject(r, "auth", [&](ObjectReader &auth) {
        s.bearerToken = readSecret(auth, "bearer");
        s.basicUser = auth.string("user", false);
        s.basicPassword = readSecret(auth, "password");
        if (s.bearerToken.isSet() && !s.basicUser.isEmpty())
            auth.error(QStringLiteral("bearer"), QStringLiteral("use either bearer or user/password, not both"));
        if (s.bearerToken.kind == SecretRef::Kind::Pgpass || s.basicPassword.kind == SecretRef::Kind::Pgpass)
            auth.error(QStringLiteral("password"), QStringLiteral("pgpass is only for databases"));
    });
    return s;
}

ServiceConfig readService(ObjectReader &r)
{
    ServiceConfig s;
    s.name = r.string("name", true);
    s.metricsUrl = r.url("metrics_url", false);
    s.healthUrl = r.url("health_url", false);
    s.livenessUrl = r.url("liveness_url", false);
    s.readinessUrl = r.url("readiness_url", false);
    s.intervalS = r.integer("interval_s", 10, 1, 86400);
    s.timeoutS = r.integer("timeout_s", 5, 1, 300);
    s.security = readSecurity(r);
    const json &o = r.object();
    const bool anyUrlGiven = o.contains("metrics_url") || o.contains("health_url") || o.contains("liveness_url")
        || o.contains("readiness_url");
    if (!anyUrlGiven)  // a URL that was given but rejected has its own error already
        r.error(QStringLiteral("health_url"),
                QStringLiteral("a service needs at least one of health_url, liveness_url, readiness_url or metrics_url"));
    return s;
}

AlertmanagerConfig readAlertmanager(ObjectReader &r)
{
    AlertmanagerConfig a;
    a.name = r.string("name", true);
    const json *urls = r.find("urls");
    if (!urls || !urls->is_array() || urls->empty()) {
        r.error(QStringLiteral("urls"), QStringLiteral("required: a list of one or more cluster member URLs"));
    } else {
        for (size_t i = 0; i < urls->size(); ++i) {
            const QString key = QStringLiteral("urls[%1]").arg(i);
            if (!(*urls)[i].is_string()) {
                r.error(key, QStringLiteral("must be a string"));
                continue;
            }
            const QUrl u = r.checkUrl(key, qs((*urls)[i].get<std::string>()));
            if (u.isValid())
                a.urls << u;
        }
    }
    a.security = readSecurity(r);
    return a;
}

DatabaseConfig readDatabase(ObjectReader &r)
{
    DatabaseConfig d;
    d.name = r.string("name", true);
    d.host = r.string("host", false, d.host);
    d.port = r.integer("port", 5432, 1, 65535);
    d.dbname = r.string("dbname", true);
    d.user = r.string("user", true);
    d.password = readSecret(r, "password");
    d.sslmode = r.string("sslmode", false);
    static const QStringList modes = {QStringLiteral("disable"), QStringLiteral("allow"),
                                      QStringLiteral("prefer"), QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (!d.sslmode.isEmpty() && !modes.contains(d.sslmode))
        r.error(QStringLiteral("sslmode"), QStringLiteral("must be one of %1").arg(modes.join(u", ")));
    d.sslrootcert = r.string("sslrootcert", false);
    // Tables of a monitoring database, each named by a key (docs/alerts.md, docs/database.md).
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    auto table = [&r](const char *key) {
        const QString name = r.string(key, false);
        if (!name.isEmpty() && !identifier.match(name).hasMatch())
            r.error(QString::fromLatin1(key), QStringLiteral("must be a plain table name (letters, digits, _)"));
        return name;
    };
    d.alertsTable = table("alerts_table");
    d.logsTable = table("logs_table");
    d.qualityTable = table("quality_table");
    return d;
}

template<typename T>
void checkUniqueNames(ObjectReader &r, const QList<T> &items, const char *listKey)
{
    QSet<QString> seen;
    for (int i = 0; i < items.size(); ++i) {
        const QString &name = items[i].name;
        if (name.isEmpty())
            continue;
        if (seen.contains(name))
            r.error(QStringLiteral("%1[%2].name").arg(QString::fromLatin1(listKey)).arg(i),
                    QStringLiteral("\"%1\" is used twice").arg(name));
        seen.insert(name);
    }
}

// One query of a panel: {"legend": ..., "local": {"function": ..., "metric": ...}}.
std::optional<PanelQuerySpec> readPanelQuery(ObjectReader &r)
{
    PanelQuerySpec spec;
    spec.legend = r.string("legend", false);
    spec.promql = r.string("promql", false);
    if (!spec.promql.isEmpty()) {
        if (r.find("local"))
            r.error(QStringLiteral("promql"), QStringLiteral("give either \"promql\" or \"local\", not both"));
        return spec;
    }
    bool good = false;
    withObject(r, "local", [&](ObjectReader &l) {
        good = true;  // errors inside name their own fields
        const QString function = l.string("function", true);
        static const QStringList functions = {QStringLiteral("gauge"), QStringLiteral("rate"),
                                              QStringLiteral("quantile"), QStringLiteral("ratio")};
        if (!function.isEmpty() && !functions.contains(function)) {
            l.error(QStringLiteral("function"), QStringLiteral("must be one of %1").arg(functions.join(u", ")));
            return;
        }
        LocalQuery &q = spec.query;
        q.kind = function == u"gauge" ? LocalQuery::Kind::Gauge : function == u"quantile" ? LocalQuery::Kind::Quantile
            : function == u"ratio" ? LocalQuery::Kind::Ratio : LocalQuery::Kind::Rate;
        q.metric = l.string("metric", true).toStdString();
        auto readMatchers = [&](const char *key, std::vector<LabelMatcher> *out) {
            const QString text = l.string(key, false);
            const MatcherParse parsed = parseMatchers(text);
            if (!parsed.error.isEmpty())
                l.error(QString::fromLatin1(key), parsed.error);
            *out = parsed.matchers;
        };
        readMatchers("matchers", &q.matchers);
        readMatchers("numerator", &q.numerator);
        if (q.kind == LocalQuery::Kind::Ratio && q.numerator.empty())
            l.error(QStringLiteral("numerator"), QStringLiteral("a ratio needs the numerator's matchers, e.g. status=~\"5..\""));
        if (const json *by = l.find("by")) {
            if (!by->is_array()) {
                l.error(QStringLiteral("by"), QStringLiteral("must be a list of label names"));
            } else {
                for (const json &name : *by) {
                    if (name.is_string())
                        q.by.push_back(name.get<std::string>());
                    else
                        l.error(QStringLiteral("by"), QStringLiteral("must be a list of label names"));
                }
            }
        }
        if (const json *quantile = l.find("quantile")) {
            if (!quantile->is_number() || quantile->get<double>() < 0 || quantile->get<double>() > 1)
                l.error(QStringLiteral("quantile"), QStringLiteral("must be a number between 0 and 1"));
            else
                q.quantile = quantile->get<double>();
        }
        if (const json *scale = l.find("scale")) {
            if (!scale->is_number())
                l.error(QStringLiteral("scale"), QStringLiteral("must be a number"));
            else
                q.scale = scale->get<double>();
        }
    });
    if (!good) {
        r.error(QStringLiteral("local"), QStringLiteral("required: \"local\" or \"promql\" (see docs/dashboards.md)"));
        return std::nullopt;
    }
    return spec;
}

// {"grafana": "exports/node.json"}: a Grafana export, read as File > Import
// Grafana dashboard reads it; a relative path is from the configuration's folder.
DashboardSpec readGrafanaDashboard(ObjectReader &r)
{
    const QString name = r.string("grafana", true);
    const QString path = QDir(QFileInfo(r.file()).absolutePath()).absoluteFilePath(name);
    DashboardSpec d;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024 * 1024) {
        r.error(QStringLiteral("grafana"), QStringLiteral("%1: cannot read: %2").arg(path, file.isOpen() ? QStringLiteral("larger than 64 MiB") : file.errorString()));
        return d;
    }
    GrafanaImport imported = importGrafanaDashboard(file.readAll());
    if (!imported.ok() || imported.dashboard.panels.isEmpty()) {
        r.error(QStringLiteral("grafana"), QStringLiteral("%1: %2").arg(path, imported.ok() ? QStringLiteral("no panel OpsDeck can draw") : imported.error));
        return d;
    }
    for (const QString &skipped : std::as_const(imported.skipped))
        r.warning(QStringLiteral("grafana"), QStringLiteral("not imported: %1").arg(skipped));
    d = std::move(imported.dashboard);
    const QString title = r.string("title", false);
    if (!title.isEmpty())
        d.title = title;
    return d;
}

DashboardSpec readDashboard(ObjectReader &r)
{
    if (r.find("grafana"))
        return readGrafanaDashboard(r);
    DashboardSpec d;
    d.title = r.string("title", true);
    forEachObject(r, "panels", [&](ObjectReader &p) {
        PanelSpec panel;
        panel.title = p.string("title", true);
        panel.unit = p.string("unit", false);
        static const QStringList units = {QString(), QStringLiteral("ms"), QStringLiteral("s"), QStringLiteral("req/s"),
                                          QStringLiteral("%"), QStringLiteral("bytes")};
        if (!units.contains(panel.unit))
            p.error(QStringLiteral("unit"), QStringLiteral("must be one of ms, s, req/s, %, bytes"));
        forEachObject(p, "thresholds", [&](ObjectReader &t) {
            const json *value = t.find("value");
            if (!value || !value->is_number()) {
                t.error(QStringLiteral("value"), QStringLiteral("required, a number"));
                return;
            }
            panel.thresholds.append({value->get<double>(), t.string("label", false)});
        });
        forEachObject(p, "queries", [&](ObjectReader &q) {
            if (auto query = readPanelQuery(q))
                panel.queries.append(*query);
        });
        if (panel.queries.isEmpty())
            p.error(QStringLiteral("queries"), QStringLiteral("required: one or more queries"));
        d.panels.append(panel);
    });
    if (d.panels.isEmpty())
        r.error(QStringLiteral("panels"), QStringLiteral("required: one or more panels"));
    return d;
}

Profile readProfile(ObjectReader &r)
{
    Profile p;
    p.name = r.string("name", true);
    p.readOnly = r.boolean("read_only", false);
    p.operatorName = r.string("operator", false);
    if (p.operatorName.isEmpty())
        p.operatorName = osUserName();
    p.color = r.string("color", false);
    static const QRegularExpression rgb(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    if (!p.color.isEmpty() && !rgb.match(p.color).hasMatch())
        r.error(QStringLiteral("color"), QStringLiteral("must be a colour as #rrggbb, e.g. #c0392b"));
    forEachObject(r, "services", [&](ObjectReader &s) { p.services << readService(s); });
    withObject(r, "prometheus", [&](ObjectReader &pr) {
        PrometheusConfig c;
        c.url = pr.url("url", true);
        c.security = readSecurity(pr);
        p.prometheus = c;
    });
    forEachObject(r, "alertmanagers", [&](ObjectReader &a) { p.alertmanagers << readAlertmanager(a); });
    forEachObject(r, "databases", [&](ObjectReader &d) { p.databases << readDatabase(d); });
    withObject(r, "backups", [&](ObjectReader &b) {
        BackupsConfig c;
        c.directory = b.string("directory", true);
        c.keepDays = b.integer("keep_days", 30, 0, 36500);
        c.keepMin = b.integer("keep_min", 3, 0, 100000);
        c.format = b.string("format", false, QStringLiteral("custom"));
        if (c.format != QLatin1String("custom") && c.format != QLatin1String("directory"))
            b.error(QStringLiteral("format"), QStringLiteral("must be \"custom\" or \"directory\""));
        c.jobs = b.integer("jobs", 1, 1, 64);
        c.pgBinDir = b.string("pg_bin_dir", false);
        c.keepPreviousHours = b.integer("keep_previous_hours", 24, 0, 24 * 365);
        p.backups = c;
    });
    withObject(r, "docker", [&](ObjectReader &d) {
        DockerConfig c;
        c.host = d.string("host", false);
        if (!c.host.isEmpty() && !c.host.startsWith(QLatin1String("unix://")) && !c.host.startsWith(QLatin1String("tcp://")))
            d.error(QStringLiteral("host"), QStringLiteral("must start with unix:// or tcp://"));
        withObject(d, "tls", [&](ObjectReader &t) {
            c.caFile = t.string("ca_file", false);
            c.certFile = t.string("cert_file", false);
            c.keyFile = t.string("key_file", false);
            if (c.certFile.isEmpty() != c.keyFile.isEmpty())
                t.error(QStringLiteral("cert_file"), QStringLiteral("cert_file and key_file go together"));
        });
        p.docker = c;
    });
    withObject(r, "kubernetes", [&](ObjectReader &k) {
        KubernetesConfig c;
        c.context = k.string("context", false);
        c.kubeconfig = k.string("kubeconfig", false);
        // "namespaces": a list; "namespace": the one-namespace shorthand.
        if (const json *list = k.find("namespaces")) {
            if (!list->is_array()) {
                k.error(QStringLiteral("namespaces"), QStringLiteral("must be a list of namespace names, or [\"*\"] for all"));
            } else {
                for (const json &name : *list) {
                    if (name.is_string() && !name.get<std::string>().empty())
                        c.namespaces << QString::fromStdString(name.get<std::string>());
                    else
                        k.error(QStringLiteral("namespaces"), QStringLiteral("must be a list of namespace names, or [\"*\"] for all"));
                }
            }
        }
        if (const QString one = k.string("namespace", false); !one.isEmpty() && !c.namespaces.contains(one))
            c.namespaces << one;
        p.kubernetes = c;
    });
    forEachObject(r, "dashboards", [&](ObjectReader &d) { p.dashboards << readDashboard(d); });
    checkUniqueNames(r, p.services, "services");
    checkUniqueNames(r, p.alertmanagers, "alertmanagers");
    checkUniqueNames(r, p.databases, "databases");
    return p;
}

// nlohmann reports a byte offset; people want a line and a column.
QString lineColumn(const QByteArray &text, size_t byte)
{
    int line = 1, column = 1;
    for (size_t i = 0; i < byte && i < size_t(text.size()); ++i) {
        if (text[qsizetype(i)] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

// "file: profiles[0].port: reason" becomes "file:12: profiles[0].port: reason": the
// line of the field (or of the object that lacks it), for editors that jump there.
void addLineNumbers(const QByteArray &text, const QString &sourceName, ConfigLoadResult *result)
{
    const JsonLocator locator(text);
    const QString prefix = sourceName + QStringLiteral(": ");
    for (QStringList *messages : {&result->errors, &result->warnings}) {
        for (QString &message : *messages) {
            if (!message.startsWith(prefix))
                continue;
            const qsizetype end = message.indexOf(QStringLiteral(": "), prefix.size());
            const QString path = message.mid(prefix.size(), end - prefix.size());
            if (end < 0 || path.contains(u' '))
                continue;  // not about a field
            if (const int line = locator.line(path); line > 0)
                message = QStringLiteral("%1:%2: %3").arg(sourceName).arg(line).arg(message.mid(prefix.size()));
        }
    }
}

} // namespace

const Profile *Config::profile(const QString &name) const
{
    if (name.isEmpty())
        return profiles.isEmpty() ? nullptr : &profiles.first();
    for (const Profile &p : profiles) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QStringList Config::profileNames() const
{
    QStringList names;
    for (const Profile &p : profiles)
        names << p.name;
    return names;
}

ConfigLoadResult parseConfig(const QByteArray &text, const QString &sourceName)
{
    ConfigLoadResult result;
    json root;
    try {
        root = json::parse(text.constBegin(), text.constEnd());
    } catch (const json::parse_error &e) {
        // e.what() repeats the byte offset; keep only the reason after "parse error at ...: ".
        std::string what = e.what();
        const auto colon = what.find(": ", what.find("parse error"));
        const QString reason = qs(colon == std::string::npos ? what : what.substr(colon + 2));
        result.errors << QStringLiteral("%1:%2: invalid JSON: %3")
                             .arg(sourceName, lineColumn(text, e.byte > 0 ? e.byte - 1 : 0), reason);
        return result;
    }
    if (!root.is_object()) {
        result.errors << QStringLiteral("%1: the top level must be an object with a \"profiles\" list").arg(sourceName);
        return result;
    }

    Config config;
    config.sourceFile = sourceName;
    {
        ObjectReader top(root, QString(), result, sourceName);
        const json *profiles = top.find("profiles");
        if (!profiles || !profiles->is_array() || profiles->empty())
            top.error(QStringLiteral("profiles"), QStringLiteral("required: a list of one or more profiles"));
        else
            forEachObject(top, "profiles", [&](ObjectReader &p) { config.profiles << readProfile(p); });
        checkUniqueNames(top, config.profiles, "profiles");
    }
    addLineNumbers(text, sourceName, &result);
    if (result.errors.isEmpty())
        result.config = std::move(config);
    return result;
}

ConfigLoadResult loadConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigLoadResult result;
        result.errors << QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return result;
    }
    constexpr qint64 maxConfigBytes = 16 * 1024 * 1024;
    if (file.size() > maxConfigBytes) {
        ConfigLoadResult result;
        result.errors << QStringLiteral("%1: larger than 16 MiB; not a configuration file").arg(path);
        return result;
    }
    return parseConfig(file.readAll(), path);
}

QString defaultConfigPath()
{
    const QString fromEnv = qEnvironmentVariable("OPSDECK_CONFIG");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/config.json");
}

QString osUserName()
{
    for (const char *var : {"USER", "USERNAME", "LOGNAME"}) {
        const QString value = qEnvironmentVariable(var);
        if (!value.isEmpty())
            return value;
    }
    // No variable (a service, a container): the home folder's name is the user's.
    const QString home = QDir::home().dirName();
    return home.isEmpty() ? QStringLiteral("unknown") : home;
}

QStringList unverifiedEndpoints(const Profile &profile)
{
    QStringList out;
    for (const ServiceConfig &s : profile.services) {
        if (s.security.insecure)
            out << QStringLiteral("service %1").arg(s.name);
    }
    if (profile.prometheus && profile.prometheus->security.insecure)
        out << QStringLiteral("Prometheus");
    for (const AlertmanagerConfig &a : profile.alertmanagers) {
        if (a.security.insecure)
            out << QStringLiteral("Alertmanager %1").arg(a.name);
    }
    return out;
}

} // namespace opsdeck
