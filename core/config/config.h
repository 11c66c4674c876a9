#pragma once

#include "dashboards/dashboard_spec.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace opsdeck {

// Where a secret comes from. The configuration file never holds a secret itself.
struct SecretRef {
    enum class Kind { None, Env, Keychain, Pgpass };
    Kind kind = Kind::None;
    QString key;  // variable name for Env, entry name for Keychain
    bool isSet() const { return kind != Kind::None; }
};

// How to talk to one HTTP endpoint: TLS and credentials.
struct EndpointSecurity {
    QString caFile;          // extra CA bundle for this endpoint
    bool insecure = false;   // skip TLS verification: an explicit per-endpoint opt-in, shown in the UI
    SecretRef bearerToken;
    QString basicUser;
    SecretRef basicPassword;
};

struct ServiceConfig {
    QString name;
    QUrl metricsUrl;
    QUrl healthUrl;
    QUrl livenessUrl;   // optional: /health/live
    QUrl readinessUrl;  // optional: /health/ready
    int intervalS = 10;
    int timeoutS = 5;
    EndpointSecurity security;
};

struct PrometheusConfig {
    QUrl url;
    EndpointSecurity security;
};

struct AlertmanagerConfig {
    QString name;
    QList<QUrl> urls;  // members of one cluster
    EndpointSecurity security;
};

struct DatabaseConfig {
    QString name;
    QString host = QStringLiteral("127.0.0.1");
    int port = 5432;
    QString dbname;
    QString user;
    SecretRef password;
    QString sslmode;  // empty: libpq's default (prefer)
    QString sslrootcert;  // the CA that signs the server's certificate (verify-ca, verify-full)
    // The connection proves whom it talks to only with verify-full.
    bool verifiesServer() const { return sslmode == QLatin1String("verify-full"); }
    // Loopback or a Unix socket: no network path for anyone to listen on.
    bool isLocal() const
    {
        return host.startsWith(u'/') || host == QLatin1String("localhost") || host.startsWith(QLatin1String("127."))
               || host == QLatin1String("::1");
    }
    QString alertsTable;  // set: this database's table of alerts is an alert source (docs/alerts.md)
    QString logsTable;     // set: its recent ERROR lines show in the Database panel (logs(timestamp, level, service, message))
    QString qualityTable;  // set: the latest result of each data quality check shows there too
};

struct BackupsConfig {
    QString directory;  // one folder per database beneath, one folder per backup beneath that
    int keepDays = 30;
    int keepMin = 3;
    QString format = QStringLiteral("custom");  // pg_dump -F c, or "directory" (-F d, with jobs)
    int jobs = 1;                               // pg_dump/pg_restore -j, directory format only
    QString pgBinDir;  // folders (':'-separated) searched first for pg_dump/pg_restore of each major version
    int keepPreviousHours = 24;  // a swap restore keeps the database it replaced (<db>__pre_<time>) this long
};

// Where the Docker engine of a profile answers, and the TLS files of a tcp:// one.
struct DockerConfig {
    QString host;  // unix:///var/run/docker.sock or tcp://host:2376; empty: $DOCKER_HOST, then the local socket
    QString caFile, certFile, keyFile;  // "tls": what `docker --tlsverify` takes
};

// A cluster, as a kubeconfig context names it, and the namespaces watched.
struct KubernetesConfig {
    QString context;     // empty: the kubeconfig's current-context
    QString kubeconfig;  // empty: $KUBECONFIG (merged), else ~/.kube/config
    QStringList namespaces;  // empty: the context's namespace; ["*"]: every namespace
};

struct Profile {
    QString name;
    bool readOnly = false;
    QString operatorName;  // defaults to the OS user name
    QString color;  // "#rrggbb", or empty: the window's frame and title in this profile, so prod never looks like staging
    QList<ServiceConfig> services;
    std::optional<PrometheusConfig> prometheus;
    QList<AlertmanagerConfig> alertmanagers;
    QList<DatabaseConfig> databases;
    std::optional<BackupsConfig> backups;
    std::optional<DockerConfig> docker;
    std::optional<KubernetesConfig> kubernetes;
    QList<DashboardSpec> dashboards;  // docs/dashboards.md
};

// The endpoints of a profile whose TLS certificates are not verified
// (insecure_skip_verify), each named for people: "service api", "Prometheus",
// "Alertmanager main". Every kind of endpoint, so the UI can show them all.
QStringList unverifiedEndpoints(const Profile &profile);

struct Config {
    QString sourceFile;
    QList<Profile> profiles;

    // The profile of that name, or the first one when name is empty; nullptr if none.
    const Profile *profile(const QString &name) const;
    QStringList profileNames() const;
};

// The outcome of loading a configuration file. Errors and warnings each name the
// file, the field (as a JSON path such as profiles[0].services[2].interval_s) and
// the reason. Unknown keys are warnings: the file still loads, but nothing is
// silently ignored.
struct ConfigLoadResult {
    std::optional<Config> config;
    QStringList errors;
    QStringList warnings;
    bool ok() const { return config.has_value() && errors.isEmpty(); }
};

ConfigLoadResult loadConfigFile(const QString &path);
ConfigLoadResult parseConfig(const QByteArray &json, const QString &sourceName);

// The GUI's config file: <AppConfigLocation>/config.json, or $OPSDECK_CONFIG.
QString defaultConfigPath();

QString osUserName();

} // namespace opsdeck
