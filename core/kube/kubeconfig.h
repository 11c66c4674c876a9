#pragma once

// kubeconfig files read as kubectl reads them: $KUBECONFIG (several files,
// merged: the first file to name a cluster, user or context wins, and so does
// the first current-context), else ~/.kube/config; a profile's own kubeconfig
// replaces both. Paths inside a file (certificate-authority, client-certificate,
// client-key, tokenFile, an exec command with a slash) are relative to that file.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace opsdeck {

struct KubeCluster {
    QString server;
    QString caFile;
    QByteArray caPem;     // certificate-authority-data, decoded
    bool insecure = false;  // insecure-skip-tls-verify: said in the UI, never quietly
    QString tlsServerName;  // checked against the certificate (and sent as SNI) instead of the server's host
};

// An exec credential plugin (client.authentication.k8s.io): a command whose
// standard output is an ExecCredential with a token or a client certificate.
struct KubeExecConfig {
    QString apiVersion;  // client.authentication.k8s.io/v1 or v1beta1
    QString command;     // absolute, relative to the file, or looked up on PATH
    QStringList args;
    QList<QPair<QString, QString>> env;
    QString installHint;
    bool provideClusterInfo = false;
};

struct KubeUser {
    QString token;
    QString tokenFile;
    QString clientCertFile, clientKeyFile;
    QByteArray clientCertPem, clientKeyPem;  // client-certificate-data, client-key-data, decoded
    QString username, password;
    std::optional<KubeExecConfig> exec;
    QString authProvider;  // the legacy auth-provider's name: not supported, said so
};

struct KubeContext {
    QString cluster;
    QString user;
    QString nameSpace;
};

struct KubeConfig {
    QMap<QString, KubeCluster> clusters;
    QMap<QString, KubeUser> users;
    QMap<QString, KubeContext> contexts;
    QString currentContext;
    QStringList files;  // the files read, in order
};

struct KubeConfigLoad {
    std::optional<KubeConfig> config;
    QStringList errors;  // each names its file
    bool ok() const { return config.has_value() && errors.isEmpty(); }
};

// The files kubectl would read: explicitPath alone when given, else each of
// $KUBECONFIG (':'-separated on Unix, ';' on Windows), else ~/.kube/config.
QStringList kubeconfigPaths(const QString &explicitPath);

// Reads and merges the files. A missing file in $KUBECONFIG is skipped, as
// kubectl skips it; a missing explicit file, or one that does not parse, is an error.
KubeConfigLoad loadKubeconfig(const QStringList &paths, bool explicitPath);

// One file's content; dir resolves its relative paths.
std::optional<KubeConfig> parseKubeconfig(const QByteArray &yaml, const QString &dir, QString *error);

// Everything a connection needs, from one context.
struct KubeTarget {
    QString contextName;
    QString clusterName;
    QString userName;
    QUrl server;
    QString nameSpace;  // the context's namespace ("default" when it has none)
    KubeCluster cluster;
    KubeUser user;
};

// The context named (the current one when empty); nullopt with error when it,
// its cluster or its user is missing, or the cluster has no server.
std::optional<KubeTarget> resolveKubeContext(const KubeConfig &config, const QString &contextName, QString *error);

} // namespace opsdeck
