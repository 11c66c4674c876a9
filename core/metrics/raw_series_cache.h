#pragma once

// Prometheus's scrape cache, with the observation that makes it cheap: a
// target writes its page in the same order every time. The cache keeps the
// raw series bytes of the last scrape in one contiguous buffer, in page order.
// A line is first compared with the series expected at that position (a
// memcmp over memory read in sequence); only when the page changed is the
// hash table asked. A series is known by the exact bytes the page wrote, from
// the metric name to the end of its label set: identical bytes, identical series.

#include "common/string_hash.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace opsdeck {

class RawSeriesCache
{
public:
    using Id = std::uint32_t;

    void beginScrape();
    // The bytes of the series that followed the last one taken, in the last scrape; empty at the end.
    std::string_view expected() const;
    // The line was expected(): its id, and the cursor moves on.
    Id takeExpected();
    // A series by its bytes, wherever it stood; the cursor moves after it.
    std::optional<Id> find(std::string_view raw);
    // A series seen for the first time.
    void insert(std::string_view raw, Id id);
    // complete: the page parsed to its end. Adopts this scrape's order, and
    // forgets series no longer shown once they outnumber the shown ones.
    void endScrape(bool complete);
    std::size_t size() const { return m_index.size(); }

private:
    struct Entry {
        Id id;
        std::uint64_t lastSeen;
        std::uint32_t position;  // in m_order; stale once the order is rebuilt without it
    };
    struct Slot {
        std::uint32_t offset;  // into m_bytes
        std::uint32_t length;
        Entry *entry;          // nodes of m_index do not move
    };
    struct Order {
        std::string bytes;
        std::vector<Slot> slots;
    };

    void took(std::string_view raw, Entry *entry, bool expected);
    void startRecording();
    static std::string_view bytesOf(const Order &order, const Slot &slot)
    {
        return std::string_view(order.bytes).substr(slot.offset, slot.length);
    }

    std::unordered_map<std::string, Entry, TransparentStringHash, std::equal_to<>> m_index;
    Order m_order;          // the last scrape's series, in page order
    Order m_next;           // this scrape's, recorded from the first deviation on
    bool m_recording = false;
    std::size_t m_cursor = 0;   // into m_order: the series expected next
    std::size_t m_taken = 0;    // series taken in this scrape
    std::uint64_t m_generation = 0;
};

} // namespace opsdeck
