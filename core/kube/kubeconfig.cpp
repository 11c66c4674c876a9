#include "kube/kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <yaml-cpp/yaml.h>

namespace opsdeck {

namespace {

QString text(const YAML::Node &map, const char *key)
{
    const YAML::Node value = map[key];
    if (!value || !value.IsScalar())
        return {};
    return QString::fromStdString(value.as<std::string>());
}

bool flag(const YAML::Node &map, const char *key)
{
    const YAML::Node value = map[key];
    if (!value || !value.IsScalar())
        return false;
    const QString v = QString::fromStdString(value.as<std::string>()).toLower();
    return v == u"true" || v == u"yes" || v == u"1";
}

QString resolvePath(const QString &path, const QString &dir)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return QDir::cleanPath(QDir(dir).filePath(path));
}

QByteArray base64(const YAML::Node &map, const char *key, const char *what, QString *error)
{
    const QString encoded = text(map, key);
    if (encoded.isEmpty())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded && error->isEmpty())
        *error = QStringLiteral("%1 is not valid base64").arg(QLatin1String(what));
    return decoded ? *decoded : QByteArray();
}

// A named list (clusters, users, contexts): each entry {name, <inner>: {...}}.
template<typename Read>
void forEachNamed(const YAML::Node &root, const char *list, const char *inner, Read &&read)
{
    const YAML::Node entries = root[list];
    if (!entries || !entries.IsSequence())
        return;
    for (const YAML::Node &entry : entries) {
        if (!entry.IsMap())
            continue;
        const QString name = text(entry, "name");
        const YAML::Node body = entry[inner];
        if (!name.isEmpty() && body && body.IsMap())
            read(name, body);
    }
}

KubeExecConfig readExec(const YAML::Node &node, const QString &dir)
{
    KubeExecConfig exec;
    exec.apiVersion = text(node, "apiVersion");
    exec.command = text(node, "command");
    // kubectl: a command with a path separator is relative to the file; a bare name is looked up on PATH.
    if (exec.command.contains(u'/') && !QDir::isAbsolutePath(exec.command))
        exec.command = resolvePath(exec.command, dir);
    if (const YAML::Node args = node["args"]; args && args.IsSequence()) {
        for (const YAML::Node &arg : args) {
            if (arg.IsScalar())
                exec.args << QString::fromStdString(arg.as<std::string>());
        }
    }
    if (const YAML::Node env = node["env"]; env && env.IsSequence()) {
        for (const YAML::Node &entry : env) {
            if (entry.IsMap())
                exec.env.append({text(entry, "name"), text(entry, "value")});
        }
    }
    exec.installHint = text(node, "installHint");
    exec.provideClusterInfo = flag(node, "provideClusterInfo");
    return exec;
}

} // namespace

QStringList kubeconfigPaths(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return {resolvePath(explicitPath, QDir::currentPath())};
    const QString variable = qEnvironmentVariable("KUBECONFIG");
    if (!variable.isEmpty()) {
        QStringList paths;
        for (const QString &path : variable.split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
            if (!paths.contains(path))
                paths << path;
        }
        return paths;
    }
    return {QDir::homePath() + QStringLiteral("/.kube/config")};
}

std::optional<KubeConfig> parseKubeconfig(const QByteArray &yaml, const QString &dir, QString *error)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(e.what()));
        return std::nullopt;
    }
    KubeConfig config;
    if (root.IsNull())
        return config;  // an empty file is an empty config, as kubectl reads it
    if (!root.IsMap()) {
        *error = QStringLiteral("not a kubeconfig (its top level is not a mapping)");
        return std::nullopt;
    }
    QString problem;
    try {
        config.currentContext = text(root, "current-context");
        forEachNamed(root, "clusters", "cluster", [&](const QString &name, const YAML::Node &node) {
            KubeCluster c;
            c.server = text(node, "server");
            c.caFile = resolvePath(text(node, "certificate-authority"), dir);
            c.caPem = base64(node, "certificate-authority-data", "certificate-authority-data", &problem);
            c.insecure = flag(node, "insecure-skip-tls-verify");
            c.tlsServerName = text(node, "tls-server-name");
            config.clusters.insert(name, c);
        });
        forEachNamed(root, "users", "user", [&](const QString &name, const YAML::Node &node) {
            KubeUser u;
            u.token = text(node, "token");
            u.tokenFile = resolvePath(text(node, "tokenFile"), dir);
            u.clientCertFile = resolvePath(text(node, "client-certificate"), dir);
            u.clientKeyFile = resolvePath(text(node, "client-key"), dir);
            u.clientCertPem = base64(node, "client-certificate-data", "client-certificate-data", &problem);
            u.clientKeyPem = base64(node, "client-key-data", "client-key-data", &problem);
            u.username = text(node, "username");
            u.password = text(node, "password");
            if (const YAML::Node exec = node["exec"]; exec && exec.IsMap())
                u.exec = readExec(exec, dir);
            if (const YAML::Node provider = node["auth-provider"]; provider && provider.IsMap())
                u.authProvider = text(provider, "name");
            config.users.insert(name, u);
        });
        forEachNamed(root, "contexts", "context", [&](const QString &name, const YAML::Node &node) {
            config.contexts.insert(name, KubeContext{text(node, "cluster"), text(node, "user"), text(node, "namespace")});
        });
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("unexpected shape: %1").arg(QString::fromStdString(e.what()));
        return std::nullopt;
    }
    if (!problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return config;
}

