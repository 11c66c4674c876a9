#include "audit/audit_log.h"

#include <QDateTime>
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace opsdeck {

AuditLog::AuditLog(QString path) : m_path(std::move(path)) {}

QString AuditLog::defaultPath()
{
    const QString overridden = qEnvironmentVariable("OPSDECK_AUDIT_LOG");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("audit.jsonl"));
}

QString AuditLog::append(const AuditEntry &entry) const
{
    QJsonObject line{
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("operator"), entry.operatorName},
        {QStringLiteral("profile"), entry.profile},
        {QStringLiteral("action"), entry.action},
        {QStringLiteral("target"), entry.target},
        {QStringLiteral("phase"), entry.phase},
        {QStringLiteral("client"), entry.client},
        // Which build acted: a line read in a postmortem months later says it.
        {QStringLiteral("version"), QStringLiteral(OPSDECK_VERSION)},
    };
    if (!entry.parameters.isEmpty())
        line.insert(QStringLiteral("parameters"), entry.parameters);
    if (!entry.result.isEmpty())
        line.insert(QStringLiteral("result"), entry.result);
    if (!entry.error.isEmpty())
        line.insert(QStringLiteral("error"), entry.error);
    if (!entry.correlation.isEmpty())
        line.insert(QStringLiteral("correlation"), entry.correlation);
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';

    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return QStringLiteral("cannot create the folder of the audit log %1").arg(m_path);
    // Plain POSIX calls: O_APPEND keeps concurrent writers (GUI and CLI) from
    // interleaving within a line, and fsync is what "written" means here.
#ifdef Q_OS_WIN
    const int fd = ::_wopen(reinterpret_cast<const wchar_t *>(m_path.utf16()), _O_WRONLY | _O_APPEND | _O_CREAT | _O_BINARY, 0600);
#else
    const int fd = ::open(QFile::encodeName(m_path).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
#endif
    if (fd < 0)
        return QStringLiteral("cannot open the audit log %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
    QString error;
#ifdef Q_OS_WIN
    if (::_write(fd, bytes.constData(), unsigned(bytes.size())) != bytes.size() || ::_commit(fd) != 0)
        error = QStringLiteral("cannot write the audit log %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
    ::_close(fd);
#else
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += n;
    }
    if (written != bytes.size() || ::fsync(fd) != 0)
        error = QStringLiteral("cannot write the audit log %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
    ::close(fd);
#endif
    return error;
}

AuditTrail::AuditTrail(AuditLog log, const AuditActor &actor, QString action, QString target)
    : m_audit(std::move(log))
{
    m_entry.operatorName = actor.operatorName;
    m_entry.profile = actor.profile;
    m_entry.client = actor.client;
    m_entry.action = std::move(action);
    m_entry.target = std::move(target);
    m_entry.correlation = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString AuditTrail::intent()
{
    AuditEntry e = m_entry;
    e.phase = QStringLiteral("intent");
    return m_audit.append(e);
}

QString AuditTrail::outcome(const QString &result, const QString &error, const QJsonObject &extra)
{
    AuditEntry e = m_entry;
    e.phase = QStringLiteral("outcome");
    e.result = result;
    e.error = error;
    for (auto it = extra.begin(); it != extra.end(); ++it)
        e.parameters.insert(it.key(), it.value());
    return m_audit.append(e);
}

QList<AuditRecord> readAuditLog(const QString &path)
{
    QList<AuditRecord> records;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return records;
    while (!file.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
        if (o.isEmpty())
            continue;
        AuditRecord r;
        r.timeMs = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
        r.entry.operatorName = o.value(QStringLiteral("operator")).toString();
        r.entry.profile = o.value(QStringLiteral("profile")).toString();
        r.entry.action = o.value(QStringLiteral("action")).toString();
        r.entry.target = o.value(QStringLiteral("target")).toString();
        r.entry.parameters = o.value(QStringLiteral("parameters")).toObject();
        r.entry.phase = o.value(QStringLiteral("phase")).toString();
        r.entry.result = o.value(QStringLiteral("result")).toString();
        r.entry.error = o.value(QStringLiteral("error")).toString();
        r.entry.correlation = o.value(QStringLiteral("correlation")).toString();
        r.entry.client = o.value(QStringLiteral("client")).toString();
        records.append(std::move(r));
    }
    return records;
}

} // namespace opsdeck
