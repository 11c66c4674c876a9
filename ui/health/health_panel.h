#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTreeView;

namespace opsdeck {

class HealthModel;
class HealthTransitionModel;
class ProfileSession;

// The Health dock: every service with its status badge, reason, latency,
// version and the age of its last check; components expand under a service;
// the selected service's transitions are listed below.
class HealthPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HealthPanel(QWidget *parent = nullptr);

    void setSession(ProfileSession *session);
    QString summary() const;  // "3 healthy · 1 down", for the dock title and the status bar
    QTreeView *view() const { return m_view; }
    // Enough height for every service's row and a short history: the default layout's share.
    int preferredHeight() const;

Q_SIGNALS:
    void summaryChanged(const QString &summary);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitTableToRows();  // the services' table gets its rows' height, the history the rest
    int tableHeightForRows() const;
    void updateSummary();
    void onCurrentChanged();

    ProfileSession *m_session = nullptr;
    HealthModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy;
    HealthTransitionModel *m_transitions = nullptr;
    QLineEdit *m_filter;
    QTreeView *m_view;
    QLabel *m_historyTitle;
    QTableView *m_historyView;
    QSplitter *m_splitter;
    bool m_tableFitted = false;  // the splitter was sized to the services once; the user's from then on
    QString m_summary;
};

} // namespace opsdeck
