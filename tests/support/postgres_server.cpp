#include "postgres_server.h"

#include "demo_environment.h"

#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace testsupport {

namespace {

QString newestPostgresBin()
{
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    return versions.isEmpty() ? QString() : root.filePath(versions.last() + QStringLiteral("/bin"));
}

} // namespace

PostgresServer::PostgresServer(QStringList settings, bool preloadStatements)
    : m_bin(newestPostgresBin()), m_settings(std::move(settings)), m_preload(preloadStatements)
{
    // The postgres user must reach the folder: QTemporaryDir makes it 0700.
    ::chmod(QFile::encodeName(m_dir.path()).constData(), 0755);
    m_data = m_dir.filePath(QStringLiteral("data"));
}

PostgresServer::~PostgresServer()
{
    if (m_running)
        stop(QStringLiteral("immediate"));
}

QStringList PostgresServer::asServerUser(const QString &program, const QStringList &args) const
{
    if (::geteuid() == 0)
        return QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args;
    return QStringList{program} + args;
}

bool PostgresServer::run(const QString &program, const QStringList &args, QString *out, int timeoutMs)
{
    const QStringList command = asServerUser(program, args);
    QProcess p;
    p.setWorkingDirectory(QStringLiteral("/"));
    p.start(command.first(), command.mid(1));
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed (%2): %3").arg(command.join(u' '), p.errorString(),
                                                          QString::fromUtf8(p.readAllStandardError()).trimmed());
        if (p.state() != QProcess::NotRunning)
            p.kill(), p.waitForFinished(2000);
        return false;
    }
    if (out)
        *out = QString::fromUtf8(p.readAllStandardOutput());
    return true;
}

