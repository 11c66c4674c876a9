#include "kube/kube_credentials.h"

#include "common/json_fields.h"
#include "common/rfc3339.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

#include <nlohmann/json.hpp>

namespace opsdeck {

namespace {

using nlohmann::json;
using json_fields::string;

constexpr int stderrLimit = 2000;

QString trimmedStderr(QByteArray bytes)
{
    if (bytes.size() > stderrLimit)
        bytes = bytes.left(stderrLimit) + "…";
    return QString::fromUtf8(bytes).trimmed();
}

} // namespace

std::optional<KubeCredential> parseExecCredential(const QByteArray &bytes, const QString &apiVersion, QString *error)
{
    json document;
    try {
        document = json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const json::exception &) {
        *error = QStringLiteral("the plugin's output is not JSON");  // never quoted: it may hold a token
        return std::nullopt;
    }
    if (!document.is_object() || string(document, "kind") != u"ExecCredential") {
        *error = QStringLiteral("the plugin's output is not an ExecCredential");
        return std::nullopt;
    }
    const QString version = string(document, "apiVersion");
    if (!apiVersion.isEmpty() && version != apiVersion) {
        *error = QStringLiteral("the plugin answered %1 where %2 was asked for").arg(version, apiVersion);
        return std::nullopt;
    }
    const auto status = document.find("status");
    if (status == document.end() || !status->is_object()) {
        *error = QStringLiteral("the plugin's ExecCredential has no status");
        return std::nullopt;
    }
    KubeCredential credential;
    credential.token = string(*status, "token");
    credential.clientCertPem = string(*status, "clientCertificateData").toUtf8();
    credential.clientKeyPem = string(*status, "clientKeyData").toUtf8();
    if (credential.clientCertPem.isEmpty() != credential.clientKeyPem.isEmpty()) {
        *error = QStringLiteral("the plugin gave a client certificate without its key, or a key without its certificate");
        return std::nullopt;
    }
    if (credential.token.isEmpty() && credential.clientCertPem.isEmpty()) {
        *error = QStringLiteral("the plugin's ExecCredential has neither a token nor a client certificate");
        return std::nullopt;
    }
    const QByteArray expiry = string(*status, "expirationTimestamp").toUtf8();
    if (!expiry.isEmpty()) {
        const auto ms = parseRfc3339Ms(std::string_view(expiry.constData(), size_t(expiry.size())));
        if (!ms) {
            *error = QStringLiteral("the plugin's expirationTimestamp is not a time: %1").arg(QString::fromUtf8(expiry));
            return std::nullopt;
        }
        credential.expiresMs = *ms;
    }
    return credential;
}

QByteArray execCredentialRequest(const KubeExecConfig &exec, const KubeCluster &cluster, const QString &server)
{
    json spec = {{"interactive", false}};
    if (exec.provideClusterInfo) {
        json info = {{"server", server.toStdString()}, {"insecure-skip-tls-verify", cluster.insecure}};
        if (!cluster.caPem.isEmpty())
            info["certificate-authority-data"] = cluster.caPem.toBase64().toStdString();
        if (!cluster.tlsServerName.isEmpty())
            info["tls-server-name"] = cluster.tlsServerName.toStdString();
        spec["cluster"] = info;
    }
    const std::string version = exec.apiVersion.isEmpty() ? "client.authentication.k8s.io/v1" : exec.apiVersion.toStdString();
    return QByteArray::fromStdString(json{{"apiVersion", version}, {"kind", "ExecCredential"}, {"spec", spec}}.dump());
}

KubeCredentials::KubeCredentials(KubeTarget target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
{
}

KubeCredentials::~KubeCredentials()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

bool KubeCredentials::cachedValid() const
{
    return m_cached && (m_cached->expiresMs == 0 || QDateTime::currentMSecsSinceEpoch() < m_cached->expiresMs);
}

void KubeCredentials::withCredential(Callback callback)
{
    const KubeUser &user = m_target.user;
    if (!user.exec) {
        KubeCredential credential;
        credential.token = user.token;
        if (!user.tokenFile.isEmpty() && credential.token.isEmpty()) {
            QFile file(user.tokenFile);
            if (!file.open(QIODevice::ReadOnly)) {
                callback({}, QStringLiteral("cannot read the token file %1: %2").arg(user.tokenFile, file.errorString()));
                return;
            }
            credential.token = QString::fromUtf8(file.readAll()).trimmed();
        }
        credential.username = user.username;
        credential.password = user.password;
        credential.clientCertPem = user.clientCertPem;
        credential.clientKeyPem = user.clientKeyPem;
        credential.clientCertFile = user.clientCertFile;
        credential.clientKeyFile = user.clientKeyFile;
        callback(credential, {});
        return;
    }
    if (cachedValid()) {
        callback(*m_cached, {});
        return;
    }
    m_waiting << std::move(callback);
    if (!m_process)
        runPlugin();
}

void KubeCredentials::invalidate()
{
    m_cached.reset();
}

void KubeCredentials::runPlugin()
{
    const KubeExecConfig &exec = *m_target.user.exec;
    ++m_runs;
    auto *process = new QProcess(this);
    m_process = process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : exec.env)
        env.insert(name, value);
    env.insert(QStringLiteral("KUBERNETES_EXEC_INFO"),
               QString::fromUtf8(execCredentialRequest(exec, m_target.cluster, m_target.server.toString())));
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());  // never interactive

    auto *timeout = new QTimer(process);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, process, [this, process] {
        process->disconnect(this);
        process->kill();
        process->deleteLater();
        finishPlugin({}, QStringLiteral("the credential plugin %1 gave no answer within %2 s")
                             .arg(m_target.user.exec->command).arg(pluginTimeoutMs / 1000));
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;  // a crash or a non-zero exit is reported by finished()
        process->disconnect(this);
        process->deleteLater();
        const KubeExecConfig &e = *m_target.user.exec;
        QString message = QStringLiteral("cannot run the credential plugin %1: %2").arg(e.command, process->errorString());
        if (!e.installHint.isEmpty())
            message += QLatin1String(". ") + e.installHint.trimmed();
        finishPlugin({}, message);
    });
    connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus status) {
        process->disconnect(this);
        process->deleteLater();
        const KubeExecConfig &e = *m_target.user.exec;
        if (status != QProcess::NormalExit || code != 0) {
            const QString why = trimmedStderr(process->readAllStandardError());
            finishPlugin({}, QStringLiteral("the credential plugin %1 failed (exit %2)%3")
                                 .arg(e.command)
                                 .arg(code)
                                 .arg(why.isEmpty() ? QString() : QLatin1String(": ") + why));
            return;
        }
        QString error;
        const auto credential = parseExecCredential(process->readAllStandardOutput(), e.apiVersion, &error);
        if (!credential) {
            finishPlugin({}, QStringLiteral("credential plugin %1: %2").arg(e.command, error));
            return;
        }
        m_cached = credential;
        finishPlugin(*credential, {});
    });
    timeout->start(pluginTimeoutMs);
    process->start(exec.command, exec.args);
}

void KubeCredentials::finishPlugin(const KubeCredential &credential, const QString &error)
{
    m_process.clear();  // a callback that asks again must be able to run the plugin again
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback &callback : waiting)
        callback(credential, error);
}

} // namespace opsdeck
