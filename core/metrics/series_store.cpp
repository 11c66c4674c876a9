#include "metrics/series_store.h"

#include <map>

#include "metrics/exposition.h"

#include <algorithm>
#include <climits>

namespace opsdeck {

SeriesStore::SeriesStore(std::int64_t retentionMs)
    : m_retentionMs(retentionMs)
{
}

void SeriesStore::setRetention(std::int64_t retentionMs)
{
    std::lock_guard lock(m_mutex);
    m_retentionMs = retentionMs;
}

std::int64_t SeriesStore::retention() const
{
    std::lock_guard lock(m_mutex);
    return m_retentionMs;
}

std::string SeriesStore::keyOf(std::string_view name, const Labels &labels)
{
    std::string key(name);
    for (const auto &[n, v] : labels)
        appendLabelToKey(key, n, v);
    return key;
}

SeriesStore::SeriesId SeriesStore::seriesFor(std::string_view name, Labels labels)
{
    std::sort(labels.begin(), labels.end());
    std::string key = keyOf(name, labels);
    std::lock_guard lock(m_mutex);
    auto it = m_byKey.find(key);
    if (it != m_byKey.end())
        return it->second;
    const auto id = SeriesId(m_series.size());
    m_series.push_back(Series{std::string(name), std::move(labels), {}, INT64_MIN});
    m_byKey.emplace(std::move(key), id);
    m_byName.emplace(std::string(name), id);
    return id;
}

bool SeriesStore::append(SeriesId id, std::int64_t t, double value)
{
    std::lock_guard lock(m_mutex);
    Series &s = m_series[id];
    if (t <= s.lastT)
        return false;
    if (s.chunks.empty() || s.chunks.back().isFull()) {
        if (!s.chunks.empty())
            s.chunks.back().shrink();
        s.chunks.emplace_back();
    }
    s.chunks.back().append(t, value);
    s.lastT = t;
    return true;
}

void SeriesStore::evict(std::int64_t nowMs)
{
    std::lock_guard lock(m_mutex);
    const std::int64_t cutoff = nowMs - m_retentionMs;
    for (Series &s : m_series) {
        while (!s.chunks.empty() && s.chunks.front().lastTimestamp() < cutoff && s.chunks.size() > 1)
            s.chunks.pop_front();
        if (s.chunks.size() == 1 && s.chunks.front().lastTimestamp() < cutoff)
            s.chunks.clear();  // nothing recent at all: the series stays known, empty
    }
}

std::vector<SeriesStore::SeriesId> SeriesStore::select(std::string_view name,
                                                       const std::function<bool(const Labels &)> &predicate) const
{
    std::lock_guard lock(m_mutex);
    std::vector<SeriesId> ids;
    auto [begin, end] = m_byName.equal_range(std::string(name));
    for (auto it = begin; it != end; ++it) {
        if (!predicate || predicate(m_series[it->second].labels))
            ids.push_back(it->second);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<std::pair<std::string, std::size_t>> SeriesStore::namesWith(std::string_view label, std::string_view value) const
{
    std::lock_guard lock(m_mutex);
    std::map<std::string, std::size_t, std::less<>> counts;
    for (const Series &series : m_series) {
        const bool carries = std::any_of(series.labels.begin(), series.labels.end(),
                                         [&](const auto &l) { return l.first == label && l.second == value; });
        if (carries)
            ++counts[series.name];
    }
    return {counts.begin(), counts.end()};
}

Labels SeriesStore::labels(SeriesId id) const
{
    std::lock_guard lock(m_mutex);
    return m_series[id].labels;
}

std::vector<SamplePoint> SeriesStore::read(SeriesId id, std::int64_t fromMs, std::int64_t toMs) const
{
    std::vector<SamplePoint> out;
    std::lock_guard lock(m_mutex);
    for (const XorChunk &chunk : m_series[id].chunks)
        chunk.decode(fromMs, toMs, out);
    return out;
}

bool SeriesStore::last(SeriesId id, SamplePoint *point) const
{
    std::lock_guard lock(m_mutex);
    const Series &s = m_series[id];
    if (s.chunks.empty())
        return false;
    std::vector<SamplePoint> tail;
    s.chunks.back().decode(s.lastT, s.lastT, tail);
    if (tail.empty())
        return false;
    *point = tail.back();
    return true;
}

SeriesStore::Stats SeriesStore::stats() const
{
    std::lock_guard lock(m_mutex);
    Stats st;
    st.series = m_series.size();
    for (const Series &s : m_series) {
        st.totalBytes += sizeof(Series) + s.name.capacity();
        for (const auto &[n, v] : s.labels)
            st.totalBytes += sizeof(std::pair<std::string, std::string>) + n.capacity() + v.capacity();
        for (const XorChunk &c : s.chunks) {
            st.samples += std::size_t(c.size());
            st.chunkBytes += c.byteSize();
            st.totalBytes += sizeof(XorChunk) + c.byteSize();
        }
    }
    return st;
}

} // namespace opsdeck
