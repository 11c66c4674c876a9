#include "deploy/deploy_history.h"

#include <QHash>

#include <algorithm>

namespace opsdeck {

QList<AuditedRollout> auditedRollouts(const QList<AuditRecord> &records)
{
    QList<AuditedRollout> out;
    QHash<QString, qsizetype> byCorrelation;
    for (const AuditRecord &r : records) {
        const AuditEntry &e = r.entry;
        if (!e.action.startsWith(QLatin1String("deploy-")))
            continue;
        if (e.phase == u"intent") {
            AuditedRollout a;
            a.environment = e.target.section(u':', 0, 0);
            a.name = e.target.section(u':', 1);
            a.action = e.action;
            a.operatorName = e.operatorName;
            a.fromImage = e.parameters.value(QStringLiteral("from")).toString();
            a.toImage = e.parameters.value(QStringLiteral("to")).toString();
            a.startedMs = r.timeMs;
            byCorrelation.insert(e.correlation, out.size());
            out.append(a);
        } else if (const auto it = byCorrelation.constFind(e.correlation); it != byCorrelation.cend()) {
            AuditedRollout &a = out[*it];
            a.endedMs = r.timeMs;
            a.ok = e.result == u"ok";
            a.error = e.error;
        }
    }
    return out;
}

QList<DeployChange> attributeDeployChanges(QList<DeployChange> seen, const QList<AuditedRollout> &audited)
{
    std::sort(seen.begin(), seen.end(), [](const DeployChange &a, const DeployChange &b) { return a.timeMs < b.timeMs; });
    constexpr qint64 slackMs = 2000;  // the engine's clock and ours, and the audit line written just before the request
    QList<DeployChange> out;
    QHash<QString, qsizetype> lastOf;  // deployment -> its last change in out
    for (DeployChange &c : seen) {
        if (c.actor.isEmpty()) {
            for (const AuditedRollout &a : audited) {
                const qint64 end = a.endedMs ? a.endedMs : a.startedMs + 15 * 60 * 1000;
                if (a.environment != c.environment || a.name != c.name || c.timeMs < a.startedMs - slackMs || c.timeMs > end + slackMs)
                    continue;
                const bool explains = (c.kind == DeployChange::Kind::Restart && a.action == u"deploy-restart")
                                      || (c.kind == DeployChange::Kind::Deploy && a.action == u"deploy-rollback" && a.toImage == c.toImage)
                                      || (c.kind == DeployChange::Kind::Deploy && a.action == u"deploy-rollback" && a.fromImage == c.toImage && !a.ok);
                if (explains) {
                    c.actor = a.operatorName;
                    break;
                }
            }
        }
        const QString key = c.environment + u'\x1f' + c.name;
        if (c.kind == DeployChange::Kind::Restart) {
            if (const auto last = lastOf.constFind(key); last != lastOf.cend()) {
                const DeployChange &previous = out[*last];
                if (previous.kind == DeployChange::Kind::Restart && c.timeMs - previous.timeMs < 120000)
                    continue;
            }
        }
        lastOf.insert(key, out.size());
        out.append(std::move(c));
    }
    return out;
}

QString previousImage(const QList<DeployChange> &history, const QString &current)
{
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        if (it->kind == DeployChange::Kind::Deploy && it->toImage == current && !it->fromImage.isEmpty() && it->fromImage != current)
            return it->fromImage;
    }
    return {};
}

bool deploymentServes(const QString &deploymentName, const QString &service)
{
    if (service.isEmpty())
        return false;
    return deploymentName == service || (deploymentName.contains(u'/') && deploymentName.section(u'/', 1) == service);
}

const DeployChange *lastChangeBefore(const QList<DeployChange> &changes, const QStringList &services, qint64 beforeMs)
{
    for (auto it = changes.crbegin(); it != changes.crend(); ++it) {
        if (it->timeMs > beforeMs)
            continue;
        for (const QString &service : services) {
            if (deploymentServes(it->name, service))
                return &*it;
        }
    }
    return nullptr;
}

QString describeDeployChange(const DeployChange &c)
{
    QString text = c.kind == DeployChange::Kind::Restart
                       ? QStringLiteral("restart of %1").arg(c.name)
                       : (c.fromImage.isEmpty() ? QStringLiteral("deploy of %1").arg(c.toImage)
                                                : QStringLiteral("deploy %1 → %2").arg(c.fromImage, c.toImage));
    if (!c.actor.isEmpty())
        text += QStringLiteral(" by %1").arg(c.actor);
    return text;
}

} // namespace opsdeck
