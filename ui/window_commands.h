#pragma once

// What the window offers the keyboard, read from the window itself so that it
// cannot drift from the menus: each command of the menu bar with its path
// ("File › Import profile…"), the shortcut sheet made of them, and the command
// palette's entries (the panels, those commands, each panel's own actions, and
// the session's services, alerts, databases and deployments).

#include "palette_model.h"

#include <QList>
#include <QString>

class QAction;
class QDockWidget;
class QMenuBar;

namespace opsdeck {

class MainWindow;

struct MenuCommand {
    QAction *action;
    QString path;  // "View › Panels › Health"
};

// Every command of the menu bar, submenus walked, separators left out.
QList<MenuCommand> menuCommands(const QMenuBar *bar);
// The shortcut sheet (Help › Keyboard shortcuts) as rich text: each key and its command.
QString shortcutSheetHtml(const QMenuBar *bar);
// Brings a dock forward with the keyboard where the panel's work is (its table).
void focusDock(QDockWidget *dock);
QList<PaletteEntry> paletteEntries(MainWindow &window);

} // namespace opsdeck
