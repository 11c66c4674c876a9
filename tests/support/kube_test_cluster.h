#pragma once

// A fake Kubernetes API server over TLS (its own CA, a token), and a
// kubeconfig that names it, for the Kubernetes tests: the same file serves
// OpsDeck and kubectl. See fake_kube_apiserver.h for what the server is.

#include "fake_kube_apiserver.h"
#include "kube/kube_api.h"
#include "kube/kubeconfig.h"
#include "test_pki.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

namespace testsupport {

inline const char *kubeTestToken = "opsdeck-test-token";

class KubeTestCluster
{
public:
    KubeTestCluster()
    {
        if (!m_pki.ok())
            return;
        FakeKubeApiServer::Options options;
        options.certFile = m_pki.serverCertFile().toStdString();
        options.keyFile = m_pki.serverKeyFile().toStdString();
        options.clientCaFile = m_pki.caFile().toStdString();
        m_server = std::make_unique<FakeKubeApiServer>(options);
        m_server->acceptToken(kubeTestToken);
        writeKubeconfig(QStringLiteral("user:\n    token: %1\n").arg(QString::fromLatin1(kubeTestToken)));
    }

    bool ok() const { return m_server != nullptr; }
    QString error() const { return m_pki.error(); }
    FakeKubeApiServer &server() { return *m_server; }
    TestPki &pki() { return m_pki; }
    const QTemporaryDir &dir() const { return m_dir; }
    QString kubeconfig() const { return m_dir.filePath(QStringLiteral("kubeconfig")); }

    // Rewrites the kubeconfig with this user block ("user:\n    token: …\n"), the cluster's CA on disk.
    void writeKubeconfig(const QString &userBlock, const QString &clusterExtra = {})
    {
        QFile file(kubeconfig());
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QStringLiteral("apiVersion: v1\nkind: Config\n"
                                  "clusters:\n- name: fake\n  cluster:\n    server: %1\n    certificate-authority: %2\n%3"
                                  "users:\n- name: tester\n  %4"
                                  "contexts:\n- name: fake\n  context:\n    cluster: fake\n    user: tester\n    namespace: shop\n"
                                  "current-context: fake\n")
                       .arg(QString::fromStdString(m_server->url()), m_pki.caFile(), clusterExtra, userBlock)
                       .toUtf8());
    }

    // Replaces text in the kubeconfig as written (a CA made inline, insecure instead of a CA).
    // False when the file cannot be read or written, or holds no `from`.
    bool editKubeconfig(const QByteArray &from, const QByteArray &to)
    {
        QFile file(kubeconfig());
        if (!file.open(QIODevice::ReadOnly))
            return false;
        QByteArray text = file.readAll();
        file.close();
        if (!text.contains(from))
            return false;
        text.replace(from, to);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
    }

    // The kubeconfig's current context, as OpsDeck reads it.
    std::optional<opsdeck::KubeTarget> target(QString *error) const
    {
        const auto load = opsdeck::loadKubeconfig({kubeconfig()}, true);
        if (!load.ok()) {
            *error = load.errors.join(u'\n');
            return std::nullopt;
        }
        return opsdeck::resolveKubeContext(*load.config, {}, error);
    }

    // Runs kubectl against the server; its exit code, stdout in *out and stderr in *err.
    int kubectl(const QStringList &args, QString *out = nullptr, QString *err = nullptr) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());  // no user's cache or config
        env.remove(QStringLiteral("KUBECONFIG"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("kubectl"), QStringList{QStringLiteral("--kubeconfig"), kubeconfig(), QStringLiteral("--cache-dir"),
                                                       m_dir.filePath(QStringLiteral("kube-cache"))}
                                               + args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
        }
        if (out)
            *out = QString::fromUtf8(p.readAllStandardOutput());
        if (err)
            *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    static bool haveKubectl() { return !QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty(); }

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    std::unique_ptr<FakeKubeApiServer> m_server;
};

} // namespace testsupport
