#include "deploy/deploy_history_log.h"

#include "common/rfc3339.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>

namespace opsdeck {

namespace {

QString keyOf(const DeployChange &c)
{
    return QStringLiteral("%1|%2|%3|%4").arg(c.timeMs).arg(int(c.kind)).arg(c.name, c.toImage);
}

} // namespace

DeployHistoryLog::DeployHistoryLog(QString path)
    : m_path(std::move(path))
{
}

QString DeployHistoryLog::defaultPath()
{
    const QString overridden = qEnvironmentVariable("OPSDECK_DEPLOY_HISTORY");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("deploy-history.jsonl"));
}

QString DeployHistoryLog::append(const DeployChange &c) const
{
    QJsonObject line{{QStringLiteral("time"), formatRfc3339Ms(c.timeMs)},
                     {QStringLiteral("environment"), c.environment},
                     {QStringLiteral("name"), c.name},
                     {QStringLiteral("kind"), c.kind == DeployChange::Kind::Deploy ? QStringLiteral("deploy") : QStringLiteral("restart")},
                     {QStringLiteral("to"), c.toImage}};
    if (!c.fromImage.isEmpty())
        line.insert(QStringLiteral("from"), c.fromImage);
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return QStringLiteral("cannot create the folder of %1").arg(m_path);
    QFile file(m_path);
    // Append mode: the console and the command line add lines side by side.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
    file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    return {};
}

QList<DeployChange> DeployHistoryLog::read(const QString &environment, int limit) const
{
    QList<DeployChange> out;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QSet<QString> seen;
    while (!file.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
        if (o.value(QStringLiteral("environment")).toString() != environment)
            continue;
        DeployChange c;
        const QByteArray time = o.value(QStringLiteral("time")).toString().toUtf8();
        c.timeMs = parseRfc3339Ms(std::string_view(time.constData(), size_t(time.size()))).value_or(0);
        c.environment = environment;
        c.name = o.value(QStringLiteral("name")).toString();
        c.kind = o.value(QStringLiteral("kind")).toString() == u"restart" ? DeployChange::Kind::Restart : DeployChange::Kind::Deploy;
        c.fromImage = o.value(QStringLiteral("from")).toString();
        c.toImage = o.value(QStringLiteral("to")).toString();
        if (c.timeMs <= 0 || c.name.isEmpty())
            continue;
        const QString key = keyOf(c);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        out.append(std::move(c));
    }
    std::stable_sort(out.begin(), out.end(), [](const DeployChange &a, const DeployChange &b) { return a.timeMs < b.timeMs; });
    if (out.size() > limit)
        out.remove(0, out.size() - limit);
    return out;
}

} // namespace opsdeck
