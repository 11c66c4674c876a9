#include "metrics/raw_series_cache.h"

namespace opsdeck {

void RawSeriesCache::beginScrape()
{
    ++m_generation;
    m_cursor = 0;
    m_taken = 0;
    m_recording = false;
    m_next.bytes.clear();
    m_next.slots.clear();
}

std::string_view RawSeriesCache::expected() const
{
    return m_cursor < m_order.slots.size() ? bytesOf(m_order, m_order.slots[m_cursor]) : std::string_view();
}

RawSeriesCache::Id RawSeriesCache::takeExpected()
{
    const Slot &slot = m_order.slots[m_cursor];
    took(bytesOf(m_order, slot), slot.entry, true);
    return slot.entry->id;
}

std::optional<RawSeriesCache::Id> RawSeriesCache::find(std::string_view raw)
{
    const auto it = m_index.find(raw);
    if (it == m_index.end())
        return std::nullopt;
    took(raw, &it->second, false);
    return it->second.id;
}

void RawSeriesCache::insert(std::string_view raw, Id id)
{
    const auto [it, inserted] = m_index.try_emplace(std::string(raw), Entry{id, 0, UINT32_MAX});
    took(raw, &it->second, false);
}

void RawSeriesCache::startRecording()
{
    // The page deviates from the last one here: what came before still stands.
    m_recording = true;
    for (std::size_t i = 0; i < m_taken && i < m_order.slots.size(); ++i) {
        const Slot &slot = m_order.slots[i];
        m_next.slots.push_back({std::uint32_t(m_next.bytes.size()), slot.length, slot.entry});
        m_next.bytes.append(bytesOf(m_order, slot));
    }
}

void RawSeriesCache::took(std::string_view raw, Entry *entry, bool expected)
{
    entry->lastSeen = m_generation;
    if (!expected && !m_recording)
        startRecording();
    if (m_recording) {
        m_next.slots.push_back({std::uint32_t(m_next.bytes.size()), std::uint32_t(raw.size()), entry});
        m_next.bytes.append(raw);
    }
    // Expect what followed this series last time.
    m_cursor = expected ? m_cursor + 1 : (entry->position != UINT32_MAX ? std::size_t(entry->position) + 1 : m_order.slots.size());
    ++m_taken;
}

void RawSeriesCache::endScrape(bool complete)
{
    if (!complete)
        return;  // a broken page says nothing about the order
    const bool reordered = m_recording || m_taken != m_order.slots.size();
    if (m_index.size() > 2 * m_taken + 1024) {
        // Series that come and go (a label holding a request id) must not grow the cache forever.
        for (auto it = m_index.begin(); it != m_index.end();) {
            if (it->second.lastSeen != m_generation)
                it = m_index.erase(it);
            else
                ++it;
        }
        if (!m_recording) {  // the old order may point at erased entries: rebuild it from this scrape
            m_taken = std::min(m_taken, m_order.slots.size());
            startRecording();
        }
    }
    if (!reordered && !m_recording)
        return;
    if (!m_recording)
        startRecording();  // fewer series than last time, all in order: keep the ones taken
    m_order = std::move(m_next);
    m_next = Order{};
    for (std::size_t i = 0; i < m_order.slots.size(); ++i)
        m_order.slots[i].entry->position = std::uint32_t(i);
}

} // namespace opsdeck
