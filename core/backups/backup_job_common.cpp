#include "backup_job_common.h"

#include "common/compact_units.h"


namespace opsdeck {

const DatabaseConfig *BackupContext::database(const QString &name) const
{
    for (const DatabaseConfig &d : profile.databases)
        if (d.name == name)
            return &d;
    return nullptr;
}

qint64 remainingEstimateMs(double fraction, qint64 elapsedMs)
{
    // Too early to say: the first percent of a dump is mostly catalogue reading.
    if (fraction < 0.02 || elapsedMs < 1000)
        return -1;
    if (fraction >= 1)
        return 0;
    return qint64(double(elapsedMs) * (1 - fraction) / fraction);
}

QString describeProgress(const JobProgress &p)
{
    QStringList parts{p.phase};
    if (p.objectsTotal > 0)
        parts << QStringLiteral("%1/%2 objects").arg(p.objectsDone).arg(p.objectsTotal);
    if (p.bytes > 0)
        parts << compactBytes(double(p.bytes));
    if (p.fraction >= 0)
        parts << QStringLiteral("%1 %").arg(int(p.fraction * 100));
    parts << compactDuration(p.elapsedMs);
    if (p.remainingMs >= 0)
        parts << QStringLiteral("about %1 left").arg(compactDuration(p.remainingMs));
    if (!p.detail.isEmpty())
        parts << p.detail;
    return parts.join(QStringLiteral(", "));
}

} // namespace opsdeck
