#include "diff_view.h"

#include "badge_tone.h"

#include <QFontDatabase>
#include <QTextBlock>
#include <QTextCursor>

namespace opsdeck {

DiffView::DiffView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void DiffView::setLines(const QList<Line> &lines)
{
    clear();
    m_marked.clear();
    m_changed = 0;
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    QColor removed = badgeColor(BadgeTone::Bad, dark);
    QColor added = badgeColor(BadgeTone::Good, dark);
    removed.setAlpha(70);
    added.setAlpha(70);
    QTextCursor cursor(document());
    int firstChange = -1;
    for (const Line &line : lines) {
        const QString mark = line.kind == Line::Kind::Added ? QStringLiteral("+ ") : line.kind == Line::Kind::Removed ? QStringLiteral("- ") : QStringLiteral("  ");
        QTextBlockFormat block;
        if (line.kind != Line::Kind::Same) {
            block.setBackground(line.kind == Line::Kind::Added ? added : removed);
            if (firstChange < 0)
                firstChange = int(m_marked.size());
            ++m_changed;
        }
        if (m_marked.isEmpty())
            cursor.setBlockFormat(block);
        else
            cursor.insertBlock(block);
        cursor.insertText(mark + line.text);
        m_marked << mark + line.text;
    }
    moveCursor(QTextCursor::Start);
    if (firstChange >= 0) {
        // A few lines of context above the first change.
        setTextCursor(QTextCursor(document()->findBlockByNumber(std::max(0, firstChange - 3))));
        ensureCursorVisible();
    }
}

} // namespace opsdeck
