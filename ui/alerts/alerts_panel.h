#pragma once

#include "alerts/alerts.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTextBrowser;
class QTreeView;

namespace opsdeck {

class AlertFilterProxy;
class AlertModel;
class ProfileSession;
class SilencesDialog;
struct ActionOutcome;

// The Alerts dock: every alert of every source, grouped, filtered with
// matchers and words, sorted; the selected alert's details below; acknowledge
// (one or many, keyboard A), unacknowledge (U), and the silence inventory.
class AlertsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AlertsPanel(QWidget *parent = nullptr);
    ~AlertsPanel() override;

    void setSession(ProfileSession *session);
    // The last deploy or restart of the alert's service before it started, for
    // its details ("deploy shop/api:1.4.2 → 1.4.3 by alice, 3 min before"); empty when none is known.
    using DeployLookup = std::function<QString(const Alert &)>;
    void setDeployLookup(DeployLookup lookup) { m_deployLookup = std::move(lookup); }
    QString summary() const { return m_summary; }  // "2 critical · 1 warning"
    QTreeView *view() const { return m_view; }
    AlertFilterProxy *proxy() const { return m_proxy; }
    // The alerts the selection covers (a selected group counts as all its alerts).
    std::vector<Alert> selectedAlerts() const;

    void acknowledgeSelected();
    void unacknowledgeSelected();
    void showSilences();

Q_SIGNALS:
    void summaryChanged(const QString &summary);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateSummary();
    void updateSources();
    void updateDetails();
    void updateActions();
    void onActionFinished(quint64 operation, const ActionOutcome &outcome);
    void report(const QString &text, bool error);
    void sendAcks(const std::vector<Alert> &alerts);
    void resolveInDatabase(const std::vector<Alert> &alerts);

    ProfileSession *m_session = nullptr;
    AlertModel *m_model = nullptr;
    AlertFilterProxy *m_proxy;
    QComboBox *m_groupBy;
    QLineEdit *m_filter;
    QCheckBox *m_hideSuppressed;
    QTreeView *m_view;
    QTextBrowser *m_details;
    DeployLookup m_deployLookup;
    QSplitter *m_splitter;
    bool m_splitterSized = false;
    bool m_columnsSized = false;
    QLabel *m_sources;
    QLabel *m_message;
    QAction *m_ackAction;
    QAction *m_unackAction;
    QAction *m_silencesAction;
    QPointer<SilencesDialog> m_silencesDialog;
    QString m_summary;
    QSet<quint64> m_pending;  // our operations in flight
};

} // namespace opsdeck
