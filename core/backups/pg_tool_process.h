#pragma once

// One run of pg_dump or pg_restore, the safe way: an argument list and never
// a shell; the connection given as a conninfo string we build and quote
// ourselves (database names with quotes, spaces, '=' or a leading '-' stay
// one value); the password in a temporary pgpass file readable by us alone,
// never on the command line, in the environment or in a log; and a clean
// environment built for the child, so the console's own environment (where
// {"env": …} secrets live) is not inherited.
//
// Asynchronous: it runs on the event loop of the thread that owns it, and
// nothing here waits for the child.

#include "config/config.h"

#include <QObject>
#include <QProcess>
#include <QStringList>

#include <memory>

class QTemporaryFile;

namespace opsdeck {

// libpq's keyword=value string for a tool (no statement timeout: a dump takes
// as long as it takes), the password left out.
QString toolConninfo(const DatabaseConfig &database, const QString &role);

// A pgpass line that matches any server for this one file, ':' and '\' escaped.
QByteArray pgpassLine(const QString &password);

// The child's environment: PATH, HOME and the locale variables it needs, C
// messages (parsed for progress), PGPASSFILE when there is a password file,
// PGCONNECT_TIMEOUT. Nothing else.
QProcessEnvironment toolEnvironment(const QString &pgpassFile);

class PgToolProcess : public QObject
{
    Q_OBJECT
public:
    explicit PgToolProcess(QObject *parent = nullptr);
    ~PgToolProcess() override;  // kills a child still running

    // password: empty when there is none or when libpq finds it itself (pgpass).
    // Returns an error message when the child cannot be prepared (the pgpass file).
    QString start(const QString &program, const QStringList &arguments, const QString &password);
    // SIGTERM, then SIGKILL if it has not ended two seconds later.
    void stop();
    bool isRunning() const;
    qint64 pid() const;

    // The last lines the child wrote to stderr (for the error message).
    QStringList lastErrorLines() const { return m_tail; }

Q_SIGNALS:
    void stderrLine(const QString &line);
    void stdoutData(const QByteArray &data);
    // exitedOk: exit code 0 and no crash. error: what went wrong, for people.
    void finished(bool exitedOk, const QString &error);

private:
    void readErr();
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QProcess *m_process;
    std::unique_ptr<QTemporaryFile> m_pgpass;
    QByteArray m_partialLine;
    QStringList m_tail;
    bool m_stopping = false;
    QString m_program;
};

} // namespace opsdeck
