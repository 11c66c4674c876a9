#include "config/config_document.h"

#include "common/durable_file.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <set>

using json = nlohmann::ordered_json;

namespace opsdeck {

namespace {

std::string str(const QString &s)
{
    return s.toStdString();
}

// Writes a key when it carries something; a key the file already had is kept
// even at its default, so the file stays as its author wrote it.
template<typename T>
void put(json &o, const char *key, const T &value, bool meaningful)
{
    if (meaningful || o.contains(key))
        o[key] = value;
    else
        o.erase(key);
}

void putString(json &o, const char *key, const QString &value)
{
    if (value.isEmpty())
        o.erase(key);
    else
        o[key] = str(value);
}

void putUrl(json &o, const char *key, const QUrl &url)
{
    putString(o, key, url.isEmpty() ? QString() : url.toString());
}

void putSecret(json &o, const char *key, const SecretRef &ref)
{
    switch (ref.kind) {
    case SecretRef::Kind::None:
        o.erase(key);
        break;
    case SecretRef::Kind::Env:
        o[key] = json{{"env", str(ref.key)}};
        break;
    case SecretRef::Kind::Keychain:
        o[key] = json{{"keychain", str(ref.key)}};
        break;
    case SecretRef::Kind::Pgpass:
        o[key] = json{{"pgpass", true}};
        break;
    }
}

// A nested object built on what the file has there (its unknown keys kept), and
// left out when nothing is in it.
template<typename Fill>
void putUnlessEmpty(json &o, const char *key, Fill fill)
{
    json nested = o.contains(key) && o[key].is_object() ? o[key] : json::object();
    fill(nested);
    if (nested.empty())
        o.erase(key);
    else
        o[key] = std::move(nested);
}

void putSecurity(json &o, const EndpointSecurity &s)
{
    putString(o, "ca_file", s.caFile);
    put(o, "insecure_skip_verify", s.insecure, s.insecure);
    putUnlessEmpty(o, "auth", [&s](json &auth) {
        putSecret(auth, "bearer", s.bearerToken);
        putString(auth, "user", s.basicUser);
        putSecret(auth, "password", s.basicPassword);
    });
}

// The element of an existing list with that name, to build on; an empty object otherwise.
json existingNamed(const json &list, const QString &name)
{
    if (list.is_array()) {
        for (const json &e : list) {
            if (e.is_object() && e.value("name", std::string()) == str(name))
                return e;
        }
    }
    return json::object();
}

template<typename T, typename Write>
void putList(json &o, const char *key, const QList<T> &items, Write write)
{
    if (items.isEmpty()) {
        o.erase(key);
        return;
    }
    const json old = o.contains(key) ? o[key] : json::array();
    json list = json::array();
    for (const T &item : items) {
        json e = existingNamed(old, item.name);
        e["name"] = str(item.name);
        write(e, item);
        list.push_back(std::move(e));
    }
    o[key] = std::move(list);
}

template<typename Write>
void putObject(json &o, const char *key, bool present, Write write)
{
    if (!present) {
        o.erase(key);
        return;
    }
    json e = o.contains(key) && o[key].is_object() ? o[key] : json::object();
    write(e);
    o[key] = std::move(e);
}

void writeProfile(json &o, const Profile &p)
{
    o["name"] = str(p.name);
    put(o, "read_only", p.readOnly, p.readOnly);
    // The OS user name is the default: only another name is written.
    if (p.operatorName.isEmpty() || (p.operatorName == osUserName() && !o.contains("operator")))
        o.erase("operator");
    else
        o["operator"] = str(p.operatorName);
    putString(o, "color", p.color);
    putList(o, "services", p.services, [](json &e, const ServiceConfig &s) {
        putUrl(e, "metrics_url", s.metricsUrl);
        putUrl(e, "health_url", s.healthUrl);
        putUrl(e, "liveness_url", s.livenessUrl);
        putUrl(e, "readiness_url", s.readinessUrl);
        put(e, "interval_s", s.intervalS, s.intervalS != 10);
        put(e, "timeout_s", s.timeoutS, s.timeoutS != 5);
        putSecurity(e, s.security);
    });
    putObject(o, "prometheus", p.prometheus.has_value(), [&p](json &e) {
        putUrl(e, "url", p.prometheus->url);
        putSecurity(e, p.prometheus->security);
    });
    putList(o, "alertmanagers", p.alertmanagers, [](json &e, const AlertmanagerConfig &a) {
        json urls = json::array();
        for (const QUrl &u : a.urls)
            urls.push_back(str(u.toString()));
        e["urls"] = urls;
        putSecurity(e, a.security);
    });
    putList(o, "databases", p.databases, [](json &e, const DatabaseConfig &d) {
        e["host"] = str(d.host);
        e["port"] = d.port;
        e["dbname"] = str(d.dbname);
        e["user"] = str(d.user);
        putSecret(e, "password", d.password);
        putString(e, "sslmode", d.sslmode);
        putString(e, "sslrootcert", d.sslrootcert);
        putString(e, "alerts_table", d.alertsTable);
        putString(e, "logs_table", d.logsTable);
        putString(e, "quality_table", d.qualityTable);
    });
    putObject(o, "backups", p.backups.has_value(), [&p](json &e) {
        const BackupsConfig &b = *p.backups;
        e["directory"] = str(b.directory);
        put(e, "keep_days", b.keepDays, b.keepDays != 30);
        put(e, "keep_min", b.keepMin, b.keepMin != 3);
        put(e, "format", str(b.format), b.format != QLatin1String("custom"));
        put(e, "jobs", b.jobs, b.jobs != 1);
        putString(e, "pg_bin_dir", b.pgBinDir);
        put(e, "keep_previous_hours", b.keepPreviousHours, b.keepPreviousHours != 24);
    });
    putObject(o, "docker", p.docker.has_value(), [&p](json &e) {
        const DockerConfig &d = *p.docker;
        putString(e, "host", d.host);
        putUnlessEmpty(e, "tls", [&d](json &tls) {
            putString(tls, "ca_file", d.caFile);
            putString(tls, "cert_file", d.certFile);
            putString(tls, "key_file", d.keyFile);
        });
    });
    putObject(o, "kubernetes", p.kubernetes.has_value(), [&p](json &e) {
        const KubernetesConfig &k = *p.kubernetes;
        putString(e, "kubeconfig", k.kubeconfig);
        putString(e, "context", k.context);
        e.erase("namespace");  // the shorthand is folded into the list
        json names = json::array();
        for (const QString &n : k.namespaces)
            names.push_back(str(n));
        if (names.empty())
            e.erase("namespaces");
        else
            e["namespaces"] = names;
    });
    // Dashboards are not edited here: whatever the file says stays as it is.
}

void dropKeychainRefs(json &value)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end();) {
            if (it->is_object() && it->size() == 1 && it->contains("keychain"))
                it = value.erase(it);
            else
                dropKeychainRefs(*it++);
        }
    } else if (value.is_array()) {
        for (json &e : value)
            dropKeychainRefs(e);
    }
}

