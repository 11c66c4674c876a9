#include "db/statement_history.h"

#include <algorithm>

namespace opsdeck::pg {

bool StatementHistory::isReset(const PgStatementSample &previous, const PgStatementSample &next) const
{
    if (previous.resetMs != 0 && next.resetMs != 0)
        return next.resetMs != previous.resetMs;  // 14 and later say so themselves
    // Before 14: pg_stat_statements_reset() empties the view, so every entry
    // seen in both samples started again. One that went down alone was evicted.
    int common = 0, down = 0;
    for (const auto &[key, counters] : next.entries) {
        const auto it = previous.entries.find(key);
        if (it == previous.entries.end())
            continue;
        ++common;
        if (counters.calls < it->second.calls)
            ++down;
    }
    return common > 0 && down == common;
}

void StatementHistory::add(PgStatementSample sample)
{
    if (m_lastResetMs == 0)
        m_lastResetMs = sample.resetMs;
    if (!m_samples.empty() && isReset(m_samples.back(), sample)) {
        // Counting from an empty view at the reset keeps every window honest.
        PgStatementSample empty;
        empty.serverTimeMs = sample.resetMs ? sample.resetMs : m_samples.back().serverTimeMs;
        empty.resetMs = sample.resetMs;
        m_samples.clear();
        m_samples.push_back(std::move(empty));
        m_lastResetMs = m_samples.back().serverTimeMs;
        m_sawReset = true;
    }
    // One sample a minute: the newest replaces the previous newest while that
    // one is less than a minute younger than the one before it.
    if (m_samples.size() >= 2 && sample.serverTimeMs - m_samples[m_samples.size() - 2].serverTimeMs < spacingMs)
        m_samples.back() = std::move(sample);
    else
        m_samples.push_back(std::move(sample));
    const qint64 now = m_samples.back().serverTimeMs;
    while (m_samples.size() > 2 && m_samples[1].serverTimeMs <= now - keepMs)
        m_samples.pop_front();
}

StatementWindow StatementHistory::window(qint64 lengthMs, size_t top) const
{
    StatementWindow w;
    if (m_samples.empty())
        return w;
    const PgStatementSample &latest = m_samples.back();
    w.toMs = latest.serverTimeMs;
    const PgStatementSample *base = nullptr;
    if (lengthMs > 0) {
        // The newest sample at or before the window's start, else the oldest there is.
        const qint64 start = latest.serverTimeMs - lengthMs;
        for (const PgStatementSample &s : m_samples) {
            if (&s == &latest)
                break;
            if (s.serverTimeMs <= start || !base)
                base = &s;
            if (s.serverTimeMs > start)
                break;
        }
        if (!base) {
            w.fromMs = latest.serverTimeMs;
            w.shorterThanAsked = true;
            return w;
        }
        w.fromMs = base->serverTimeMs;
        // A minute's spacing makes a window up to a minute long; shorter is what is said.
        w.shorterThanAsked = base->serverTimeMs > start + 5000;
    } else {
        w.fromMs = m_lastResetMs;
    }
    for (const auto &[key, counters] : latest.entries) {
        PgStatementCounters delta = counters;
        if (base) {
            const auto it = base->entries.find(key);
            if (it != base->entries.end() && it->second.calls <= counters.calls)
                delta = counters - it->second;
        }
        if (delta.calls > 0)
            w.rows.push_back({key, delta});
    }
    std::sort(w.rows.begin(), w.rows.end(), [](const StatementRow &a, const StatementRow &b) {
        return a.counters.totalMs > b.counters.totalMs;
    });
    if (top > 0 && w.rows.size() > top)
        w.rows.resize(top);
    return w;
}

} // namespace opsdeck::pg
