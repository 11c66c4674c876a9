#pragma once

// The deploy commands on a profile's Kubernetes Deployments: the cluster
// listed and watched until it settles, a Deployment found by its name, its
// revisions, and the actions (restart, scale, pause, resume, rollback).

#include "cli_context.h"
#include "deploy/deployment.h"
#include "kube/kube_connection.h"

#include <memory>

namespace opsdeck::cli {

// The profile's cluster with every namespace listed; nullptr with the reason said.
std::unique_ptr<KubeConnection> connectedKube(CliContext &context, const Profile &profile, HttpClient *http);

// NAME as one of its Deployments: "namespace/name", or "name" alone in the
// context's namespace (or in whichever watched namespace alone has one).
const Deployment *findKubeDeployment(const KubeConnection &kube, const QString &name);

int kubeHistory(CliContext &context, const KubeConnection &kube, const Deployment &deployment);
// action: restart, scale (args[2] the count), pause, resume, rollback (--to-revision, --reason).
int kubeAction(CliContext &context, const Profile &profile, KubeConnection &kube, const QString &action, const Deployment &deployment);

} // namespace opsdeck::cli