// A secret the file should not hold (the loader refuses it) is still never printed.
void maskSecrets(json &value)
{
    static const std::set<std::string> secretKeys = {"password", "bearer", "token", "secret", "client_key_data"};
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (secretKeys.count(it.key()) && it->is_string())
                *it = "********";
            else
                maskSecrets(*it);
        }
    } else if (value.is_array()) {
        for (json &e : value)
            maskSecrets(e);
    }
}

QByteArray dump(const json &root)
{
    return QByteArray::fromStdString(root.dump(2)) + '\n';
}

} // namespace

struct ConfigDocument::Private {
    json root = json{{"profiles", json::array()}};
};

ConfigDocument::ConfigDocument() : d(std::make_unique<Private>()) {}
ConfigDocument::~ConfigDocument() = default;
ConfigDocument::ConfigDocument(ConfigDocument &&) noexcept = default;
ConfigDocument &ConfigDocument::operator=(ConfigDocument &&) noexcept = default;

bool isEmptyConfiguration(const QByteArray &text)
{
    if (text.trimmed().isEmpty())
        return true;
    try {
        const json root = json::parse(text.constBegin(), text.constEnd());
        if (!root.is_object())
            return false;
        if (root.empty())
            return true;
        const auto it = root.find("profiles");
        return root.size() == 1 && it != root.end() && it->is_array() && it->empty();
    } catch (const json::exception &) {
        return false;
    }
}

ConfigDocument ConfigDocument::open(const QString &path)
{
    ConfigDocument doc;
    doc.m_path = path;
    QFile file(path);
    if (!file.exists()) {
        doc.m_state = State::Missing;
        return doc;
    }
    doc.m_diskExisted = true;
    if (!file.open(QIODevice::ReadOnly)) {
        doc.m_state = State::Broken;
        doc.m_loaded.errors << QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return doc;
    }
    doc.m_diskBytes = file.readAll();
    if (isEmptyConfiguration(doc.m_diskBytes)) {
        doc.m_state = State::Empty;
        try {
            if (!doc.m_diskBytes.trimmed().isEmpty())
                doc.d->root = json::parse(doc.m_diskBytes.constBegin(), doc.m_diskBytes.constEnd());
        } catch (const json::exception &) {
        }
        if (!doc.d->root.contains("profiles"))
            doc.d->root["profiles"] = json::array();
        return doc;
    }
    doc.m_loaded = loadConfigFile(path);
    if (!doc.m_loaded.ok()) {
        doc.m_state = State::Broken;
        return doc;
    }
    doc.m_state = State::Valid;
    doc.d->root = json::parse(doc.m_diskBytes.constBegin(), doc.m_diskBytes.constEnd());
    return doc;
}

QList<Profile> ConfigDocument::profiles() const
{
    if (m_state == State::Broken)
        return {};
    const ConfigLoadResult parsed = parseConfig(text(), m_path);
    return parsed.config ? parsed.config->profiles : QList<Profile>();
}

bool ConfigDocument::isModified() const
{
    return text() != m_diskBytes;
}

