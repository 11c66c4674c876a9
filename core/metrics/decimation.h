#pragma once

// Thinning a series to what a chart can show: per pixel column, the first,
// lowest, highest and last point (M4), so spikes survive and a frame costs
// work in pixels, not in points. Gaps longer than a limit split the output into
// segments, so a chart draws them as gaps, not as straight lines.

#include "metrics/xor_chunk.h"

#include <QPointF>

#include <span>
#include <vector>

namespace opsdeck {

using Segment = std::vector<QPointF>;  // x: milliseconds since the epoch, y: value

// points must be sorted by time. Points outside [fromMs, toMs] are kept once on
// each side so a line reaches the chart's edges. NaN values break segments.
std::vector<Segment> decimateM4(std::span<const SamplePoint> points, std::int64_t fromMs, std::int64_t toMs,
                                int columns, std::int64_t gapMs);

} // namespace opsdeck
