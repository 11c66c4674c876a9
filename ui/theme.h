#pragma once

// Light or dark: the console follows the system unless the user chose one
// (View › Theme, or --theme). "System" keeps the platform's own palette and,
// on Qt 6.5 and later, follows its colour scheme as it changes; "Light" and
// "Dark" use Fusion with a palette of ours, so they look the same everywhere.
// Every colour of a status comes from badge_tone (models), which has a
// variant for each and reads which one is in use from the palette.

#include <QPalette>
#include <QString>

namespace opsdeck {

enum class ThemeMode { System, Light, Dark };

QString themeModeKey(ThemeMode mode);                 // "system", "light", "dark"
bool themeModeFromKey(const QString &key, ThemeMode *mode);

// Ours: the window, text and selection colours of each (WCAG AA against the tones).
QPalette lightPalette();
QPalette darkPalette();

// Applies the mode to the whole application; widgets get a PaletteChange.
// Call once with the mode at start, before the window exists, and again when it changes.
void applyTheme(ThemeMode mode);

} // namespace opsdeck