QByteArray ConfigDocument::text() const
{
    // A file nobody edited is written back as it was: same bytes, same layout.
    if (m_state == State::Valid && d->root == json::parse(m_diskBytes.constBegin(), m_diskBytes.constEnd()))
        return m_diskBytes;
    return dump(d->root);
}

void ConfigDocument::putProfile(const Profile &profile, const QString &replacing)
{
    json &list = d->root["profiles"];
    if (!list.is_array())
        list = json::array();
    const QString target = replacing.isEmpty() ? profile.name : replacing;
    for (json &o : list) {
        if (o.is_object() && o.value("name", std::string()) == str(target)) {
            writeProfile(o, profile);
            return;
        }
    }
    json o = json::object();
    writeProfile(o, profile);
    list.push_back(std::move(o));
}

bool ConfigDocument::removeProfile(const QString &name)
{
    json &list = d->root["profiles"];
    for (auto it = list.begin(); it != list.end(); ++it) {
        if (it->is_object() && it->value("name", std::string()) == str(name)) {
            list.erase(it);
            return true;
        }
    }
    return false;
}

QByteArray ConfigDocument::shownText(const QString &profile) const
{
    json shown = d->root;
    if (!profile.isEmpty()) {
        json only = json::array();
        for (const json &o : d->root.value("profiles", json::array())) {
            if (o.is_object() && o.value("name", std::string()) == str(profile))
                only.push_back(o);
        }
        shown["profiles"] = only;
    }
    maskSecrets(shown);
    return dump(shown);
}

QByteArray ConfigDocument::exportProfile(const QString &name) const
{
    for (const json &o : d->root.value("profiles", json::array())) {
        if (o.is_object() && o.value("name", std::string()) == str(name)) {
            json copy = o;
            dropKeychainRefs(copy);
            return dump(json{{"profiles", json::array({copy})}});
        }
    }
    return {};
}

QStringList ConfigDocument::importProfiles(const QByteArray &text, const QString &sourceName, QString *error)
{
    const ConfigLoadResult parsed = parseConfig(text, sourceName);
    if (!parsed.ok()) {
        *error = parsed.errors.join(u'\n');
        return {};
    }
    const json other = json::parse(text.constBegin(), text.constEnd());
    QStringList taken;
    for (const Profile &p : profiles())
        taken << p.name;
    QStringList added;
    json &list = d->root["profiles"];
    for (json o : other["profiles"]) {
        QString name = QString::fromStdString(o.value("name", std::string()));
        for (int n = 2; taken.contains(name); ++n)
            name = QStringLiteral("%1 (%2)").arg(QString::fromStdString(o.value("name", std::string()))).arg(n);
        o["name"] = str(name);
        taken << name;
        added << name;
        list.push_back(std::move(o));
    }
    return added;
}

bool ConfigDocument::changedOnDisk() const
{
    QFile file(m_path);
    if (!file.exists())
        return m_diskExisted;
    if (!m_diskExisted)
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return true;
    return file.readAll() != m_diskBytes;
}

void ConfigDocument::startOver()
{
    m_state = State::Empty;
    m_loaded = {};
    d->root = json{{"profiles", json::array()}};
    QFile file(m_path);
    if (file.open(QIODevice::ReadOnly)) {
        m_diskBytes = file.readAll();
        m_diskExisted = true;
    }
}

QString ConfigDocument::keepCopy(QString *error) const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(m_path, file.errorString());
        return {};
    }
    const QString copy = QStringLiteral("%1.broken-%2").arg(m_path, QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    if (QString e = writeFileDurably(copy, file.readAll()); !e.isEmpty()) {
        *error = e;
        return {};
    }
    return copy;
}

QString ConfigDocument::save()
{
    if (m_state == State::Broken)
        return QStringLiteral("%1 has errors; it is not rewritten (keep a copy and start over, or fix it in an editor)").arg(m_path);
    if (changedOnDisk())
        return QStringLiteral("%1 changed on disk since it was read; nothing was written (reload it, then make the change again)").arg(m_path);
    const QByteArray bytes = text();
    const ConfigLoadResult check = parseConfig(bytes, m_path);
    if (!check.ok() && !isEmptyConfiguration(bytes))
        return QStringLiteral("not saved, the result would not load: %1").arg(check.errors.join(QStringLiteral("; ")));
    const QFileInfo info(m_path);
    if (!info.absoluteDir().exists() && !info.absoluteDir().mkpath(QStringLiteral(".")))
        return QStringLiteral("%1: cannot create the folder").arg(info.absolutePath());
    if (m_diskExisted) {
        if (QString e = writeFileDurably(m_path + QStringLiteral(".bak"), m_diskBytes); !e.isEmpty())
            return QStringLiteral("not saved: the previous version could not be kept: %1").arg(e);
    }
    if (QString e = writeFileDurably(m_path, bytes); !e.isEmpty())
        return QStringLiteral("not saved: %1").arg(e);
    m_diskBytes = bytes;
    m_diskExisted = true;
    m_state = isEmptyConfiguration(bytes) ? State::Empty : State::Valid;
    m_loaded = check;
    return {};
}

} // namespace opsdeck
