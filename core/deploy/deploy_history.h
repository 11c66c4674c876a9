#pragma once

// A deployment's history: the changes the engine showed (a new image, a
// restart) joined with OpsDeck's own actions from the audit log, so that a
// change OpsDeck made names the operator who made it.

#include "audit/audit_log.h"
#include "deploy/deployment.h"

#include <QList>

namespace opsdeck {

struct AuditedRollout {
    QString environment, name;  // from the audit target "environment:name"
    QString action;             // deploy-restart, deploy-rollback…
    QString operatorName;
    QString fromImage, toImage; // rollbacks
    qint64 startedMs = 0;       // the intent
    qint64 endedMs = 0;         // the outcome
    bool ok = false;
    QString error;
};

// Each deploy action of the audit log with its intent and outcome paired.
QList<AuditedRollout> auditedRollouts(const QList<AuditRecord> &records);

// The engine's changes, each one an audited action explains (the same
// deployment, between its intent and its outcome, a rollback's image) given
// that action's operator; restarts of one deployment within two minutes
// folded into one. Oldest first.
QList<DeployChange> attributeDeployChanges(QList<DeployChange> seen, const QList<AuditedRollout> &audited);

// Whether a deployment runs the service of that name, as dashboards and alerts
// name it: the deployment's own name ("shop/api", "cache") or, for a Compose
// service, the service alone ("api").
bool deploymentServes(const QString &deploymentName, const QString &service);

// The last change of a deployment serving one of services at or before
// beforeMs; nullptr when none. changes: oldest first.
const DeployChange *lastChangeBefore(const QList<DeployChange> &changes, const QStringList &services, qint64 beforeMs);

// One line for people: "deploy shop/api:1.4.2 → shop/api:1.4.3 by alice", "restart of shop/api".
QString describeDeployChange(const DeployChange &change);

// The image a deployment ran before current, from its history (the last
// deploy that brought current, its "from"); empty when none is known.
QString previousImage(const QList<DeployChange> &history, const QString &current);

} // namespace opsdeck
