#pragma once

#include "metrics/exposition.h"

namespace opsdeck {

// Parses OpenMetrics 1.0 (application/openmetrics-text): single spaces, no
// blank lines, "# EOF" at the end; counter, gauge, histogram, gaugehistogram,
// summary, info, stateset and unknown families, each contiguous, with their
// suffixes (_total, _created, _bucket, _gcount...); UNIT; timestamps in
// seconds; exemplars on counters and buckets. The semantic rules the format
// sets are checked too: counters and buckets never negative or NaN, buckets in
// order and cumulative with a +Inf bucket equal to the count, quantiles within
// [0, 1], info 1 and stateset 0 or 1, timestamps not going back in a series.
//
// Samples go to the handler as they are read; on an error parsing stops and
// the error names line and column. Timestamps reach the handler in milliseconds.
ParseError parseOpenMetrics(std::string_view input, ExpositionHandler &handler, const ParseLimits &limits = {});

// Either parser, by format.
ParseError parseExposition(ExpositionFormat format, std::string_view input, ExpositionHandler &handler,
                           const ParseLimits &limits = {});

} // namespace opsdeck
