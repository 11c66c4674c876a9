#pragma once

// The changes of image and the restarts seen, kept on disk (one JSON line per
// change, deploy-history.jsonl beside the audit log), so that a history
// outlives the console and reaches the command line: the engine itself keeps
// only its last few hundred events, which health checks use up in minutes.
// The console and opsdeck-cli both append; a change both saw is read once.

#include "deploy/deployment.h"

#include <QList>
#include <QString>

namespace opsdeck {

class DeployHistoryLog
{
public:
    explicit DeployHistoryLog(QString path);

    const QString &path() const { return m_path; }
    // Appends one line; returns the error, empty when written.
    QString append(const DeployChange &change) const;
    // The changes of one environment, oldest first, each once; at most the newest `limit`.
    QList<DeployChange> read(const QString &environment, int limit = 1000) const;

    // <AppDataLocation>/deploy-history.jsonl, or $OPSDECK_DEPLOY_HISTORY.
    static QString defaultPath();

private:
    QString m_path;
};

} // namespace opsdeck
