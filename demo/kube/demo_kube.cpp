// opsdeck-demo-kube: the demo environment's Kubernetes API. No API server runs
// on the machines the demo runs on, so this is the stand-in the tests use
// (tests/support/fake_kube_apiserver.h: the API's documented shapes, and a
// small deployment controller), seeded with the demo's Deployments and their
// revisions, on 127.0.0.1 with a token. It writes the kubeconfig that reaches it.
//   opsdeck-demo-kube --port 16443 --kubeconfig FILE

#include "fake_kube_apiserver.h"

#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>

namespace {

volatile std::sig_atomic_t stopping = 0;

void onSignal(int)
{
    stopping = 1;
}

} // namespace

int main(int argc, char **argv)
{
    int port = 16443;
    std::string kubeconfig = "kubeconfig";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--port") == 0)
            port = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--kubeconfig") == 0)
            kubeconfig = argv[i + 1];
    }
    testsupport::FakeKubeApiServer::Options options;
    options.port = port;
    std::unique_ptr<testsupport::FakeKubeApiServer> server;
    try {
        server = std::make_unique<testsupport::FakeKubeApiServer>(options);
    } catch (const std::exception &e) {
        std::cerr << "opsdeck-demo-kube: " << e.what() << '\n';
        return 1;
    }
    const std::string token = "demo-token";
    server->acceptToken(token);
    // The same services as the demo's containers, a release ahead: staging runs what prod gets next.
    server->addDeployment("demo", "api-gateway", "opsdeck-demo/api-gateway:1.4.1", 3);
    server->setImage("demo", "api-gateway", "opsdeck-demo/api-gateway:1.4.2", "deploy 1.4.2 (ci #812)");
    server->setImage("demo", "api-gateway", "opsdeck-demo/api-gateway:1.4.3", "deploy 1.4.3 (ci #840): connection pool rework");
    server->addDeployment("demo", "orders", "opsdeck-demo/orders:2.0.0", 2);
    server->setImage("demo", "orders", "opsdeck-demo/orders:2.0.1", "deploy 2.0.1 (ci #831)");
    server->addDeployment("demo", "inventory", "opsdeck-demo/inventory:0.9.3", 2,
                          {{"kustomize.toolkit.fluxcd.io/name", "apps"}, {"kustomize.toolkit.fluxcd.io/namespace", "flux-system"}});
    server->setRolloutDelayMs(4000);  // a rollout takes a few seconds, as on a cluster

    std::ofstream out(kubeconfig);
    out << "apiVersion: v1\nkind: Config\n"
        << "clusters:\n- name: demo\n  cluster:\n    server: " << server->url() << "\n"
        << "users:\n- name: demo-operator\n  user:\n    token: " << token << "\n"
        << "contexts:\n- name: demo-staging\n  context:\n    cluster: demo\n    user: demo-operator\n    namespace: demo\n"
        << "current-context: demo-staging\n";
    out.close();
    std::cout << "opsdeck-demo-kube: a stand-in Kubernetes API on " << server->url() << ", kubeconfig " << kubeconfig << std::endl;

    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    while (!stopping)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return 0;
}
