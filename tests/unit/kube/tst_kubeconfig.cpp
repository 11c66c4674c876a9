// kubeconfig files as kubectl reads them: several files merged (the first to
// name a cluster, user, context or current-context wins), relative paths
// resolved beside their file, CA and client certificate data decoded, exec
// plugins with their arguments and environment; and the ExecCredential a
// plugin answers. The files are written here after the kubeconfig reference
// (https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/).

#include "kube/kube_credentials.h"
#include "kube/kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestKubeconfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergesLikeKubectl();
    void resolvesPathsBesideTheirFile();
    void readsTheExecPlugin();
    void reportsWhatIsWrong();
    void pathsFromTheEnvironment();
    void execCredentialAnswers();
    void execCredentialRequestIsNonInteractive();

private:
    QString write(const QString &name, const QByteArray &text);
    QTemporaryDir m_dir;
};

QString TestKubeconfig::write(const QString &name, const QByteArray &text)
{
    const QString path = m_dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text);
    return path;
}

void TestKubeconfig::mergesLikeKubectl()
{
    const QString first = write(QStringLiteral("a.yaml"), R"(apiVersion: v1
kind: Config
current-context: staging
clusters:
- name: staging
  cluster:
    server: https://staging.example:6443
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
contexts:
- name: staging
  context: {cluster: staging, user: ci, namespace: shop}
users:
- name: ci
  user: {token: first-token}
)");
    const QString second = write(QStringLiteral("b.yaml"), R"(apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: staging
  cluster: {server: https://ignored.example}
- name: prod
  cluster: {server: https://prod.example:6443, insecure-skip-tls-verify: true}
contexts:
- name: prod
  context: {cluster: prod, user: ci}
users:
- name: ci
  user: {token: second-token}
)");
    const auto load = loadKubeconfig({first, m_dir.filePath(QStringLiteral("missing.yaml")), second}, false);
    QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
    const KubeConfig &c = *load.config;
    QCOMPARE(c.files, (QStringList{first, second}));  // a missing file in KUBECONFIG is skipped
    QCOMPARE(c.currentContext, QStringLiteral("staging"));  // the first file's
    QCOMPARE(c.clusters.value(QStringLiteral("staging")).server, QStringLiteral("https://staging.example:6443"));
    QCOMPARE(c.users.value(QStringLiteral("ci")).token, QStringLiteral("first-token"));
    QCOMPARE(c.clusters.value(QStringLiteral("staging")).caPem, QByteArray("-----BEGIN CERTIFICATE-----\n"));

    QString error;
    const auto staging = resolveKubeContext(c, {}, &error);
    QVERIFY2(staging, qPrintable(error));
    QCOMPARE(staging->nameSpace, QStringLiteral("shop"));
    QCOMPARE(staging->server, QUrl(QStringLiteral("https://staging.example:6443")));
    const auto prod = resolveKubeContext(c, QStringLiteral("prod"), &error);
    QVERIFY2(prod, qPrintable(error));
    QCOMPARE(prod->nameSpace, QStringLiteral("default"));
    QVERIFY(prod->cluster.insecure);
}

void TestKubeconfig::resolvesPathsBesideTheirFile()
{
    const QString path = write(QStringLiteral("nested/config"), R"(clusters:
- name: c
  cluster: {server: https://k.example, certificate-authority: certs/ca.pem}
users:
- name: u
  user:
    client-certificate: certs/me.pem
    client-key: /abs/me.key
    tokenFile: token
    exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin}
contexts:
- name: x
  context: {cluster: c, user: u}
)");
    const auto load = loadKubeconfig({path}, true);
    QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
    const QString dir = QFileInfo(path).absolutePath();
    QCOMPARE(load.config->clusters.value(QStringLiteral("c")).caFile, dir + QStringLiteral("/certs/ca.pem"));
    const KubeUser u = load.config->users.value(QStringLiteral("u"));
    QCOMPARE(u.clientCertFile, dir + QStringLiteral("/certs/me.pem"));
    QCOMPARE(u.clientKeyFile, QStringLiteral("/abs/me.key"));
    QCOMPARE(u.tokenFile, dir + QStringLiteral("/token"));
    QCOMPARE(u.exec->command, dir + QStringLiteral("/bin/plugin"));
}

void TestKubeconfig::readsTheExecPlugin()
{
    const QString path = write(QStringLiteral("exec.yaml"), R"(users:
- name: cloud
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: ["eks", "get-token", "--cluster-name", "prod"]
      env:
      - name: AWS_PROFILE
        value: ops
      installHint: Install the AWS CLI.
      provideClusterInfo: true
      interactiveMode: Never
)");
    const auto load = loadKubeconfig({path}, true);
    QVERIFY(load.config);
    const auto exec = load.config->users.value(QStringLiteral("cloud")).exec;
    QVERIFY(exec);
    QCOMPARE(exec->command, QStringLiteral("aws"));  // a bare name: looked up on PATH, not beside the file
    QCOMPARE(exec->args, (QStringList{QStringLiteral("eks"), QStringLiteral("get-token"), QStringLiteral("--cluster-name"), QStringLiteral("prod")}));
    QCOMPARE(exec->env.size(), 1);
    QCOMPARE(exec->env[0].first, QStringLiteral("AWS_PROFILE"));
    QCOMPARE(exec->apiVersion, QStringLiteral("client.authentication.k8s.io/v1beta1"));
    QVERIFY(exec->provideClusterInfo);
    QCOMPARE(exec->installHint, QStringLiteral("Install the AWS CLI."));
}

void TestKubeconfig::reportsWhatIsWrong()
{
    QString error;
    QVERIFY(!parseKubeconfig("clusters: [unclosed", {}, &error));
    QVERIFY2(error.contains(QStringLiteral("YAML")), qPrintable(error));
    QVERIFY(!parseKubeconfig("clusters:\n- name: c\n  cluster: {server: x, certificate-authority-data: '%%%'}\n", {}, &error));
    QVERIFY2(error.contains(QStringLiteral("base64")), qPrintable(error));

    const auto missing = loadKubeconfig({m_dir.filePath(QStringLiteral("nope"))}, true);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.errors.join(u' ').contains(QStringLiteral("no such file")), qPrintable(missing.errors.join(u' ')));

    KubeConfig config;
    KubeCluster cluster;
    cluster.server = QStringLiteral("https://k.example");
    config.clusters.insert(QStringLiteral("c"), cluster);
    config.contexts.insert(QStringLiteral("x"), KubeContext{QStringLiteral("c"), QStringLiteral("ghost"), {}});
    config.contexts.insert(QStringLiteral("y"), KubeContext{QStringLiteral("nowhere"), {}, {}});
    QVERIFY(!resolveKubeContext(config, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("current-context")), qPrintable(error));
    QVERIFY(!resolveKubeContext(config, QStringLiteral("x"), &error));
    QVERIFY2(error.contains(QStringLiteral("ghost")), qPrintable(error));
    QVERIFY(!resolveKubeContext(config, QStringLiteral("y"), &error));
    QVERIFY2(error.contains(QStringLiteral("nowhere")), qPrintable(error));
    QVERIFY(!resolveKubeContext(config, QStringLiteral("z"), &error));
    KubeUser legacy;
    legacy.authProvider = QStringLiteral("gcp");
    config.users.insert(QStringLiteral("old"), legacy);
    config.contexts.insert(QStringLiteral("old"), KubeContext{QStringLiteral("c"), QStringLiteral("old"), {}});
    QVERIFY(!resolveKubeContext(config, QStringLiteral("old"), &error));
    QVERIFY2(error.contains(QStringLiteral("exec plugin")), qPrintable(error));
}

void TestKubeconfig::pathsFromTheEnvironment()
{
    qputenv("KUBECONFIG", QByteArray("/a/one") + char(QDir::listSeparator().toLatin1()) + "/b/two" + char(QDir::listSeparator().toLatin1()) + "/a/one");
    QCOMPARE(kubeconfigPaths({}), (QStringList{QStringLiteral("/a/one"), QStringLiteral("/b/two")}));
    QCOMPARE(kubeconfigPaths(QStringLiteral("/explicit")), QStringList{QStringLiteral("/explicit")});
    qunsetenv("KUBECONFIG");
    QCOMPARE(kubeconfigPaths({}), QStringList{QDir::homePath() + QStringLiteral("/.kube/config")});
}

void TestKubeconfig::execCredentialAnswers()
{
    QString error;
    auto c = parseExecCredential(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",
        "status":{"token":"abc","expirationTimestamp":"2026-12-07T18:30:00Z"}})",
                                 QStringLiteral("client.authentication.k8s.io/v1"), &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->token, QStringLiteral("abc"));
    QCOMPARE(c->expiresMs, QDateTime(QDate(2026, 12, 7), QTime(18, 30), Qt::UTC).toMSecsSinceEpoch());

    c = parseExecCredential(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",
        "status":{"clientCertificateData":"-----BEGIN CERTIFICATE-----","clientKeyData":"-----BEGIN PRIVATE KEY-----"}})",
                            {}, &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->expiresMs, 0);
    QVERIFY(!c->clientCertPem.isEmpty());

    QVERIFY(!parseExecCredential(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}})",
                                 QStringLiteral("client.authentication.k8s.io/v1"), &error));
    QVERIFY2(error.contains(QStringLiteral("v1beta1")), qPrintable(error));
    QVERIFY(!parseExecCredential(R"({"kind":"ExecCredential","status":{}})", {}, &error));
    QVERIFY(!parseExecCredential(R"({"kind":"ExecCredential","status":{"clientCertificateData":"x"}})", {}, &error));
    QVERIFY(!parseExecCredential("secret-token-printed-raw", {}, &error));
    QVERIFY2(!error.contains(QStringLiteral("secret")), "a plugin's output is never quoted: it may be a credential");
}

void TestKubeconfig::execCredentialRequestIsNonInteractive()
{
    KubeExecConfig exec;
    exec.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
    exec.provideClusterInfo = true;
    KubeCluster cluster;
    cluster.caPem = "PEM";
    const QJsonObject request = QJsonDocument::fromJson(execCredentialRequest(exec, cluster, QStringLiteral("https://k:6443"))).object();
    QCOMPARE(request.value(QStringLiteral("kind")).toString(), QStringLiteral("ExecCredential"));
    const QJsonObject spec = request.value(QStringLiteral("spec")).toObject();
    QCOMPARE(spec.value(QStringLiteral("interactive")).toBool(true), false);
    QCOMPARE(spec.value(QStringLiteral("cluster")).toObject().value(QStringLiteral("server")).toString(), QStringLiteral("https://k:6443"));
    QCOMPARE(spec.value(QStringLiteral("cluster")).toObject().value(QStringLiteral("certificate-authority-data")).toString(),
             QStringLiteral("UEVN"));
}

QTEST_GUILESS_MAIN(TestKubeconfig)
#include "tst_kubeconfig.moc"
