#include "kube/kube_connection.h"

namespace opsdeck {

std::unique_ptr<KubeConnection> KubeConnection::open(HttpClient *http, const KubernetesConfig &config, const QString &environment,
                                                     QString *error)
{
    const KubeConfigLoad load = loadKubeconfig(kubeconfigPaths(config.kubeconfig), !config.kubeconfig.isEmpty());
    if (!load.ok()) {
        *error = load.errors.join(QLatin1String("; "));
        return nullptr;
    }
    const auto target = resolveKubeContext(*load.config, config.context, error);
    if (!target)
        return nullptr;
    QStringList namespaces = config.namespaces;
    if (namespaces.isEmpty())
        namespaces = {target->nameSpace};
    if (namespaces.contains(QStringLiteral("*")))
        namespaces.clear();
    return std::unique_ptr<KubeConnection>(new KubeConnection(http, *target, environment, namespaces));
}

KubeConnection::KubeConnection(HttpClient *http, const KubeTarget &target, const QString &environment, const QStringList &namespaces)
    : m_api(new KubeApi(http, target, this))
    , m_watcher(new KubeWatcher(m_api, environment, namespaces, this))
    , m_namespaces(namespaces)
{
}

KubeConnection::~KubeConnection()
{
    // The watcher's requests go through the API: stopped first.
    m_watcher->stop();
}

} // namespace opsdeck
