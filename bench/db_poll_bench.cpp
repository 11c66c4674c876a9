// Polls one PostgreSQL database the way the Database panel does, on one
// long-lived connection, N times back to back (every fifth poll also reads
// pg_stat_statements, every fifteenth the tables), and prints the time each
// poll took as the console sees it (the round trips, the rows, our parsing).
// bench/db-poll-cost.sh runs it and reads the server's side from
// pg_stat_statements.
//   opsdeck_bench_dbpoll HOST PORT DBNAME USER POLLS

#include "db/database_monitor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace opsdeck;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: opsdeck_bench_dbpoll HOST PORT DBNAME USER POLLS\n");
        return 2;
    }
    DatabaseConfig config;
    config.name = QStringLiteral("bench");
    config.host = args[1];
    config.port = args[2].toInt();
    config.dbname = args[3];
    config.user = args[4];
    const int polls = args[5].toInt();
    DatabaseMonitor monitor(config, 3600000);
    std::vector<double> regular, full;
    for (int i = 0; i <= polls; ++i) {
        QEventLoop loop;
        QObject::connect(&monitor, &DatabaseMonitor::updated, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        monitor.pollNow();
        loop.exec();
        if (!monitor.snapshot().error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(monitor.snapshot().error));
            return 1;
        }
        if (i > 0)  // the first poll also connects
            (i % 5 == 0 ? full : regular).push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    auto median = [](std::vector<double> v) {
        if (v.empty())
            return 0.0;
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("sessions seen: %zu\n", monitor.snapshot().sessions.size());
    std::printf("client side, median of %zu regular polls: %.2f ms; of %zu with pg_stat_statements: %.2f ms\n",
                regular.size(), median(regular), full.size(), median(full));
    return 0;
}
