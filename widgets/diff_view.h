#pragma once

// A line diff shown whole, read-only and monospaced: each line with its mark
// ("- ", "+ " or two spaces), what goes on a red ground, what comes on a green
// one, and the first change scrolled into view. Knows nothing of what is diffed.

#include <QPlainTextEdit>

namespace opsdeck {

class DiffView : public QPlainTextEdit
{
    Q_OBJECT
public:
    struct Line {
        enum class Kind { Same, Removed, Added };
        Kind kind = Kind::Same;
        QString text;
    };

    explicit DiffView(QWidget *parent = nullptr);
    void setLines(const QList<Line> &lines);
    // The lines as shown, each with its mark, for tests and for copying.
    const QStringList &markedLines() const { return m_marked; }
    int changedLines() const { return m_changed; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void scrollToFirstChange();

    QStringList m_marked;
    int m_changed = 0;
    int m_firstChange = -1;
    bool m_scrolledOnce = false;
};

} // namespace opsdeck
