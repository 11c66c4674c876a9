#pragma once

#include "db/pg_snapshot.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace opsdeck {

class SessionFilter;
class SessionModel;

// The Sessions tab: pg_stat_activity as a table, filtered by words and
// switches, with the thresholds that flag long queries and idle transactions.
class SessionsTab : public QWidget
{
    Q_OBJECT
public:
    explicit SessionsTab(QWidget *parent = nullptr);

    void setSessions(std::vector<PgSession> sessions, qint64 serverNowMs);
    void clear();
    // The selected session, as the last poll saw it.
    std::optional<PgSession> selectedSession() const;
    bool selectPid(int pid);
    QTableView *view() const { return m_view; }
    SessionModel *model() const { return m_model; }
    SessionFilter *filter() const { return m_filter; }

Q_SIGNALS:
    void selectionChanged();

private:
    SessionModel *m_model;
    SessionFilter *m_filter;
    QLineEdit *m_words;
    QCheckBox *m_hideIdle;
    QCheckBox *m_activeOnly;
    QCheckBox *m_background;
    QSpinBox *m_longQuery;
    QSpinBox *m_idleInTransaction;
    QTableView *m_view;
    bool m_columnsSized = false;
};

} // namespace opsdeck
