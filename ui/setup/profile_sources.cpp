#include "setup/profile_sources.h"

namespace opsdeck {

namespace {

using Type = SourceField::Type;

SourceField field(const QString &key, const QString &label, Type type = Type::Text, const QString &placeholder = {})
{
    SourceField f;
    f.key = key;
    f.label = label;
    f.type = type;
    f.placeholder = placeholder;
    return f;
}

SourceField number(const QString &key, const QString &label, int min, int max)
{
    SourceField f = field(key, label, Type::Number);
    f.min = min;
    f.max = max;
    return f;
}

SourceField choice(const QString &key, const QString &label, const QStringList &choices)
{
    SourceField f = field(key, label, Type::Choice);
    f.choices = choices;
    return f;
}

QString secretKind(const SecretRef &ref)
{
    switch (ref.kind) {
    case SecretRef::Kind::Env: return QStringLiteral("env");
    case SecretRef::Kind::Keychain: return QStringLiteral("keychain");
    case SecretRef::Kind::Pgpass: return QStringLiteral("pgpass");
    case SecretRef::Kind::None: break;
    }
    return QStringLiteral("none");
}

SecretRef secretOf(const QVariantMap &f)
{
    const QString kind = f.value(QStringLiteral("password_from")).toString();
    const QString key = f.value(QStringLiteral("password_key")).toString().trimmed();
    if (kind == u"env")
        return {SecretRef::Kind::Env, key};
    if (kind == u"keychain")
        return {SecretRef::Kind::Keychain, key};
    if (kind == u"pgpass")
        return {SecretRef::Kind::Pgpass, {}};
    return {};
}

QString text(const QVariantMap &f, const char *key)
{
    return f.value(QString::fromLatin1(key)).toString().trimmed();
}

QStringList listOf(const QVariantMap &f, const char *key)
{
    QStringList out;
    for (const QString &part : text(f, key).split(u',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

QUrl urlOf(const QVariantMap &f, const char *key, const QString &source, QStringList *errors)
{
    const QString t = text(f, key);
    if (t.isEmpty())
        return {};
    const QUrl u(t, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty() || (u.scheme() != u"http" && u.scheme() != u"https"))
        *errors << ProfileSources::tr("%1: %2 is not an http(s) URL").arg(source, t);
    return u;
}

} // namespace

QString ProfileSource::title() const
{
    const QString name = fields.value(QStringLiteral("name")).toString();
    return name.isEmpty() ? ProfileSources::kindName(kind) : QStringLiteral("%1 %2").arg(ProfileSources::kindName(kind), name);
}

QString ProfileSources::kindName(ProfileSource::Kind kind)
{
    switch (kind) {
    case ProfileSource::Kind::Service: return tr("Service");
    case ProfileSource::Kind::Prometheus: return tr("Prometheus");
    case ProfileSource::Kind::Alertmanager: return tr("Alertmanager");
    case ProfileSource::Kind::Database: return tr("Database");
    case ProfileSource::Kind::Docker: return tr("Docker");
    case ProfileSource::Kind::Kubernetes: return tr("Kubernetes");
    case ProfileSource::Kind::Backups: return tr("Backups");
    }
    return {};
}

bool ProfileSources::isSingle(ProfileSource::Kind kind)
{
    return kind == ProfileSource::Kind::Prometheus || kind == ProfileSource::Kind::Docker
        || kind == ProfileSource::Kind::Kubernetes || kind == ProfileSource::Kind::Backups;
}

QList<SourceField> ProfileSources::fieldsOf(ProfileSource::Kind kind)
{
    const SourceField insecure = field(QStringLiteral("insecure_skip_verify"), tr("Skip TLS verification"), Type::Bool);
    switch (kind) {
    case ProfileSource::Kind::Service:
        return {field(QStringLiteral("name"), tr("Name"), Type::Text, tr("api-gateway")),
                field(QStringLiteral("health_url"), tr("Health URL"), Type::Text, QStringLiteral("http://host:8080/health")),
                field(QStringLiteral("liveness_url"), tr("Liveness URL"), Type::Text, QStringLiteral("http://host:8080/health/live")),
                field(QStringLiteral("readiness_url"), tr("Readiness URL"), Type::Text, QStringLiteral("http://host:8080/health/ready")),
                field(QStringLiteral("metrics_url"), tr("Metrics URL"), Type::Text, QStringLiteral("http://host:8080/metrics")),
                number(QStringLiteral("interval_s"), tr("Every (s)"), 1, 86400),
                number(QStringLiteral("timeout_s"), tr("Timeout (s)"), 1, 300),
                insecure};
    case ProfileSource::Kind::Prometheus:
        return {field(QStringLiteral("url"), tr("URL"), Type::Text, QStringLiteral("http://prometheus:9090")), insecure};
    case ProfileSource::Kind::Alertmanager:
        return {field(QStringLiteral("name"), tr("Name"), Type::Text, QStringLiteral("main")),
                field(QStringLiteral("urls"), tr("Members (comma-separated)"), Type::Text, QStringLiteral("http://alertmanager:9093")),
                insecure};
    case ProfileSource::Kind::Database:
        return {field(QStringLiteral("name"), tr("Name"), Type::Text, QStringLiteral("app")),
                field(QStringLiteral("host"), tr("Host"), Type::Text, QStringLiteral("127.0.0.1")),
                number(QStringLiteral("port"), tr("Port"), 1, 65535),
                field(QStringLiteral("dbname"), tr("Database"), Type::Text, QStringLiteral("app")),
                field(QStringLiteral("user"), tr("User"), Type::Text, QStringLiteral("ops")),
                choice(QStringLiteral("sslmode"), tr("sslmode"), {QString(), QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"), QStringLiteral("require"),
                  QStringLiteral("verify-ca"), QStringLiteral("verify-full")}),
                choice(QStringLiteral("password_from"), tr("Password from"), {QStringLiteral("none"), QStringLiteral("env"), QStringLiteral("keychain"), QStringLiteral("pgpass")}),
                field(QStringLiteral("password_key"), tr("Variable or keychain entry"), Type::Text, QStringLiteral("OPSDECK_APP_PASSWORD")),
                field(QStringLiteral("password"), tr("Password (for the keychain)"), Type::Password, tr("stored in the OS keychain, never in the file"))};
    case ProfileSource::Kind::Docker:
        return {field(QStringLiteral("host"), tr("Engine"), Type::Text, QStringLiteral("unix:///var/run/docker.sock")),
                field(QStringLiteral("ca_file"), tr("TLS CA file"), Type::File),
                field(QStringLiteral("cert_file"), tr("TLS certificate"), Type::File),
                field(QStringLiteral("key_file"), tr("TLS key"), Type::File)};
    case ProfileSource::Kind::Kubernetes:
        return {field(QStringLiteral("kubeconfig"), tr("kubeconfig"), Type::File, tr("$KUBECONFIG, else ~/.kube/config")),
                field(QStringLiteral("context"), tr("Context"), Type::Text, tr("the current context")),
                field(QStringLiteral("namespaces"), tr("Namespaces (comma-separated, * for all)"), Type::Text, tr("the context's namespace"))};
    case ProfileSource::Kind::Backups:
        return {field(QStringLiteral("directory"), tr("Folder"), Type::Folder),
                number(QStringLiteral("keep_days"), tr("Keep (days)"), 0, 36500),
                number(QStringLiteral("keep_min"), tr("Keep at least"), 0, 100000)};
    }
    return {};
}

ProfileSource ProfileSources::blank(ProfileSource::Kind kind)
{
    switch (kind) {
    case ProfileSource::Kind::Service: return fromService(ServiceConfig{});
    case ProfileSource::Kind::Alertmanager: {
        AlertmanagerConfig a;
        a.name = QStringLiteral("main");
        return fromAlertmanager(a);
    }
    case ProfileSource::Kind::Database: return fromDatabase(DatabaseConfig{});
    case ProfileSource::Kind::Kubernetes: return fromKubernetes(KubernetesConfig{});
    case ProfileSource::Kind::Backups:
        return {kind, {{QStringLiteral("directory"), QString()}, {QStringLiteral("keep_days"), 30}, {QStringLiteral("keep_min"), 3}}};
    default:
        return {kind, {}};
    }
}

ProfileSource ProfileSources::fromService(const ServiceConfig &s)
{
    return {ProfileSource::Kind::Service,
            {{QStringLiteral("name"), s.name}, {QStringLiteral("health_url"), s.healthUrl.toString()},
             {QStringLiteral("liveness_url"), s.livenessUrl.toString()}, {QStringLiteral("readiness_url"), s.readinessUrl.toString()},
             {QStringLiteral("metrics_url"), s.metricsUrl.toString()}, {QStringLiteral("interval_s"), s.intervalS},
             {QStringLiteral("timeout_s"), s.timeoutS}, {QStringLiteral("insecure_skip_verify"), s.security.insecure}}};
}

ProfileSource ProfileSources::fromAlertmanager(const AlertmanagerConfig &a)
{
    QStringList urls;
    for (const QUrl &u : a.urls)
        urls << u.toString();
    return {ProfileSource::Kind::Alertmanager,
            {{QStringLiteral("name"), a.name}, {QStringLiteral("urls"), urls.join(QStringLiteral(", "))},
             {QStringLiteral("insecure_skip_verify"), a.security.insecure}}};
}

ProfileSource ProfileSources::fromDatabase(const DatabaseConfig &d)
{
    return {ProfileSource::Kind::Database,
            {{QStringLiteral("name"), d.name}, {QStringLiteral("host"), d.host}, {QStringLiteral("port"), d.port},
             {QStringLiteral("dbname"), d.dbname}, {QStringLiteral("user"), d.user}, {QStringLiteral("sslmode"), d.sslmode},
             {QStringLiteral("password_from"), secretKind(d.password)}, {QStringLiteral("password_key"), d.password.key}}};
}

ProfileSource ProfileSources::fromKubernetes(const KubernetesConfig &k)
{
    return {ProfileSource::Kind::Kubernetes,
            {{QStringLiteral("kubeconfig"), k.kubeconfig}, {QStringLiteral("context"), k.context},
             {QStringLiteral("namespaces"), k.namespaces.join(QStringLiteral(", "))}}};
}

QList<ProfileSource> ProfileSources::fromProfile(const Profile &p)
{
    QList<ProfileSource> out;
    for (const ServiceConfig &s : p.services)
        out << fromService(s);
    if (p.prometheus)
        out << ProfileSource{ProfileSource::Kind::Prometheus,
                             {{QStringLiteral("url"), p.prometheus->url.toString()},
                              {QStringLiteral("insecure_skip_verify"), p.prometheus->security.insecure}}};
    for (const AlertmanagerConfig &a : p.alertmanagers)
        out << fromAlertmanager(a);
    for (const DatabaseConfig &d : p.databases)
        out << fromDatabase(d);
    if (p.docker)
        out << ProfileSource{ProfileSource::Kind::Docker,
                             {{QStringLiteral("host"), p.docker->host}, {QStringLiteral("ca_file"), p.docker->caFile},
                              {QStringLiteral("cert_file"), p.docker->certFile}, {QStringLiteral("key_file"), p.docker->keyFile}}};
    if (p.kubernetes)
        out << fromKubernetes(*p.kubernetes);
    if (p.backups)
        out << ProfileSource{ProfileSource::Kind::Backups,
                             {{QStringLiteral("directory"), p.backups->directory}, {QStringLiteral("keep_days"), p.backups->keepDays},
                              {QStringLiteral("keep_min"), p.backups->keepMin}}};
    return out;
}

QStringList ProfileSources::toProfile(const QList<ProfileSource> &sources, Profile *p)
{
    QStringList errors;
    // Settings the editor has no field for (a service's auth, a database's tables, backup
    // formats) come from the profile as it was, matched by name.
    const Profile before = *p;
    p->services.clear();
    p->prometheus.reset();
    p->alertmanagers.clear();
    p->databases.clear();
    p->docker.reset();
    p->kubernetes.reset();
    p->backups.reset();
    for (const ProfileSource &s : sources) {
        const QVariantMap &f = s.fields;
        const QString where = s.title();
        switch (s.kind) {
        case ProfileSource::Kind::Service: {
            ServiceConfig c;
            for (const ServiceConfig &old : before.services)
                if (old.name == text(f, "name"))
                    c = old;
            c.name = text(f, "name");
            c.healthUrl = urlOf(f, "health_url", where, &errors);
            c.livenessUrl = urlOf(f, "liveness_url", where, &errors);
            c.readinessUrl = urlOf(f, "readiness_url", where, &errors);
            c.metricsUrl = urlOf(f, "metrics_url", where, &errors);
            c.intervalS = f.value(QStringLiteral("interval_s"), 10).toInt();
            c.timeoutS = f.value(QStringLiteral("timeout_s"), 5).toInt();
            c.security.insecure = f.value(QStringLiteral("insecure_skip_verify")).toBool();
            if (c.name.isEmpty())
                errors << tr("%1: a name is needed").arg(where);
            if (c.healthUrl.isEmpty() && c.livenessUrl.isEmpty() && c.readinessUrl.isEmpty() && c.metricsUrl.isEmpty())
                errors << tr("%1: give a health or a metrics URL").arg(where);
            p->services << c;
            break;
        }
        case ProfileSource::Kind::Prometheus: {
            PrometheusConfig c = before.prometheus.value_or(PrometheusConfig{});
            c.url = urlOf(f, "url", where, &errors);
            c.security.insecure = f.value(QStringLiteral("insecure_skip_verify")).toBool();
            if (c.url.isEmpty())
                errors << tr("%1: a URL is needed").arg(where);
            p->prometheus = c;
            break;
        }
        case ProfileSource::Kind::Alertmanager: {
            AlertmanagerConfig c;
            for (const AlertmanagerConfig &old : before.alertmanagers)
                if (old.name == text(f, "name"))
                    c = old;
            c.name = text(f, "name");
            c.urls.clear();
            for (const QString &u : listOf(f, "urls")) {
                QVariantMap one{{QStringLiteral("u"), u}};
                const QUrl url = urlOf(one, "u", where, &errors);
                if (url.isValid())
                    c.urls << url;
            }
            c.security.insecure = f.value(QStringLiteral("insecure_skip_verify")).toBool();
            if (c.name.isEmpty() || c.urls.isEmpty())
                errors << tr("%1: a name and at least one URL are needed").arg(where);
            p->alertmanagers << c;
            break;
        }
        case ProfileSource::Kind::Database: {
            DatabaseConfig c;
            for (const DatabaseConfig &old : before.databases)
                if (old.name == text(f, "name"))
                    c = old;
            c.name = text(f, "name");
            c.host = text(f, "host");
            c.port = f.value(QStringLiteral("port"), 5432).toInt();
            c.dbname = text(f, "dbname");
            c.user = text(f, "user");
            c.sslmode = text(f, "sslmode");
            c.password = secretOf(f);
            if (c.name.isEmpty() || c.dbname.isEmpty() || c.user.isEmpty() || c.host.isEmpty())
                errors << tr("%1: name, host, database and user are needed").arg(where);
            if ((c.password.kind == SecretRef::Kind::Env || c.password.kind == SecretRef::Kind::Keychain) && c.password.key.isEmpty())
                errors << tr("%1: name the variable or the keychain entry of the password").arg(where);
            p->databases << c;
            break;
        }
        case ProfileSource::Kind::Docker: {
            DockerConfig c;
            c.host = text(f, "host");
            c.caFile = text(f, "ca_file");
            c.certFile = text(f, "cert_file");
            c.keyFile = text(f, "key_file");
            if (!c.host.isEmpty() && !c.host.startsWith(QLatin1String("unix://")) && !c.host.startsWith(QLatin1String("tcp://")))
                errors << tr("%1: the engine is unix:///path or tcp://host:port").arg(where);
            p->docker = c;
            break;
        }
        case ProfileSource::Kind::Kubernetes: {
            KubernetesConfig c;
            c.kubeconfig = text(f, "kubeconfig");
            c.context = text(f, "context");
            c.namespaces = listOf(f, "namespaces");
            p->kubernetes = c;
            break;
        }
        case ProfileSource::Kind::Backups: {
            BackupsConfig c = before.backups.value_or(BackupsConfig{});
            c.directory = text(f, "directory");
            c.keepDays = f.value(QStringLiteral("keep_days"), 30).toInt();
            c.keepMin = f.value(QStringLiteral("keep_min"), 3).toInt();
            if (c.directory.isEmpty())
                errors << tr("%1: choose a folder").arg(where);
            p->backups = c;
            break;
        }
        }
    }
    return errors;
}

} // namespace opsdeck
