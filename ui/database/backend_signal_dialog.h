#pragma once

#include "db/backend_actions.h"
#include "db/pg_snapshot.h"

#include <QDialog>

namespace opsdeck {

// Asks before a backend is cancelled or terminated, showing exactly which
// one: pid, user, application, client, ages and the query. "Keep it running"
// is the default button; the action's own button names what it does.
class BackendSignalDialog : public QDialog
{
    Q_OBJECT
public:
    BackendSignalDialog(BackendSignal what, const QString &database, const PgSession &session, qint64 serverNowMs,
                        QWidget *parent = nullptr);

    BackendSignal action() const { return m_what; }
    int pid() const { return m_pid; }

private:
    BackendSignal m_what;
    int m_pid;
};

} // namespace opsdeck
