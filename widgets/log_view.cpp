#include "log_view.h"

#include "badge_tone.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

namespace opsdeck {

LogView::LogView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setAccessibleName(tr("Search the logs"));
    m_search->setPlaceholderText(tr("Search the lines (Enter: the one before)"));
    m_search->setClearButtonEnabled(true);
    bar->addWidget(m_search, 1);
    m_matches = new QLabel(this);
    m_matches->setObjectName(QStringLiteral("logMatches"));
    bar->addWidget(m_matches);
    m_pause = new QToolButton(this);
    m_pause->setObjectName(QStringLiteral("logPause"));
    m_pause->setCheckable(true);
    bar->addWidget(m_pause);
    layout->addLayout(bar);

    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMaximumBlockCount(m_maximum);
    m_text->setUndoRedoEnabled(false);
    layout->addWidget(m_text, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("logStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_pause, &QToolButton::toggled, this, &LogView::setPaused);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) { search(text); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { search(m_search->text()); });
    updatePauseText();
}

void LogView::setMaximumLines(int lines)
{
    m_maximum = std::max(100, lines);
    m_text->setMaximumBlockCount(m_maximum);
}

void LogView::appendLines(const QList<Line> &lines)
{
    if (lines.isEmpty())
        return;
    if (m_paused) {
        for (const Line &l : lines)
            m_held.push_back(l);
        while (int(m_held.size()) > m_maximum)
            m_held.pop_front();
        updatePauseText();
        return;
    }
    write(lines);
}

void LogView::write(const QList<Line> &lines)
{
    QScrollBar *bar = m_text->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    QTextCharFormat normal;
    QTextCharFormat error;
    error.setForeground(toneTextColor(BadgeTone::Bad));
    QTextCharFormat source;
    source.setForeground(toneTextColor(BadgeTone::Muted));
    // Only the last maximumLines can stay: writing more would be undone at once.
    const qsizetype first = std::max<qsizetype>(0, lines.size() - m_maximum);
    for (qsizetype i = first; i < lines.size(); ++i) {
        const Line &l = lines[i];
        if (!m_text->document()->isEmpty())
            cursor.insertBlock();
        if (m_showSources && !l.source.isEmpty())
            cursor.insertText(l.source + QStringLiteral(" | "), source);
        cursor.insertText(l.text, l.error ? error : normal);
    }
    cursor.endEditBlock();
    if (atBottom)
        bar->setValue(bar->maximum());
}

void LogView::clear()
{
    m_text->clear();
    m_held.clear();
    updatePauseText();
}

void LogView::setStatus(const QString &text)
{
    m_status->setText(text);
}

void LogView::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    if (!paused && !m_held.empty()) {
        const QList<Line> held(m_held.begin(), m_held.end());
        m_held.clear();
        write(held);
        m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
    }
    updatePauseText();
}

void LogView::updatePauseText()
{
    if (!m_paused) {
        m_pause->setText(tr("Pause"));
        m_pause->setToolTip(tr("Hold new lines so the one being read stays put"));
    } else {
        m_pause->setText(m_held.empty() ? tr("Resume") : tr("Resume (%n new)", nullptr, int(m_held.size())));
        m_pause->setToolTip(tr("New lines are held until you resume"));
    }
}

int LogView::lineCount() const
{
    return m_text->document()->isEmpty() ? 0 : m_text->document()->blockCount();
}

QString LogView::text() const
{
    return m_text->toPlainText();
}

int LogView::search(const QString &text)
{
    QList<QTextEdit::ExtraSelection> marks;
    if (text.isEmpty()) {
        m_text->setExtraSelections(marks);
        m_matches->clear();
        return 0;
    }
    QTextCharFormat mark;
    mark.setBackground(badgeColor(BadgeTone::Warning, isDarkPalette()));
    mark.setForeground(badgeTextColor(BadgeTone::Warning, isDarkPalette()));
    QTextDocument *document = m_text->document();
    for (QTextCursor found = document->find(text); !found.isNull(); found = document->find(text, found)) {
        marks.append({found, mark});
        if (marks.size() >= 5000)
            break;  // enough to show; a search must not freeze the panel
    }
    m_text->setExtraSelections(marks);
    m_matches->setText(marks.isEmpty() ? tr("no match") : tr("%n match(es)", nullptr, int(marks.size())));
    // The newest match before the cursor (or the last one), so Enter steps back in time.
    QTextCursor from = m_text->textCursor();
    if (!from.hasSelection())
        from.movePosition(QTextCursor::End);
    QTextCursor previous = document->find(text, from.selectionStart(), QTextDocument::FindBackward);
    if (previous.isNull())
        previous = document->find(text, document->characterCount(), QTextDocument::FindBackward);
    if (!previous.isNull())
        m_text->setTextCursor(previous);
    return int(marks.size());
}

} // namespace opsdeck
