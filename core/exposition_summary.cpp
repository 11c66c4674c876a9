#include "exposition_summary.h"

#include <functional>

namespace opsdeck {

ExpositionSummary::ExpositionSummary(std::string_view input)
    : m_input(input), m_slots(1024)
{
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
        if (insertSeries(sample.rawSeries, false))
            ++m_seriesCount;
        return;
    }
    m_scratchKey.assign(sample.name);
    for (const LabelView &l : sample.labels)
        appendLabelToKey(m_scratchKey, l.name, l.value);
    if (insertSeries(m_scratchKey, true))
        ++m_seriesCount;
}

std::string_view ExpositionSummary::keyOf(const Slot &slot) const
{
    const std::uint32_t length = slot.length & ~ownedBit;
    const std::string_view base = (slot.length & ownedBit) ? std::string_view(m_ownedKeys) : m_input;
    return base.substr(slot.offset, length);
}

bool ExpositionSummary::insertSeries(std::string_view key, bool owned)
{
    if ((m_seriesCount + 1) * 4 > m_slots.size() * 3)
        grow();
    const std::size_t full = std::hash<std::string_view>{}(key);
    const std::uint32_t hash = std::uint32_t(full >> 32) | 1u;  // never 0, which marks an empty slot
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = full & mask;; i = (i + 1) & mask) {
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
            return true;
        }
        if (slot.hash == hash && keyOf(slot) == key)
            return false;
    }
}

void ExpositionSummary::grow()
{
    std::vector<Slot> old(m_slots.size() * 2);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot &slot : old) {
        if (slot.hash == 0)
            continue;
        std::size_t i = std::hash<std::string_view>{}(keyOf(slot)) & mask;
        while (m_slots[i].hash != 0)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
}

} // namespace opsdeck