KubeConfigLoad loadKubeconfig(const QStringList &paths, bool explicitPath)
{
    KubeConfigLoad load;
    KubeConfig merged;
    for (const QString &path : paths) {
        QFile file(path);
        if (!file.exists()) {
            if (explicitPath)
                load.errors << QStringLiteral("%1: no such file").arg(path);
            continue;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            load.errors << QStringLiteral("%1: %2").arg(path, file.errorString());
            continue;
        }
        QString error;
        const auto one = parseKubeconfig(file.readAll(), QFileInfo(path).absolutePath(), &error);
        if (!one) {
            load.errors << QStringLiteral("%1: %2").arg(path, error);
            continue;
        }
        merged.files << path;
        // The first file to set a value wins, as in kubectl's merge.
        if (merged.currentContext.isEmpty())
            merged.currentContext = one->currentContext;
        for (auto it = one->clusters.cbegin(); it != one->clusters.cend(); ++it) {
            if (!merged.clusters.contains(it.key()))
                merged.clusters.insert(it.key(), it.value());
        }
        for (auto it = one->users.cbegin(); it != one->users.cend(); ++it) {
            if (!merged.users.contains(it.key()))
                merged.users.insert(it.key(), it.value());
        }
        for (auto it = one->contexts.cbegin(); it != one->contexts.cend(); ++it) {
            if (!merged.contexts.contains(it.key()))
                merged.contexts.insert(it.key(), it.value());
        }
    }
    if (merged.files.isEmpty() && load.errors.isEmpty())
        load.errors << QStringLiteral("no kubeconfig found (looked in %1)").arg(paths.join(QLatin1String(", ")));
    load.config = merged;
    return load;
}

std::optional<KubeTarget> resolveKubeContext(const KubeConfig &config, const QString &contextName, QString *error)
{
    const QString name = contextName.isEmpty() ? config.currentContext : contextName;
    if (name.isEmpty()) {
        *error = QStringLiteral("no context named and no current-context set");
        return std::nullopt;
    }
    const auto context = config.contexts.constFind(name);
    if (context == config.contexts.cend()) {
        *error = QStringLiteral("context \"%1\" not found").arg(name);
        return std::nullopt;
    }
    const auto cluster = config.clusters.constFind(context->cluster);
    if (cluster == config.clusters.cend()) {
        *error = QStringLiteral("context \"%1\" names cluster \"%2\", which is not defined").arg(name, context->cluster);
        return std::nullopt;
    }
    if (cluster->server.isEmpty()) {
        *error = QStringLiteral("cluster \"%1\" has no server").arg(context->cluster);
        return std::nullopt;
    }
    KubeTarget target;
    if (!context->user.isEmpty()) {
        const auto user = config.users.constFind(context->user);
        if (user == config.users.cend()) {
            *error = QStringLiteral("context \"%1\" names user \"%2\", which is not defined").arg(name, context->user);
            return std::nullopt;
        }
        target.user = *user;
    }
    if (!target.user.authProvider.isEmpty()) {
        *error = QStringLiteral("user \"%1\" uses the auth-provider \"%2\", which kubectl itself no longer supports; "
                                "use its exec plugin instead")
                     .arg(context->user, target.user.authProvider);
        return std::nullopt;
    }
    target.contextName = name;
    target.clusterName = context->cluster;
    target.userName = context->user;
    target.server = QUrl(cluster->server);
    target.nameSpace = context->nameSpace.isEmpty() ? QStringLiteral("default") : context->nameSpace;
    target.cluster = *cluster;
    if (!target.server.isValid() || (target.server.scheme() != u"https" && target.server.scheme() != u"http")) {
        *error = QStringLiteral("cluster \"%1\" has a server that is not an http(s) URL: %2").arg(context->cluster, cluster->server);
        return std::nullopt;
    }
    return target;
}

} // namespace opsdeck
