#pragma once

// What `opsdeck-cli metrics parse` prints without --json: the families in
// order of first appearance with their type and number of samples, the number
// of distinct series and of samples. Counted as the parser hands samples over,
// nothing kept but one small slot per series: a 78 MB page costs the page and
// a few MB, not the half gigabyte of building every sample first.

#include "metrics/exposition.h"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace opsdeck {

class ExpositionSummary : public ExpositionHandler
{
public:
    struct Family {
        std::string name;
        MetricType type = MetricType::Untyped;
        std::size_t samples = 0;
    };

    // input: the bytes about to be parsed; they must outlive the parse.
    explicit ExpositionSummary(std::string_view input);

    void onSample(const FamilyInfo &family, const SampleView &sample) override;
    bool wantsRawSeries() const override { return true; }

    const std::vector<Family> &families() const { return m_families; }
    std::size_t seriesCount();  // after the parse (takes in the series still in flight)
    std::size_t sampleCount() const { return m_sampleCount; }

private:
    // A series is known by the bytes its line wrote, from the metric name to the
    // end of its label set, as the scrape cache knows it (a view into the input);
    // where the parser gives no such bytes (OpenMetrics, unusual spacing) by its
    // name and labels, kept in m_ownedKeys. Open addressing, 12 bytes a slot, sized
    // from the page's line count so that it rarely grows; the stored hash places a
    // slot again when it does, without reading its key.
    struct Slot {
        std::uint32_t offset = 0;
        std::uint32_t length = 0;  // top bit: the key lives in m_ownedKeys
        std::uint32_t hash = 0;    // 0: empty
    };
    static constexpr std::uint32_t ownedBit = 0x80000000u;

    bool insertSeries(std::string_view key, std::uint32_t hash, bool owned);
    std::string_view keyOf(const Slot &slot) const;
    void allocate(std::size_t capacity);
    void grow();
    void drain(std::size_t keep);

    // Series from the page wait a few samples before they are looked up: their slot
    // is prefetched on arrival, so the table's cache misses overlap instead of
    // queueing (they were most of the command's time).
    struct InFlight {
        std::string_view key;
        std::uint32_t hash;
    };
    static constexpr std::size_t pipelineDepth = 16;
    std::array<InFlight, pipelineDepth> m_inFlight{};
    std::size_t m_inFlightStart = 0;
    std::size_t m_inFlightCount = 0;

    std::string_view m_input;
    std::vector<Family> m_families;
    std::unordered_map<const FamilyInfo *, std::size_t> m_familyIndex;  // the parser's family -> position
    const FamilyInfo *m_lastFamily = nullptr;                           // samples of a family come together
    std::size_t m_lastIndex = 0;
    // Zeroed pages from the kernel as they are touched (no pass to clear them), huge
    // pages where the system allows, so that the random probes miss the TLB less.
    struct FreeSlots {
        std::size_t bytes;  // mapped; 0: calloc'd
        void operator()(Slot *slots) const;
    };
    std::unique_ptr<Slot[], FreeSlots> m_slots{nullptr, FreeSlots{0}};
    std::size_t m_capacity = 0;
    std::size_t m_seriesCount = 0;
    std::size_t m_sampleCount = 0;
    std::string m_ownedKeys;
    std::string m_scratchKey;
};

} // namespace opsdeck
