// libFuzzer target: the Prometheus text format parser must never crash, hang or
// read out of bounds, whatever the bytes; an error must name a line it saw.
#include "text_exposition_parser.h"

#include <cstdlib>

namespace {
struct Sink : opsdeck::ExpositionHandler {
    std::size_t n = 0;
    void onSample(const opsdeck::FamilyInfo &, const opsdeck::SampleView &s) override
    {
        n += s.name.size();
        for (const auto &l : s.labels)
            n += l.name.size() + l.value.size();
    }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    Sink sink;
    opsdeck::ParseLimits limits;
    limits.maxLineBytes = 64 * 1024;
    const auto error = opsdeck::parseTextExposition(std::string_view(reinterpret_cast<const char *>(data), size), sink, limits);
    if (error && (error.line < 1 || error.column < 1))
        std::abort();
    return 0;
}
