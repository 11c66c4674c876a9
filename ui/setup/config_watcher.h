#pragma once

#include "config/config.h"

#include <QObject>
#include <QSet>

class QFileSystemWatcher;
class QTimer;

namespace opsdeck {

// Watches the configuration file, so the console takes a change (the editor's,
// the CLI's or a text editor's) without a restart. The folder is watched too:
// an atomic save replaces the file, and a watch on the old file would go quiet.
class ConfigWatcher : public QObject
{
    Q_OBJECT
public:
    ConfigWatcher(const QString &path, QObject *parent = nullptr);
    const QString &path() const { return m_path; }
    // Reads the file now (after this program wrote it) instead of when the
    // file system says so: the change is taken once, at once.
    void checkNow();
    // Whether the last change touched this profile (its JSON differs, or it is new or gone):
    // a change to another profile need not restart the one on screen.
    bool profileChanged(const QString &name) const { return m_changedProfiles.contains(name); }

Q_SIGNALS:
    // The file changed and loads.
    void reloaded(const opsdeck::Config &config);
    // The file changed and does not load: the running profile is kept.
    void reloadFailed(const QStringList &errors);

private:

    QString m_path;
    QByteArray m_lastBytes;
    QSet<QString> m_changedProfiles;
    QFileSystemWatcher *m_watcher;
    QTimer *m_settle;
};

} // namespace opsdeck
