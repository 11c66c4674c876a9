// libFuzzer target: the OpenMetrics parser, same promises as the text parser.
#include "metrics/openmetrics_parser.h"

#include <cstdlib>

namespace {
struct Sink : opsdeck::ExpositionHandler {
    std::size_t n = 0;
    void onSample(const opsdeck::FamilyInfo &, const opsdeck::SampleView &s) override { n += s.labels.size(); }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    Sink sink;
    opsdeck::ParseLimits limits;
    limits.maxLineBytes = 64 * 1024;
    const auto error = opsdeck::parseOpenMetrics(std::string_view(reinterpret_cast<const char *>(data), size), sink, limits);
    if (error && (error.line < 1 || error.column < 1))
        std::abort();
    return 0;
}
