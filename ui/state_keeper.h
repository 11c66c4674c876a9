#pragma once

// The last known state of the profile on screen (core/state): restored into the
// session's models and the deployment rows before the session starts, so the
// window shows the last picture at once, stale and with its age; saved every
// half minute and when the session ends. Encoding runs on the GUI thread (small
// values); the writes, with their fsync, on the thread pool.

#include "state/last_known_state.h"

#include <QMap>
#include <QObject>

class QTimer;

namespace opsdeck {

class DeploymentStore;
class ProfileSession;

class StateKeeper : public QObject
{
    Q_OBJECT
public:
    StateKeeper(ProfileSession *session, DeploymentStore *deployments, QObject *parent = nullptr);
    ~StateKeeper() override;  // saves one last time

    // Reads each part and hands it to its model; call before the session starts.
    void restore();
    // Starts saving on the interval.
    void start(int intervalMs = 30000);
    void saveNow();

    // When the oldest part still on screen from an earlier run was saved; 0 when none is.
    qint64 restoredSavedAtMs() const;
    const LastKnownState &files() const { return m_files; }

Q_SIGNALS:
    // Each second while an earlier run's data is on screen (its age moves), and
    // once more when the last of it is replaced (see restoredSavedAtMs).
    void restoredChanged();

private:
    void checkRestored();
    void write(LastKnownState::Part part, const QJsonValue &payload, qint64 nowMs);

    ProfileSession *m_session;
    DeploymentStore *m_deployments;
    LastKnownState m_files;
    QTimer *m_saveTimer;
    QTimer *m_checkTimer;
    QMap<LastKnownState::Part, qint64> m_restoredAt;  // parts restored and still on screen
};

} // namespace opsdeck
