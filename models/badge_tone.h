#pragma once

#include <QColor>

namespace opsdeck {

// How alarming something looks, and the one palette that turns a tone into a
// colour, so that a status reads the same in every panel, model and dialog
// (no colour is written anywhere else). Knows nothing of what is being judged.
// Each colour has a light and a dark variant; text of a tone on the window or a
// table, and the text on a badge of a tone, reach WCAG's 4.5:1 in both
// (tst_badge_tone checks them against ui/theme's palettes).
enum class BadgeTone { Neutral, Good, Warning, Bad, Critical, Muted };

// The fill of a badge, a dot or a line of that tone.
QColor badgeColor(BadgeTone tone, bool darkPalette);
// Readable text on a badge of that tone.
QColor badgeTextColor(BadgeTone tone, bool darkPalette);
// Text of that tone on the window's own background (a severity, a stale source).
QColor toneTextColor(BadgeTone tone, bool darkPalette);

// Whether the application's palette is dark (its window darker than its text).
bool isDarkPalette();
// The same for the current palette, for models (Qt::ForegroundRole) and rich text ("#rrggbb").
QColor toneTextColor(BadgeTone tone);
QString toneTextHtml(BadgeTone tone);

} // namespace opsdeck
