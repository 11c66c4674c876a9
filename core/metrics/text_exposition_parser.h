#pragma once

#include "metrics/exposition.h"

namespace opsdeck {

// Parses the Prometheus text exposition format 0.0.4, with the rules of the
// reference parser (prometheus/common expfmt): HELP and TYPE at most once per
// family and TYPE before the family's samples; samples of one family may be
// interleaved with others; le and quantile must be numbers; label values and
// quoted names valid UTF-8 with the escapes \\ \" \n only; values are decimal
// floats or NaN/Inf; timestamps whole milliseconds; every line ends in '\n'.
// Also reads the quoted UTF-8 metric and label names of the newer format:
// {"my.metric","label.name"="v"}.
//
// Stops at the first error and returns it with line and column; samples
// before it have been handed to the handler.
ParseError parseTextExposition(std::string_view input, ExpositionHandler &handler, const ParseLimits &limits = {});

} // namespace opsdeck
