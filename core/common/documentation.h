#pragma once

#include <QString>

namespace opsdeck {

// Where a page of the documentation is on this machine: the package's
// /usr/share/doc/opsdeck (beside the binary's prefix), else the source tree's
// docs/ for a build run from a clone. Messages point at a file the user has.
// page: "configuration.md"; empty: the folder.
QString documentationPath(const QString &page = {});

} // namespace opsdeck
