#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace opsdeck {

class AlertmanagerClient;
class ProfileSession;
struct Silence;
struct ActionOutcome;

// The silence inventory of a profile's Alertmanagers: active and pending
// (expired on request); the ones that end within 30 minutes and the ones
// that match no alert stand out. Extend, expire, or create one from scratch.
class SilencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SilencesDialog(ProfileSession *session, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }

private:
    struct Selected {
        const Silence *silence = nullptr;  // nullptr: nothing an action can apply to
        AlertmanagerClient *client = nullptr;
    };
    Selected selected() const;
    void extendSelected(qint64 byMs);
    void expireSelected();
    void createSilence();
    void onFinished(quint64 operation, const ActionOutcome &outcome);

    ProfileSession *m_session;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QCheckBox *m_showExpired;
    QLabel *m_message;
    QSet<quint64> m_pending;
};

} // namespace opsdeck
