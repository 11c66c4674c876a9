#pragma once

// The audit log as a test reads it back: one JSON object a line.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace testsupport {

inline QList<QJsonObject> readAuditLines(const QString &path)
{
    QList<QJsonObject> lines;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

} // namespace testsupport