bool PostgresServer::start()
{
    if (m_bin.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL is not installed (/usr/lib/postgresql/*/bin)");
        return false;
    }
    if (!m_initialised) {
        QDir().mkpath(m_data);
        if (::geteuid() == 0) {
            const passwd *pw = ::getpwnam("postgres");
            if (!pw || ::chown(QFile::encodeName(m_data).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                m_error = QStringLiteral("no postgres user to run the server as");
                return false;
            }
        }
        if (!run(m_bin + QStringLiteral("/initdb"), {QStringLiteral("-D"), m_data, QStringLiteral("-U"), QStringLiteral("postgres"),
                                                     QStringLiteral("--auth=trust"), QStringLiteral("--encoding=UTF8"),
                                                     QStringLiteral("--locale=C.UTF-8")}))
            return false;
        m_port = freePorts(1).front();
        QStringList conf{QStringLiteral("listen_addresses = '127.0.0.1'"), QStringLiteral("port = %1").arg(m_port),
                         QStringLiteral("unix_socket_directories = '%1'").arg(m_data),
                         QStringLiteral("fsync = off"), QStringLiteral("synchronous_commit = off"),
                         QStringLiteral("full_page_writes = off"), QStringLiteral("max_connections = 120")};
        if (m_preload)
            conf << QStringLiteral("shared_preload_libraries = 'pg_stat_statements'");
        conf << m_settings;
        // postgresql.conf belongs to postgres; append through a shell-free tee.
        QProcess tee;
        const QStringList command = asServerUser(QStringLiteral("tee"), {QStringLiteral("-a"), m_data + QStringLiteral("/postgresql.conf")});
        tee.setWorkingDirectory(QStringLiteral("/"));
        tee.start(command.first(), command.mid(1));
        tee.write((conf.join(u'\n') + u'\n').toUtf8());
        tee.closeWriteChannel();
        tee.waitForFinished(10000);
        m_initialised = true;
    }
    if (!run(m_bin + QStringLiteral("/pg_ctl"), {QStringLiteral("-D"), m_data, QStringLiteral("-l"), m_data + QStringLiteral("/server.log"),
                                                 QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("start")}))
        return false;
    m_running = true;
    return true;
}

bool PostgresServer::startAsStandbyOf(PostgresServer &primary, const QString &slot)
{
    if (primary.psql(QStringLiteral("postgres"), QStringLiteral("SELECT pg_create_physical_replication_slot('%1')").arg(slot)).isNull()) {
        m_error = primary.lastError();
        return false;
    }
    if (::geteuid() == 0) {
        const passwd *pw = ::getpwnam("postgres");
        if (!pw || ::chown(QFile::encodeName(m_dir.path()).constData(), pw->pw_uid, pw->pw_gid) != 0) {
            m_error = QStringLiteral("no postgres user to run the server as");
            return false;
        }
    }
    // -R writes standby.signal and primary_conninfo; the copied postgresql.conf is the
    // primary's, so this server's own port and socket go after it (the last line wins).
    if (!run(m_bin + QStringLiteral("/pg_basebackup"),
             {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(primary.port()),
              QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-D"), m_data, QStringLiteral("-R"),
              QStringLiteral("-S"), slot, QStringLiteral("-X"), QStringLiteral("stream")}))
        return false;
    m_port = freePorts(1).front();
    QProcess tee;
    const QStringList command = asServerUser(QStringLiteral("tee"), {QStringLiteral("-a"), m_data + QStringLiteral("/postgresql.conf")});
    tee.setWorkingDirectory(QStringLiteral("/"));
    tee.start(command.first(), command.mid(1));
    tee.write(QStringLiteral("port = %1\nunix_socket_directories = '%2'\n").arg(m_port).arg(m_data).toUtf8());
    tee.closeWriteChannel();
    tee.waitForFinished(10000);
    m_initialised = true;
    return start();
}

bool PostgresServer::stop(const QString &mode)
{
    const bool ok = run(m_bin + QStringLiteral("/pg_ctl"), {QStringLiteral("-D"), m_data, QStringLiteral("-m"), mode,
                                                            QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("stop")});
    m_running = false;
    return ok;
}

QString PostgresServer::psql(const QString &database, const QString &sql)
{
    QString out;
    if (!run(m_bin + QStringLiteral("/psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
                                               QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), m_data,
                                               QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"), QStringLiteral("postgres"),
                                               QStringLiteral("-d"), database, QStringLiteral("-c"), sql},
             &out))
        return QString();
    return out.isNull() ? QStringLiteral("") : out;
}

opsdeck::DatabaseConfig PostgresServer::database(const QString &dbname, const QString &user, const QString &name) const
{
    opsdeck::DatabaseConfig d;
    d.name = name.isEmpty() ? dbname : name;
    d.host = QStringLiteral("127.0.0.1");
    d.port = m_port;
    d.dbname = dbname;
    d.user = user;
    return d;
}

std::unique_ptr<QProcess> PostgresServer::startSession(const QString &database, const QString &sql, const QString &application)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGAPPNAME"), application);
    process->setProcessEnvironment(env);
    QStringList args{QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"), QStringLiteral("postgres"),
                     QStringLiteral("-d"), database};
    if (sql.size() > 60000) {
        const QString file = m_dir.filePath(QStringLiteral("session-%1.sql").arg(++m_sessionFiles));
        QFile f(file);
        if (f.open(QIODevice::WriteOnly))
            f.write(sql.toUtf8());
        args << QStringLiteral("-f") << file;
    } else {
        args << QStringLiteral("-c") << sql;
    }
    process->start(m_bin + QStringLiteral("/psql"), args);
    process->waitForStarted(5000);
    return process;
}

int PostgresServer::pidOf(const QString &application, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        const QString out = psql(QStringLiteral("postgres"),
                                 QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name = '%1' "
                                                "AND state = 'active' ORDER BY pid LIMIT 1").arg(application))
                                .trimmed();
        if (!out.isEmpty())
            return out.toInt();
        QThread::msleep(50);
    }
    return 0;
}

} // namespace testsupport
