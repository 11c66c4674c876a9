#pragma once

// The command palette (Ctrl+K): a search field over the window with the
// entries that match below it. Type, move with the arrows, Enter runs the
// entry, Escape (or a click elsewhere) closes. Knows nothing of the panels:
// the window hands it the entries each time it opens.

#include "palette_model.h"

#include <QFrame>

class QLineEdit;
class QListView;

namespace opsdeck {

class CommandPalette : public QFrame
{
    Q_OBJECT
public:
    explicit CommandPalette(QWidget *window);

    // Shows the palette over its window with these entries, the field empty and focused.
    void open(QList<PaletteEntry> entries);
    // Runs the entry on the row (of what is shown) and closes; false when there is none.
    bool runRow(int row);
    PaletteModel *model() const { return m_model; }
    QLineEdit *field() const { return m_field; }
    QListView *list() const { return m_list; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    PaletteModel *m_model;
    QLineEdit *m_field;
    QListView *m_list;
};

} // namespace opsdeck
