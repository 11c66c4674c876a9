#pragma once

#include <QString>

namespace opsdeck {

class MainWindow;

// What the window shows, as JSON, for smoke and integration tests that run the
// real binary: the profile, each dock (name, title, shown, size) and each
// service's health as the Health panel has it. Written by --state-report FILE
// just before --quit-after closes the window.
bool writeStateReport(const MainWindow &window, const QString &path);

} // namespace opsdeck
