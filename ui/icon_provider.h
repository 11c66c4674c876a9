#pragma once

#include <QColor>
#include <QIcon>

namespace opsdeck {

// The application's icon, drawn in code so that no image plugin is needed; the
// installer ships the same design as files for the desktop.
QIcon appIcon();

// The application's icon with a count in a coloured disc at its corner, for
// the tray: how many alerts need someone, in the colour of the worst of them.
// count 0 gives the plain icon.
QIcon badgedAppIcon(int count, const QColor &color);

} // namespace opsdeck
