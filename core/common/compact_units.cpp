#include "common/compact_units.h"

#include <algorithm>
#include <cmath>

namespace opsdeck {

QString compactDuration(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s < 120)
        return QStringLiteral("%1s").arg(s);
    if (s < 7200)
        return QStringLiteral("%1m").arg(s / 60);
    if (s < 172800)
        return QStringLiteral("%1h").arg(s / 3600);
    return QStringLiteral("%1d").arg(s / 86400);
}

QString compactBytes(double bytes)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    if (std::fabs(bytes) < 1024)
        return QStringLiteral("%1 B").arg(qint64(bytes));
    int unit = -1;
    while (std::fabs(bytes) >= 1024 && unit < 4) {
        bytes /= 1024;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(bytes, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

} // namespace opsdeck
