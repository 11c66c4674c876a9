#pragma once

// pg_stat_statements is cumulative since its last reset, so "what got slow in
// the last 5 minutes" is a difference between two samples. The history keeps
// one sample a minute for the last hour (and always the newest), and answers
// a window with the sample nearest to its start. An entry that went down (a
// reset, or an entry evicted and made again) counts from zero; a reset of the
// whole view is detected and said, never turned into negative numbers.

#include "db/pg_snapshot.h"

#include <deque>

namespace opsdeck::pg {

struct StatementRow {
    PgStatementKey key;
    PgStatementCounters counters;
};

struct StatementWindow {
    qint64 fromMs = 0, toMs = 0;  // the real span, by the server's clock
    bool shorterThanAsked = false;  // the history (or the time since a reset) is shorter
    std::vector<StatementRow> rows;  // called in the window, by total time, longest first
};

class StatementHistory
{
public:
    static constexpr qint64 keepMs = 61LL * 60 * 1000;
    static constexpr qint64 spacingMs = 60LL * 1000;

    void add(PgStatementSample sample);
    bool isEmpty() const { return m_samples.empty(); }

    // lengthMs 0: since the last reset (the cumulative counters).
    StatementWindow window(qint64 lengthMs, size_t top = 0) const;
    // When the statistics were last reset, as far as the history knows; 0 unknown.
    qint64 lastResetMs() const { return m_lastResetMs; }
    // A reset seen by this history (not the one before it started).
    bool sawReset() const { return m_sawReset; }
    size_t sampleCount() const { return m_samples.size(); }

private:
    bool isReset(const PgStatementSample &previous, const PgStatementSample &next) const;

    std::deque<PgStatementSample> m_samples;  // oldest first
    qint64 m_lastResetMs = 0;
    bool m_sawReset = false;
};

} // namespace opsdeck::pg
