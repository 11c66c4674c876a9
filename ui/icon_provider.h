#pragma once

#include <QColor>
#include <QIcon>

namespace opsdeck {

// The application's icon, from the PNGs resources/ compiles in (no image plugin
// needed); the installer ships the same files for the desktop.
QIcon appIcon();

// The application's icon with a count in a coloured disc at its corner, for
// the tray: how many alerts need someone, in the colour of the worst of them.
// count 0 gives the plain icon.
QIcon badgedAppIcon(int count, const QColor &color);

} // namespace opsdeck
