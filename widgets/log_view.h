#pragma once

// Log lines as they arrive, for reading while they keep coming: bounded (the
// oldest lines leave past maximumLines), errors in the bad tone, a search that
// marks every match and steps back through them, and a pause that holds new
// lines (counted, bounded too) until it is lifted, so a line being read does
// not scroll away. Knows no backend: the owner hands it lines.

#include <QWidget>

#include <deque>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

namespace opsdeck {

class LogView : public QWidget
{
    Q_OBJECT
public:
    struct Line {
        QString source;  // shown before the text when the view has several sources ("shop-api-1")
        QString text;
        bool error = false;  // stderr
    };

    explicit LogView(QWidget *parent = nullptr);

    void setMaximumLines(int lines);
    int maximumLines() const { return m_maximum; }
    void setShowSources(bool show) { m_showSources = show; }
    void appendLines(const QList<Line> &lines);
    void clear();
    // A line under the view, e.g. "following 3 containers" or why a stream ended.
    void setStatus(const QString &text);

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    int heldLines() const { return int(m_held.size()); }
    int lineCount() const;
    QString text() const;
    // Marks every match of text and moves to the last one before the cursor; returns the number of matches.
    int search(const QString &text);

private:
    void write(const QList<Line> &lines);
    void updatePauseText();

    QPlainTextEdit *m_text;
    QLineEdit *m_search;
    QToolButton *m_pause;
    QLabel *m_status;
    QLabel *m_matches;
    std::deque<Line> m_held;
    int m_maximum = 5000;
    bool m_paused = false;
    bool m_showSources = false;
};

} // namespace opsdeck
