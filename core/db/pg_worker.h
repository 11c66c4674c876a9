#pragma once

// One PostgreSQL connection on its own thread (libpqxx blocks). Jobs run one
// after another; the connection opens on the first job, carries a
// statement_timeout, and after a drop reopens on a later job with a backoff.
// A job's result goes back to its owner through whatever the job captures
// (QMetaObject::invokeMethod on a QPointer); errors go to its onError.

#include "config/config.h"

#include <QString>

// pqxx::connection is a class in libpqxx 7 and a typedef of a template in 6,
// so it cannot be declared ahead the same way for both: the header is included.
#include <pqxx/connection>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace opsdeck {

struct PgJob {
    std::function<void(pqxx::connection &)> run;
    std::function<void(const QString &error)> onError;  // called on the worker thread
};

class PgWorker
{
public:
    explicit PgWorker(DatabaseConfig config, int statementTimeoutMs = 10000);
    ~PgWorker();  // waits for the running job, drops the queued ones

    const DatabaseConfig &config() const { return m_config; }
    void submit(PgJob job);

    // libpq's keyword=value string, password excluded; values quoted as libpq wants.
    static QString conninfo(const DatabaseConfig &config, int statementTimeoutMs);

private:
    void loop();
    bool ensureConnected(QString *error);

    DatabaseConfig m_config;
    int m_statementTimeoutMs;
    std::unique_ptr<pqxx::connection> m_connection;
    qint64 m_nextAttemptMs = 0;
    int m_backoffMs = 0;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<PgJob> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace opsdeck
