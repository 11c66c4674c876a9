#include "setup/config_watcher.h"

#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace opsdeck {

ConfigWatcher::ConfigWatcher(const QString &path, QObject *parent)
    : QObject(parent), m_path(path), m_watcher(new QFileSystemWatcher(this)), m_settle(new QTimer(this))
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        m_lastBytes = file.readAll();
    m_watcher->addPath(QFileInfo(path).absolutePath());
    if (QFileInfo::exists(path))
        m_watcher->addPath(path);
    // Editors write in several steps; read once they have settled.
    m_settle->setSingleShot(true);
    m_settle->setInterval(250);
    connect(m_settle, &QTimer::timeout, this, &ConfigWatcher::checkNow);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, m_settle, qOverload<>(&QTimer::start));
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, m_settle, qOverload<>(&QTimer::start));
}

void ConfigWatcher::checkNow()
{
    if (QFileInfo::exists(m_path) && !m_watcher->files().contains(m_path))
        m_watcher->addPath(m_path);
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;  // gone for a moment (a rename under way); the next change brings it back
    const QByteArray bytes = file.readAll();
    if (bytes == m_lastBytes)
        return;
    m_lastBytes = bytes;
    const ConfigLoadResult loaded = parseConfig(bytes, m_path);
    if (loaded.ok())
        Q_EMIT reloaded(*loaded.config);
    else
        Q_EMIT reloadFailed(loaded.errors);
}

} // namespace opsdeck
