#pragma once

#include <QIcon>

namespace opsdeck {

// The application's icon, drawn in code so that no image plugin is needed; the
// installer ships the same design as files for the desktop.
QIcon appIcon();

} // namespace opsdeck
