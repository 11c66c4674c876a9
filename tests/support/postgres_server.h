#pragma once

// A private PostgreSQL server for a test: initdb in a temporary folder, a free
// loopback port, pg_stat_statements preloaded, trust authentication on
// loopback and its own socket. Run as the postgres user when the test runs as
// root (PostgreSQL refuses root). Stopped and deleted with the object.

#include "config/config.h"

#include <QString>
#include <QStringList>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

namespace testsupport {

class PostgresServer
{
public:
    // Extra postgresql.conf lines, e.g. "track_activity_query_size = 1048576".
    explicit PostgresServer(QStringList settings = {}, bool preloadStatements = true);
    ~PostgresServer();

    bool start();  // initdb on the first call, then pg_ctl start
    // A streaming standby of that (running) server, through a physical replication slot of this name.
    bool startAsStandbyOf(PostgresServer &primary, const QString &slot);
    // mode: fast, immediate
    bool stop(const QString &mode = QStringLiteral("fast"));
    int port() const { return m_port; }
    const QString &lastError() const { return m_error; }

    // Runs SQL through psql as the superuser; returns its stdout (unaligned, no
    // headers), or a null string with lastError() set.
    QString psql(const QString &database, const QString &sql);
    // The config of a database on this server, for a role (trust: no password).
    opsdeck::DatabaseConfig database(const QString &dbname, const QString &user = QStringLiteral("postgres"),
                                     const QString &name = {}) const;
    QString binDir() const { return m_bin; }
    // Runs SQL (a file when it is long: argv has a limit) in a psql session of
    // its own with that application_name, in the background; the session ends
    // when the process is destroyed.
    std::unique_ptr<QProcess> startSession(const QString &database, const QString &sql, const QString &application);
    // The pid of the backend of that application_name, or 0 (waits up to timeoutMs for it to show).
    int pidOf(const QString &application, int timeoutMs = 10000);
    // A command run as the server's user (pgbench, psql in the background).
    QStringList asServerUser(const QString &program, const QStringList &args) const;

private:
    bool run(const QString &program, const QStringList &args, QString *out = nullptr, int timeoutMs = 60000);

    QTemporaryDir m_dir;
    QString m_data;
    QString m_bin;
    int m_port = 0;
    QStringList m_settings;
    bool m_preload;
    bool m_initialised = false;
    bool m_running = false;
    int m_sessionFiles = 0;
    QString m_error;
};

} // namespace testsupport
