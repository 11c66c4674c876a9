#pragma once

#include <QSortFilterProxyModel>

namespace opsdeck {

// What the Sessions view shows of a SessionModel: client sessions only unless
// asked (the server's own processes and other OpsDeck consoles' connections
// count as background), idle ones hidden or not, active only, and words. A word matches the
// pid, user, application, database, client, state or query; "user:NAME",
// "app:NAME" and "db:NAME" match that column only. Sorted by raw values.
class SessionFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SessionFilter(QObject *parent = nullptr);

    void setShowIdle(bool show);
    void setActiveOnly(bool active);
    void setShowBackground(bool show);
    void setWords(const QString &text);
    bool showIdle() const { return m_showIdle; }
    bool activeOnly() const { return m_activeOnly; }
    bool showBackground() const { return m_showBackground; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    struct Word {
        int column = -1;  // -1: any
        QString text;
    };
    bool m_showIdle = true;
    bool m_activeOnly = false;
    bool m_showBackground = false;
    QList<Word> m_words;
};

} // namespace opsdeck
