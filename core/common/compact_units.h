#pragma once

// Ages, durations and sizes in the few characters a table column or a
// command's output has for them: "45s", "12m", "3h", "2d"; "512 B", "1.5 MiB".

#include <QString>

namespace opsdeck {

// Whole units, the largest that keeps the number under about two of the next.
QString compactDuration(qint64 ms);
// Binary prefixes (KiB, MiB, GiB, TiB), one decimal from KiB up.
QString compactBytes(double bytes);

} // namespace opsdeck
