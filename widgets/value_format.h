#pragma once

#include <QString>

namespace opsdeck {

// The units charts and tiles know, and how a value reads in each.
enum class ValueUnit { None, Milliseconds, Seconds, PerSecond, Percent, Bytes };

// A value as a reader wants it: "12.35 %", "1.5 MiB", "3.2 days". decimals < 0
// chooses by magnitude; a fixed count is kept (Grafana's "decimals").
QString formatValue(double value, ValueUnit unit, int decimals = -1);

} // namespace opsdeck
