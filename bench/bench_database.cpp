// The Database panel's model work at a large server's size: a poll of 10,000
// sessions merged into the sessions model behind its sorted, filtered view,
// and the blocking tree of a pile-up. Target: a merge under 50 ms.

#include "blocking_model.h"
#include "session_filter.h"
#include "session_model.h"

#include <benchmark/benchmark.h>

#include <random>

using namespace opsdeck;

namespace {

constexpr qint64 now = 1'700'000'000'000;

// Sessions as a busy server has them: mostly idle pool connections, some
// active queries of a few hundred characters, a few idle in transaction.
std::vector<PgSession> server(int count, int firstPid, unsigned seed)
{
    std::mt19937 random(seed);
    static const char *states[] = {"idle", "idle", "idle", "active", "idle in transaction"};
    static const char *apps[] = {"order-api", "reporting", "pgbouncer", "billing", "psql"};
    std::vector<PgSession> out;
    out.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        PgSession s;
        s.pid = firstPid + i;
        s.backendStartMs = now - 3600'000 - s.pid;
        s.backendType = QStringLiteral("client backend");
        s.state = QString::fromLatin1(states[random() % 5]);
        s.user = QStringLiteral("app_%1").arg(random() % 20);
        s.database = QStringLiteral("shop");
        s.application = QString::fromLatin1(apps[random() % 5]);
        s.client = QStringLiteral("10.0.%1.%2:5%3").arg(random() % 4).arg(random() % 250).arg(random() % 9999);
        s.query = QStringLiteral("SELECT o.id, o.status, c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
                                 "WHERE o.created_at > now() - interval '1 day' AND c.tier = $1 ORDER BY o.created_at DESC LIMIT %1")
                      .arg(random() % 500);
        s.queryStartMs = now - qint64(random() % 600'000);
        s.stateChangeMs = s.queryStartMs;
        if (s.state != QLatin1String("idle"))
            s.xactStartMs = s.queryStartMs - 1000;
        out.push_back(std::move(s));
    }
    return out;
}

void visitRows(const QAbstractItemModel &model)
{
    int rows = model.rowCount();
    benchmark::DoNotOptimize(rows);
    for (int r = 0; r < std::min(rows, 60); ++r)  // a screenful is painted
        benchmark::DoNotOptimize(model.index(r, SessionModel::QueryColumn).data());
}

} // namespace

// A poll merged into the sorted, filtered view: a tenth of the sessions
// replaced (pool churn), every age changed (the server's clock moved).
static void BM_SessionsMergeTenThousand(benchmark::State &state)
{
    SessionModel model;
    SessionFilter filter;
    filter.setSourceModel(&model);
    filter.setDynamicSortFilter(true);
    filter.sort(SessionModel::QueryAgeColumn, Qt::DescendingOrder);
    filter.setShowIdle(false);
    const std::vector<PgSession> a = server(10000, 1000, 1);
    std::vector<PgSession> b = server(9000, 1000, 2);
    for (PgSession &s : server(1000, 20000, 3))
        b.push_back(std::move(s));
    model.setSessions(a, now);
    bool flip = false;
    for (auto _ : state) {
        model.setSessions(flip ? a : b, now + 2000);
        flip = !flip;
        visitRows(filter);
    }
}
BENCHMARK(BM_SessionsMergeTenThousand)->Unit(benchmark::kMillisecond);

static void BM_SessionsFirstFillTenThousand(benchmark::State &state)
{
    const std::vector<PgSession> a = server(10000, 1000, 1);
    for (auto _ : state) {
        SessionModel model;
        SessionFilter filter;
        filter.setSourceModel(&model);
        filter.sort(SessionModel::QueryAgeColumn, Qt::DescendingOrder);
        model.setSessions(a, now);
        visitRows(filter);
    }
}
BENCHMARK(BM_SessionsFirstFillTenThousand)->Unit(benchmark::kMillisecond);

// 10,000 sessions of which 1,000 wait, in chains behind 20 blockers.
static void BM_BlockingTreeTenThousand(benchmark::State &state)
{
    std::vector<PgSession> sessions = server(10000, 1000, 4);
    for (int i = 0; i < 1000; ++i) {
        PgSession &s = sessions[size_t(100 + i)];
        s.waitEventType = QStringLiteral("Lock");
        s.blockedBy = {i < 20 ? 1000 + i : 1000 + 100 + (i - 20) % 980};
    }
    BlockingModel model;
    for (auto _ : state) {
        model.setSessions(sessions, now);
        benchmark::DoNotOptimize(model.rootCount());
    }
}
BENCHMARK(BM_BlockingTreeTenThousand)->Unit(benchmark::kMillisecond);
