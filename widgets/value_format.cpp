#include "value_format.h"

#include <cmath>

namespace opsdeck {

namespace {

QString number(double v, int decimals, int automatic)
{
    return QString::number(v, 'f', decimals >= 0 ? decimals : automatic);
}

// Long durations read better in the largest unit they reach: an uptime of
// 1,209,600 s is "2 weeks", not "1.21e+06 s".
QString duration(double seconds, int decimals)
{
    struct Step {
        double size;
        const char *name;
    };
    static constexpr Step steps[] = {{604800, "weeks"}, {86400, "days"}, {3600, "h"}, {60, "min"}};
    for (const Step &s : steps) {
        if (std::abs(seconds) >= 2 * s.size)
            return QStringLiteral("%1 %2").arg(number(seconds / s.size, decimals, 1), QLatin1String(s.name));
    }
    return QStringLiteral("%1 s").arg(decimals >= 0 ? number(seconds, decimals, 0) : QString::number(seconds, 'g', 4));
}

} // namespace

QString formatValue(double v, ValueUnit unit, int decimals)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    switch (unit) {
    case ValueUnit::Milliseconds: return QStringLiteral("%1 ms").arg(number(v, decimals, v < 10 ? 2 : 1));
    case ValueUnit::Seconds: return duration(v, decimals);
    case ValueUnit::PerSecond: return QStringLiteral("%1/s").arg(number(v, decimals, v < 10 ? 2 : 1));
    case ValueUnit::Percent: return QStringLiteral("%1 %").arg(number(v, decimals, 2));
    case ValueUnit::Bytes: {
        const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int i = 0;
        while (std::abs(v) >= 1024 && i < 5) {
            v /= 1024;
            ++i;
        }
        return QStringLiteral("%1 %2").arg(number(v, decimals, i == 0 ? 0 : 1), QLatin1String(units[i]));
    }
    case ValueUnit::None: break;
    }
    return decimals >= 0 ? number(v, decimals, 0) : QString::number(v, 'g', 5);
}

} // namespace opsdeck
