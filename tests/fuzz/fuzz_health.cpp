// libFuzzer target: any health answer gives a verdict with a short reason, never a crash.
#include "health/health_interpreter.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the HTTP status and the content type; the rest is the body.
    const int statuses[] = {200, 204, 404, 429, 500, 503};
    const char *types[] = {"application/json", "application/health+json", "text/plain", "text/html"};
    const int status = statuses[data[0] % 6];
    const QByteArrayView type(types[(data[0] / 6) % 4]);
    const auto verdict = opsdeck::interpretHealth(status, type, QByteArrayView(data + 1, qsizetype(size - 1)));
    if (verdict.reason.size() > 200)
        std::abort();
    return 0;
}
