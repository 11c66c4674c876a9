#pragma once

#include <QColor>

namespace opsdeck {

// How alarming something looks; the widgets map tones to colours so that a
// status reads the same in every panel. Knows nothing of what is being judged.
enum class BadgeTone { Neutral, Good, Warning, Bad, Critical, Muted };

QColor badgeColor(BadgeTone tone, bool darkPalette);
// Readable text on a badge of that tone.
QColor badgeTextColor(BadgeTone tone, bool darkPalette);

} // namespace opsdeck
