#include "pg_tool_process.h"

#include "db/pg_worker.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QTimer>

namespace opsdeck {

namespace {

constexpr int tailLines = 8;

QString quotedValue(const QString &value)
{
    QString v = value;
    v.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + v + u'\'';
}

} // namespace

QString toolConninfo(const DatabaseConfig &database, const QString &role)
{
    QStringList parts{
        QStringLiteral("host=%1").arg(quotedValue(database.host)),
        QStringLiteral("port=%1").arg(database.port),
        QStringLiteral("dbname=%1").arg(quotedValue(database.dbname)),
        QStringLiteral("application_name=%1").arg(quotedValue(PgWorker::applicationName(role))),
        QStringLiteral("keepalives=1 keepalives_idle=30 keepalives_interval=10 keepalives_count=3"),
    };
    if (!database.user.isEmpty())
        parts << QStringLiteral("user=%1").arg(quotedValue(database.user));
    if (!database.sslmode.isEmpty())
        parts << QStringLiteral("sslmode=%1").arg(quotedValue(database.sslmode));
    if (!database.sslrootcert.isEmpty())
        parts << QStringLiteral("sslrootcert=%1").arg(quotedValue(database.sslrootcert));
    return parts.join(u' ');
}

QByteArray pgpassLine(const QString &password)
{
    QString p = password;
    p.replace(u'\\', QStringLiteral("\\\\")).replace(u':', QStringLiteral("\\:"));
    return "*:*:*:*:" + p.toUtf8() + '\n';
}

QProcessEnvironment toolEnvironment(const QString &pgpassFile)
{
    const QProcessEnvironment mine = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    // What a program needs to start and to find the user's own libpq files
    // (~/.pgpass for {"pgpass": true}, ~/.postgresql/root.crt); no secrets.
    for (const char *name : {"PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "SYSTEMROOT", "TEMP", "TMP", "USERPROFILE", "APPDATA",
                             "LANG", "LC_ALL", "LC_CTYPE", "TZ"}) {
        const QString key = QString::fromLatin1(name);
        if (mine.contains(key))
            env.insert(key, mine.value(key));
    }
    // Messages in English, whatever the desktop's language: they are parsed for progress.
    env.insert(QStringLiteral("LC_MESSAGES"), QStringLiteral("C"));
    env.remove(QStringLiteral("LC_ALL"));
    env.insert(QStringLiteral("PGCONNECT_TIMEOUT"), QStringLiteral("10"));
    if (!pgpassFile.isEmpty())
        env.insert(QStringLiteral("PGPASSFILE"), pgpassFile);
    else if (mine.contains(QStringLiteral("PGPASSFILE")))
        env.insert(QStringLiteral("PGPASSFILE"), mine.value(QStringLiteral("PGPASSFILE")));
    return env;
}

PgToolProcess::PgToolProcess(QObject *parent)
    : QObject(parent)
    , m_process(new QProcess(this))
{
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setInputChannelMode(QProcess::ManagedInputChannel);
    connect(m_process, &QProcess::readyReadStandardError, this, &PgToolProcess::readErr);
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this] { Q_EMIT stdoutData(m_process->readAllStandardOutput()); });
    connect(m_process, &QProcess::finished, this, &PgToolProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            Q_EMIT finished(false, QStringLiteral("%1 could not be started: %2").arg(m_program, m_process->errorString()));
    });
}

PgToolProcess::~PgToolProcess()
{
    if (m_process->state() != QProcess::NotRunning) {
        disconnect(m_process, nullptr, this, nullptr);
        m_process->kill();
        // Reaped by QProcess's own handler; killed children end at once.
        m_process->waitForFinished(500);
    }
}

QString PgToolProcess::start(const QString &program, const QStringList &arguments, const QString &password)
{
    m_program = QFileInfo(program).fileName();
    QString pgpassPath;
    if (!password.isEmpty()) {
        // QTemporaryFile creates the file with mode 0600.
        m_pgpass = std::make_unique<QTemporaryFile>(QDir(QDir::tempPath()).filePath(QStringLiteral("opsdeck-pgpass-XXXXXX")));
        if (!m_pgpass->open())
            return QStringLiteral("cannot create a temporary password file in %1: %2").arg(QDir::tempPath(), m_pgpass->errorString());
        const QByteArray line = pgpassLine(password);
        if (m_pgpass->write(line) != line.size() || !m_pgpass->flush())
            return QStringLiteral("cannot write the temporary password file: %1").arg(m_pgpass->errorString());
        m_pgpass->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        pgpassPath = m_pgpass->fileName();
    }
    m_process->setProcessEnvironment(toolEnvironment(pgpassPath));
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    m_process->start(QIODevice::ReadOnly);
    return {};
}

void PgToolProcess::stop()
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    m_stopping = true;
    m_process->terminate();
    QTimer::singleShot(2000, this, [this] {
        if (m_process->state() != QProcess::NotRunning)
            m_process->kill();
    });
}

bool PgToolProcess::isRunning() const
{
    return m_process->state() != QProcess::NotRunning;
}

qint64 PgToolProcess::pid() const
{
    return m_process->processId();
}

void PgToolProcess::readErr()
{
    m_partialLine += m_process->readAllStandardError();
    qsizetype start = 0;
    for (qsizetype nl = m_partialLine.indexOf('\n'); nl >= 0; nl = m_partialLine.indexOf('\n', start)) {
        const QString line = QString::fromUtf8(m_partialLine.constData() + start, nl - start).trimmed();
        start = nl + 1;
        if (line.isEmpty())
            continue;
        m_tail << line;
        if (m_tail.size() > tailLines)
            m_tail.removeFirst();
        Q_EMIT stderrLine(line);
    }
    m_partialLine.remove(0, start);
}

void PgToolProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readErr();
    m_pgpass.reset();  // the password file lives exactly as long as the child
    if (status == QProcess::NormalExit && exitCode == 0) {
        Q_EMIT finished(true, {});
        return;
    }
    if (m_stopping) {
        Q_EMIT finished(false, QStringLiteral("cancelled"));
        return;
    }
    // The tool's own "error:" lines say it best; the verbose chatter before them does not.
    QStringList errors;
    for (const QString &line : std::as_const(m_tail)) {
        if (line.contains(QLatin1String("error:")) || line.contains(QLatin1String("FATAL")) || line.contains(QLatin1String("ERROR")))
            errors << line;
    }
    QString why = errors.isEmpty() ? m_tail.value(m_tail.size() - 1) : errors.join(QStringLiteral("; "));
    if (status == QProcess::CrashExit)
        why = QStringLiteral("%1 was killed%2").arg(m_program, why.isEmpty() ? QString() : QStringLiteral(" (") + why + u')');
    else if (why.isEmpty())
        why = QStringLiteral("%1 exited with status %2").arg(m_program).arg(exitCode);
    Q_EMIT finished(false, why);
}

} // namespace opsdeck
