// libFuzzer target: any answer from a "Prometheus" decodes to a result or an error.
#include "prometheus/prometheus_api.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto result = opsdeck::decodePrometheusResponse(200, QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!result.ok && result.errorType.isEmpty())
        std::abort();
    return 0;
}
