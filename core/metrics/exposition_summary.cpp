#include "metrics/exposition_summary.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace opsdeck {

namespace {

// A fast 32-bit hash for series bytes, eight at a time (a multiply-xorshift mix):
// std::hash's byte-wise Murmur took a third of the whole command.
std::uint32_t hashBytes(std::string_view s)
{
    constexpr std::uint64_t k = 0x9e3779b97f4a7c15ULL;
    std::uint64_t h = 0x2545f4914f6cdd1dULL ^ (s.size() * k);
    const char *p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (n > 0) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return std::uint32_t(h) | 1u;  // never 0, which marks an empty slot
}

} // namespace

ExpositionSummary::ExpositionSummary(std::string_view input)
    : m_input(input)
{
    // At most one series a line: room for them all at a load of three quarters, once.
    std::size_t lines = 0;
    for (const char *p = input.data(), *end = input.data() + input.size();
         (p = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)))) != nullptr; ++p)
        ++lines;  // memchr scans a word or a vector at a time; std::count went byte by byte
    allocate(std::bit_ceil(std::max<std::size_t>(1024, lines + lines / 3 + 1)));
}

void ExpositionSummary::FreeSlots::operator()(Slot *slots) const
{
#ifdef __linux__
    if (bytes) {
        ::munmap(slots, bytes);
        return;
    }
#endif
    std::free(slots);
}

void ExpositionSummary::allocate(std::size_t capacity)
{
    const std::size_t bytes = capacity * sizeof(Slot);
#ifdef __linux__
    constexpr std::size_t hugePage = 2 * 1024 * 1024;
    if (bytes >= hugePage) {
        void *p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            ::madvise(p, bytes, MADV_HUGEPAGE);  // a hint: refused, the table works with small pages
            m_slots = std::unique_ptr<Slot[], FreeSlots>(static_cast<Slot *>(p), FreeSlots{bytes});
            m_capacity = capacity;
            return;
        }
    }
#endif
    auto *slots = static_cast<Slot *>(std::calloc(capacity, sizeof(Slot)));
    if (!slots)
        throw std::bad_alloc();
    m_slots = std::unique_ptr<Slot[], FreeSlots>(slots, FreeSlots{0});
    m_capacity = capacity;
}

void ExpositionSummary::onSample(const FamilyInfo &family, const SampleView &sample)
{
    // The parser keeps one FamilyInfo per family at a stable address for the whole parse.
    if (&family != m_lastFamily) {
        auto [it, inserted] = m_familyIndex.try_emplace(&family, m_families.size());
        if (inserted)
            m_families.push_back({family.name, family.type, 0});  // a type is final before the first sample
        m_lastFamily = &family;
        m_lastIndex = it->second;
    }
    ++m_families[m_lastIndex].samples;
    ++m_sampleCount;

    const bool inInput = !sample.rawSeries.empty() && sample.rawSeries.data() >= m_input.data()
        && sample.rawSeries.data() + sample.rawSeries.size() <= m_input.data() + m_input.size();
    if (inInput) {
        const std::uint32_t hash = hashBytes(sample.rawSeries);
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(&m_slots[hash & (m_capacity - 1)]);
#endif
        if (m_inFlightCount == pipelineDepth)
            drain(pipelineDepth - 1);
        m_inFlight[(m_inFlightStart + m_inFlightCount++) % pipelineDepth] = {sample.rawSeries, hash};
        return;
    }
    drain(0);  // in page order, so that the counts never depend on the pipeline
    m_scratchKey.assign(sample.name);
    for (const LabelView &l : sample.labels)
        appendLabelToKey(m_scratchKey, l.name, l.value);
    insertSeries(m_scratchKey, hashBytes(m_scratchKey), true);
}

void ExpositionSummary::drain(std::size_t keep)
{
    while (m_inFlightCount > keep) {
        const InFlight &next = m_inFlight[m_inFlightStart];
        insertSeries(next.key, next.hash, false);
        m_inFlightStart = (m_inFlightStart + 1) % pipelineDepth;
        --m_inFlightCount;
    }
}

std::size_t ExpositionSummary::seriesCount()
{
    drain(0);
    return m_seriesCount;
}

std::string_view ExpositionSummary::keyOf(const Slot &slot) const
{
    const std::uint32_t length = slot.length & ~ownedBit;
    const std::string_view base = (slot.length & ownedBit) ? std::string_view(m_ownedKeys) : m_input;
    return base.substr(slot.offset, length);
}

bool ExpositionSummary::insertSeries(std::string_view key, std::uint32_t hash, bool owned)
{
    if ((m_seriesCount + 1) * 4 > m_capacity * 3)
        grow();
    const std::size_t mask = m_capacity - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot &slot = m_slots[i];
        if (slot.hash == 0) {
            if (owned) {
                slot.offset = std::uint32_t(m_ownedKeys.size());
                m_ownedKeys.append(key);
            } else {
                slot.offset = std::uint32_t(key.data() - m_input.data());
            }
            slot.length = std::uint32_t(key.size()) | (owned ? ownedBit : 0);
            slot.hash = hash;
            ++m_seriesCount;
            return true;
        }
        if (slot.hash == hash && keyOf(slot) == key)
            return false;
    }
}

void ExpositionSummary::grow()
{
    std::unique_ptr<Slot[], FreeSlots> old = std::move(m_slots);
    const std::size_t oldCapacity = m_capacity;
    allocate(oldCapacity * 2);
    const std::size_t mask = m_capacity - 1;
    for (std::size_t o = 0; o < oldCapacity; ++o) {
        const Slot &slot = old[o];
        if (slot.hash == 0)
            continue;
        std::size_t i = slot.hash & mask;
        while (m_slots[i].hash != 0)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
}

} // namespace opsdeck
