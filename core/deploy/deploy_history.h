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

// The image a deployment ran before current, from its history (the last
// deploy that brought current, its "from"); empty when none is known.
QString previousImage(const QList<DeployChange> &history, const QString &current);

} // namespace opsdeck
