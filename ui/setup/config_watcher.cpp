#include "setup/config_watcher.h"

#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace opsdeck {

namespace {

// Each profile's own JSON, by name, as the file has it.
QHash<QString, QByteArray> profileTexts(const QByteArray &text)
{
    QHash<QString, QByteArray> out;
    const QJsonArray profiles = QJsonDocument::fromJson(text).object().value(QStringLiteral("profiles")).toArray();
    for (const QJsonValue &p : profiles)
        out.insert(p.toObject().value(QStringLiteral("name")).toString(), QJsonDocument(p.toObject()).toJson(QJsonDocument::Compact));
    return out;
}

QSet<QString> changedProfiles(const QByteArray &before, const QByteArray &after)
{
    const QHash<QString, QByteArray> old = profileTexts(before);
    const QHash<QString, QByteArray> now = profileTexts(after);
    QSet<QString> changed;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (old.value(it.key()) != it.value())
            changed.insert(it.key());
    }
    for (auto it = old.cbegin(); it != old.cend(); ++it) {
        if (!now.contains(it.key()))
            changed.insert(it.key());
    }
    return changed;
}

} // namespace

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
    m_changedProfiles = changedProfiles(m_lastBytes, bytes);
    m_lastBytes = bytes;
    const ConfigLoadResult loaded = parseConfig(bytes, m_path);
    if (loaded.ok())
        Q_EMIT reloaded(*loaded.config);
    else
        Q_EMIT reloadFailed(loaded.errors);
}

} // namespace opsdeck
