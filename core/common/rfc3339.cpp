#include "common/rfc3339.h"

#include <QDate>
#include <QDateTime>

namespace opsdeck {

std::optional<qint64> parseRfc3339Ms(std::string_view s)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
    auto digits = [&](std::size_t at, std::size_t count, int *out) {
        if (at + count > s.size())
            return false;
        int v = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            v = v * 10 + (s[i] - '0');
        }
        *out = v;
        return true;
    };
    int year, month, day, hour, minute, second;
    if (!digits(0, 4, &year) || s.size() < 20 || s[4] != '-' || !digits(5, 2, &month) || s[7] != '-'
        || !digits(8, 2, &day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(11, 2, &hour)
        || s[13] != ':' || !digits(14, 2, &minute) || s[16] != ':' || !digits(17, 2, &second))
        return std::nullopt;
    std::size_t i = 19;
    qint64 fractionMs = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int scale = 100;
        const std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            fractionMs += (s[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
        if (i == start)
            return std::nullopt;
    }
    qint64 offsetMs = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!digits(i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(i + 4, 2, &om))
            return std::nullopt;
        offsetMs = (qint64(oh) * 3600 + om * 60) * 1000 * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const qint64 days = date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    return ((days * 24 + hour) * 60 + minute) * 60000LL + second * 1000LL + fractionMs - offsetMs;
}

QString formatRfc3339Ms(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace opsdeck
