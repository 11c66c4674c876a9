#pragma once

// A profile's cluster: its kubeconfig read (the profile's own file, else
// $KUBECONFIG, else ~/.kube/config), its context resolved, and the API and
// the watcher of its namespaces made from them. What the console and the
// command line both open.

#include "config/config.h"
#include "kube/kube_api.h"
#include "kube/kube_watcher.h"

#include <QObject>

#include <memory>

namespace opsdeck {

class KubeConnection : public QObject
{
    Q_OBJECT
public:
    // nullptr with error when the kubeconfig or its context cannot be read.
    static std::unique_ptr<KubeConnection> open(HttpClient *http, const KubernetesConfig &config, const QString &environment,
                                                QString *error);
    ~KubeConnection() override;

    KubeApi *api() const { return m_api; }
    KubeWatcher *watcher() const { return m_watcher; }
    // The namespaces watched; empty: all of them.
    const QStringList &namespaces() const { return m_namespaces; }
    // Where "name" alone is looked for: the context's namespace.
    QString defaultNamespace() const { return m_api->target().nameSpace; }

private:
    KubeConnection(HttpClient *http, const KubeTarget &target, const QString &environment, const QStringList &namespaces);

    KubeApi *m_api;
    KubeWatcher *m_watcher;
    QStringList m_namespaces;
};

} // namespace opsdeck
