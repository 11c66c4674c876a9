#include "metrics/xor_chunk.h"

#include <bit>
#include <cstring>

namespace opsdeck {

namespace {

std::uint64_t bitsOf(double v)
{
    return std::bit_cast<std::uint64_t>(v);
}

class BitReader
{
public:
    explicit BitReader(const std::vector<std::uint8_t> &bytes) : m_bytes(bytes) {}

    std::uint64_t read(int count)
    {
        std::uint64_t result = 0;
        while (count > 0) {
            const int bitInByte = int(m_position & 7);
            const int available = 8 - bitInByte;
            const int take = count < available ? count : available;
            const std::uint8_t byte = m_bytes[m_position >> 3];
            const std::uint64_t chunk = (byte >> (available - take)) & ((1u << take) - 1);
            result = (result << take) | chunk;
            m_position += std::size_t(take);
            count -= take;
        }
        return result;
    }
    bool readBit() { return read(1) != 0; }

private:
    const std::vector<std::uint8_t> &m_bytes;
    std::size_t m_position = 0;
};

// Sign-extends the low `bits` bits of v.
std::int64_t signExtend(std::uint64_t v, int bits)
{
    const std::uint64_t sign = std::uint64_t(1) << (bits - 1);
    return std::int64_t((v ^ sign) - sign);
}

bool fits(std::int64_t v, int bits)
{
    const std::int64_t limit = std::int64_t(1) << (bits - 1);
    return v >= -limit && v < limit;
}

} // namespace

void XorChunk::writeBits(std::uint64_t bits, int count)
{
    while (count > 0) {
        if (m_bitCount == 0)
            m_bytes.push_back(0);
        const int free = 8 - m_bitCount;
        const int put = count < free ? count : free;
        const std::uint8_t chunk = std::uint8_t((bits >> (count - put)) & ((1u << put) - 1));
        m_bytes.back() |= std::uint8_t(chunk << (free - put));
        m_bitCount = (m_bitCount + put) & 7;
        count -= put;
    }
}

bool XorChunk::append(std::int64_t t, double value)
{
    if (isFull() || (m_count > 0 && t <= m_lastT))
        return false;
    const std::uint64_t vbits = bitsOf(value);
    if (m_count == 0) {
        m_bytes.reserve(160);
        writeBits(std::uint64_t(t), 64);
        writeBits(vbits, 64);
        m_firstT = t;
    } else {
        const std::int64_t delta = t - m_lastT;
        if (m_count == 1) {
            writeBits(std::uint64_t(delta), 64);  // rare: once a chunk
        } else {
            const std::int64_t dod = delta - m_lastDelta;
            if (dod == 0) {
                writeBits(0b0, 1);
            } else if (fits(dod, 14)) {
                writeBits(0b10, 2);
                writeBits(std::uint64_t(dod), 14);
            } else if (fits(dod, 17)) {
                writeBits(0b110, 3);
                writeBits(std::uint64_t(dod), 17);
            } else if (fits(dod, 20)) {
                writeBits(0b1110, 4);
                writeBits(std::uint64_t(dod), 20);
            } else {
                writeBits(0b1111, 4);
                writeBits(std::uint64_t(dod), 64);
            }
        }
        m_lastDelta = delta;

        const std::uint64_t x = vbits ^ m_lastValueBits;
        if (x == 0) {
            writeBits(0b0, 1);
        } else {
            int leading = std::countl_zero(x);
            const int trailing = std::countr_zero(x);
            if (leading >= 32)
                leading = 31;  // five bits hold the count
            if (m_leading != 0xff && leading >= m_leading && trailing >= m_trailing) {
                // Fits the previous window: reuse it.
                writeBits(0b10, 2);
                writeBits(x >> m_trailing, 64 - m_leading - m_trailing);
            } else {
                m_leading = leading;
                m_trailing = trailing;
                const int significant = 64 - leading - trailing;
                writeBits(0b11, 2);
                writeBits(std::uint64_t(leading), 5);
                writeBits(std::uint64_t(significant == 64 ? 0 : significant), 6);  // 0 stands for 64
                writeBits(x >> trailing, significant);
            }
        }
    }
    m_lastT = t;
    m_lastValueBits = vbits;
    ++m_count;
    return true;
}

void XorChunk::decode(std::int64_t fromMs, std::int64_t toMs, std::vector<SamplePoint> &out) const
{
    if (m_count == 0 || toMs < m_firstT || fromMs > m_lastT)
        return;
    BitReader r(m_bytes);
    std::int64_t t = std::int64_t(r.read(64));
    std::uint64_t v = r.read(64);
    std::int64_t delta = 0;
    int leading = 0, trailing = 0;
    for (int i = 0; i < m_count; ++i) {
        if (i == 1) {
            delta = std::int64_t(r.read(64));
            t += delta;
        } else if (i > 1) {
            std::int64_t dod = 0;
            if (r.readBit()) {
                if (!r.readBit()) dod = signExtend(r.read(14), 14);
                else if (!r.readBit()) dod = signExtend(r.read(17), 17);
                else if (!r.readBit()) dod = signExtend(r.read(20), 20);
                else dod = std::int64_t(r.read(64));
            }
            delta += dod;
            t += delta;
        }
        if (i > 0 && r.readBit()) {
            if (r.readBit()) {
                leading = int(r.read(5));
                int significant = int(r.read(6));
                if (significant == 0)
                    significant = 64;
                trailing = 64 - leading - significant;
            }
            const int significant = 64 - leading - trailing;
            v ^= r.read(significant) << trailing;
        }
        if (t > toMs)
            return;
        if (t >= fromMs)
            out.push_back({t, std::bit_cast<double>(v)});
    }
}

} // namespace opsdeck
