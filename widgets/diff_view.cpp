#include "diff_view.h"

#include "badge_tone.h"

#include <QFontDatabase>
#include <QScrollBar>
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
    m_scrolledOnce = false;
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
    // The first change near the top, two lines of context above it (a plain text view scrolls by lines).
    m_firstChange = firstChange;
    scrollToFirstChange();
}

void DiffView::scrollToFirstChange()
{
    if (m_firstChange >= 0)
        verticalScrollBar()->setValue(std::max(0, m_firstChange - 2));
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    // Laid out only now, the first time it is shown: the scroll asked for before is applied again.
    if (!m_scrolledOnce && m_firstChange >= 0) {
        m_scrolledOnce = true;
        scrollToFirstChange();
    }
}

} // namespace opsdeck
