#pragma once

#include <cstdint>
#include <vector>

namespace opsdeck {

struct SamplePoint {
    std::int64_t timestampMs = 0;
    double value = 0;
};

// A compressed run of samples of one series, in the scheme Prometheus's head
// chunks use (after Facebook's Gorilla paper): timestamps as delta-of-delta in
// variable-width buckets, values as the XOR with the previous value, writing
// only the meaningful bits. A steady scrape of a slowly moving counter costs
// one to two bytes a sample; a constant series two bits.
//
// Appends must come in increasing time order. Not thread-safe: the store locks.
class XorChunk
{
public:
    static constexpr int maxSamples = 120;

    bool isFull() const { return m_count >= maxSamples; }
    int size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    std::int64_t firstTimestamp() const { return m_firstT; }
    std::int64_t lastTimestamp() const { return m_lastT; }
    std::size_t byteSize() const { return m_bytes.size(); }

    // False if the timestamp does not increase or the chunk is full.
    bool append(std::int64_t timestampMs, double value);
    // Decodes every sample in [fromMs, toMs] and appends it to out.
    void decode(std::int64_t fromMs, std::int64_t toMs, std::vector<SamplePoint> &out) const;
    // Gives back unused capacity once the chunk is complete.
    void shrink() { m_bytes.shrink_to_fit(); }

private:
    void writeBits(std::uint64_t bits, int count);

    std::vector<std::uint8_t> m_bytes;
    int m_bitCount = 0;  // bits used in the last byte (0..7; 0 means "start a new byte")
    int m_count = 0;
    std::int64_t m_firstT = 0;
    std::int64_t m_lastT = 0;
    std::int64_t m_lastDelta = 0;
    std::uint64_t m_lastValueBits = 0;
    int m_leading = 0xff;  // the current XOR window; 0xff: none yet
    int m_trailing = 0;
};

} // namespace opsdeck
