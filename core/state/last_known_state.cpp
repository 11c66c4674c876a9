#include "last_known_state.h"

#include "common/durable_file.h"
#include "common/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace opsdeck {

namespace {

// Bumped when a part's payload changes shape: an older file is then ignored.
constexpr int formatVersion = 1;

} // namespace

LastKnownState::LastKnownState(QString folder) : m_folder(std::move(folder)) {}

QString LastKnownState::folderFor(const QString &profile)
{
    QString base = qEnvironmentVariable("OPSDECK_STATE_DIR");
    if (base == u"none")
        return {};  // kept nowhere: the test suite's default, so tests do not see each other's
    if (base.isEmpty())
        base = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("state"));
    // A profile's name is free text: keep the readable part, and a hash so that
    // "prod/eu" and "prod_eu" never share a folder.
    QString safe;
    for (QChar c : profile)
        safe += c.isLetterOrNumber() || c == u'-' || c == u'.' ? c : u'_';
    const QByteArray hash = QCryptographicHash::hash(profile.toUtf8(), QCryptographicHash::Sha256).toHex().left(8);
    return QDir(base).filePath(safe.left(64) + u'-' + QString::fromLatin1(hash));
}

QString LastKnownState::partName(Part part)
{
    switch (part) {
    case Part::Health: return QStringLiteral("health");
    case Part::Alerts: return QStringLiteral("alerts");
    case Part::Databases: return QStringLiteral("databases");
    case Part::Deployments: return QStringLiteral("deployments");
    case Part::Series: return QStringLiteral("series");
    }
    return QStringLiteral("unknown");
}

qint64 LastKnownState::maxBytes(Part part)
{
    // Big enough for thousands of rows; small enough to read in milliseconds at start.
    return part == Part::Series ? 32LL * 1024 * 1024 : 8LL * 1024 * 1024;
}

QString LastKnownState::path(Part part) const
{
    return QDir(m_folder).filePath(partName(part) + QStringLiteral(".json"));
}

QByteArray LastKnownState::encode(Part part, const QJsonValue &payload, qint64 nowMs) const
{
    const QJsonObject document{{QStringLiteral("format"), formatVersion},
                               {QStringLiteral("part"), partName(part)},
                               {QStringLiteral("saved_at"), nowMs},
                               {QStringLiteral("payload"), payload}};
    QByteArray bytes = QJsonDocument(document).toJson(QJsonDocument::Compact);
    if (bytes.size() > maxBytes(part)) {
        logWarn(QStringLiteral("last known state: %1 is %2 bytes, over its bound of %3: not kept")
                    .arg(partName(part)).arg(bytes.size()).arg(maxBytes(part)));
        return {};
    }
    return bytes;
}

QString LastKnownState::write(Part part, const QByteArray &bytes) const
{
    if (bytes.isEmpty() || m_folder.isEmpty())
        return {};
    if (!QDir().mkpath(m_folder))
        return QStringLiteral("cannot create %1").arg(m_folder);
    return writeFileDurably(path(part), bytes);
}

QString LastKnownState::save(Part part, const QJsonValue &payload, qint64 nowMs) const
{
    return write(part, encode(part, payload, nowMs));
}

std::optional<LastKnownState::Loaded> LastKnownState::load(Part part) const
{
    if (m_folder.isEmpty())
        return std::nullopt;
    QFile file(path(part));
    if (!file.exists())
        return std::nullopt;
    auto ignore = [&](const QString &why) {
        logWarn(QStringLiteral("last known state: %1 ignored: %2").arg(file.fileName(), why));
        return std::nullopt;
    };
    if (file.size() > maxBytes(part))
        return ignore(QStringLiteral("%1 bytes, over its bound of %2").arg(file.size()).arg(maxBytes(part)));
    if (!file.open(QIODevice::ReadOnly))
        return ignore(file.errorString());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return ignore(QStringLiteral("not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    const QJsonObject o = document.object();
    if (o.value(QStringLiteral("format")).toInt() != formatVersion)
        return ignore(QStringLiteral("format %1, this build reads %2").arg(o.value(QStringLiteral("format")).toInt()).arg(formatVersion));
    if (o.value(QStringLiteral("part")).toString() != partName(part))
        return ignore(QStringLiteral("holds the part \"%1\"").arg(o.value(QStringLiteral("part")).toString()));
    const qint64 savedAt = o.value(QStringLiteral("saved_at")).toInteger();
    if (savedAt <= 0)
        return ignore(QStringLiteral("no time of saving"));
    return Loaded{o.value(QStringLiteral("payload")), savedAt};
}

} // namespace opsdeck
