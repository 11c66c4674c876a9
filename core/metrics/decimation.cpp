#include "metrics/decimation.h"

#include <algorithm>
#include <cmath>

namespace opsdeck {

namespace {

// Emits the points one column collected, in time order, without repeats.
void flushColumn(Segment &out, const SamplePoint &first, const SamplePoint &min, const SamplePoint &max,
                 const SamplePoint &last)
{
    const SamplePoint *ordered[4] = {&first, &min, &max, &last};
    std::sort(std::begin(ordered), std::end(ordered),
              [](const SamplePoint *a, const SamplePoint *b) { return a->timestampMs < b->timestampMs; });
    const SamplePoint *previous = nullptr;
    for (const SamplePoint *p : ordered) {
        if (previous && previous->timestampMs == p->timestampMs && previous->value == p->value)
            continue;
        out.emplace_back(double(p->timestampMs), p->value);
        previous = p;
    }
}

} // namespace

std::vector<Segment> decimateM4(std::span<const SamplePoint> points, std::int64_t fromMs, std::int64_t toMs,
                                int columns, std::int64_t gapMs)
{
    std::vector<Segment> segments;
    if (points.empty() || toMs <= fromMs || columns <= 0)
        return segments;

    // One point beyond each edge, so the line runs off the chart rather than stopping short.
    auto begin = std::lower_bound(points.begin(), points.end(), fromMs,
                                  [](const SamplePoint &p, std::int64_t t) { return p.timestampMs < t; });
    auto end = std::upper_bound(points.begin(), points.end(), toMs,
                                [](std::int64_t t, const SamplePoint &p) { return t < p.timestampMs; });
    if (begin != points.begin())
        --begin;
    if (end != points.end())
        ++end;
    if (begin == end)
        return segments;

    const double columnWidth = double(toMs - fromMs) / double(columns);
    Segment current;
    bool open = false;
    long column = 0;
    SamplePoint first{}, min{}, max{}, last{};
    std::int64_t previousT = 0;
    bool havePrevious = false;

    auto closeColumn = [&] {
        if (open)
            flushColumn(current, first, min, max, last);
        open = false;
    };
    auto closeSegment = [&] {
        closeColumn();
        if (!current.empty())
            segments.push_back(std::move(current));
        current = Segment();
    };

    for (auto it = begin; it != end; ++it) {
        const SamplePoint &p = *it;
        if (std::isnan(p.value)) {
            closeSegment();
            havePrevious = false;
            continue;
        }
        if (havePrevious && gapMs > 0 && p.timestampMs - previousT > gapMs)
            closeSegment();
        previousT = p.timestampMs;
        havePrevious = true;

        const long c = long(std::floor(double(p.timestampMs - fromMs) / columnWidth));
        if (!open || c != column) {
            closeColumn();
            column = c;
            first = min = max = last = p;
            open = true;
            continue;
        }
        if (p.value < min.value)
            min = p;
        if (p.value > max.value)
            max = p;
        last = p;
    }
    closeSegment();
    return segments;
}

} // namespace opsdeck
