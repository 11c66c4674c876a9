#include "generated_inputs.h"

#include <random>
#include <string>

namespace opsdeck::bench {

QByteArray generateExposition(std::size_t minBytes, bool openMetrics)
{
    std::mt19937_64 rng(42);
    std::string out;
    out.reserve(minBytes + 4096);
    const char *methods[] = {"GET", "POST", "PUT", "DELETE"};
    const char *statuses[] = {"200", "201", "400", "404", "500", "503"};
    const char *buckets[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};
    int family = 0;
    while (out.size() < minBytes) {
        const std::string name = "app_http_request_duration_seconds_" + std::to_string(family);
        out += "# HELP " + name + " Request latency with \\\\ backslash and \\n newline.\n";
        out += "# TYPE " + name + " histogram\n";
        for (int series = 0; series < 40; ++series) {
            const std::string labels = std::string("method=\"") + methods[series % 4] + "\",endpoint=\"/api/v1/orders/"
                + std::to_string(series) + "\",status=\"" + statuses[series % 6] + "\",region=\"eu-west-" + std::to_string(series % 3)
                + "\",pod=\"api-7d9f8b-" + std::to_string(rng() % 100000) + "\",note=\"say \\\"hi\\\"\"";
            std::uint64_t cumulative = 0;
            for (const char *le : buckets) {
                cumulative += rng() % 1000;
                out += name + "_bucket{" + labels + ",le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
            }
            out += name + "_sum{" + labels + "} " + std::to_string(double(rng() % 100000) / 7.0) + "\n";
            out += name + "_count{" + labels + "} " + std::to_string(cumulative)
                + (openMetrics ? " 1700000000.000\n" : " 1700000000000\n");
        }
        const std::string counter = "app_events_" + std::to_string(family);
        out += "# TYPE " + counter + " counter\n";
        for (int series = 0; series < 60; ++series) {
            const char *value = openMetrics ? nullptr : series % 29 == 0 ? "NaN" : series % 31 == 0 ? "+Inf" : nullptr;
            out += counter + "_total{kind=\"k" + std::to_string(series) + "\",shard=\"" + std::to_string(series % 8)
                + "\",zone=\"z" + std::to_string(series % 5) + "\",team=\"ops\",service=\"trading-engine\"} "
                + (value ? std::string(value) : std::to_string(rng() % 10000000)) + "\n";
        }
        const std::string gauge = "app_temperature_" + std::to_string(family);
        out += "# TYPE " + gauge + " gauge\n";
        out += gauge + "{sensor=\"a\"} NaN\n" + gauge + "{sensor=\"b\"} +Inf\n" + gauge + "{sensor=\"c\"} -Inf\n";
        ++family;
    }
    if (openMetrics)
        out += "# EOF\n";
    return QByteArray::fromStdString(out);
}

QByteArray generateQueryRange(int series, int points)
{
    std::mt19937_64 rng(7);
    std::string out = R"({"status":"success","data":{"resultType":"matrix","result":[)";
    for (int s = 0; s < series; ++s) {
        if (s)
            out += ',';
        out += R"({"metric":{"__name__":"http_requests_total","service":"api-gateway","instance":"10.0.0.)"
            + std::to_string(s) + R"(:8080","job":"api"},"values":[)";
        for (int p = 0; p < points; ++p) {
            if (p)
                out += ',';
            out += '[' + std::to_string(1700000000 + p * 15) + ".000,\"" + std::to_string(double(rng() % 1000000) / 13.0) + "\"]";
        }
        out += "]}";
    }
    out += "]}}";
    return QByteArray::fromStdString(out);
}

} // namespace opsdeck::bench
