#pragma once

// The demo service's metrics, kept by hand in the shapes that real Python, Go
// and Rust services expose, and rendered in the Prometheus text format 0.0.4.

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace demo {

class MetricsRegistry
{
public:
    static constexpr std::array<double, 11> bucketBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                            0.5,   1.0,  2.5,   5.0,  10.0};

    MetricsRegistry(std::string service, std::string version);

    void observeRequest(const std::string &method, const std::string &endpoint, int status, double seconds);
    void setFaultMode(const std::string &mode);
    std::string render() const;

private:
    struct Histogram {
        std::array<unsigned long long, bucketBounds.size()> buckets{};
        unsigned long long count = 0;
        double sum = 0;
    };
    using EndpointKey = std::tuple<std::string, std::string>;              // method, endpoint
    using RequestKey = std::tuple<std::string, std::string, std::string>;  // method, endpoint, status

    std::string m_service;
    std::string m_version;
    double m_startTime;
    mutable std::mutex m_mutex;
    std::map<EndpointKey, Histogram> m_durations;
    std::map<RequestKey, unsigned long long> m_requests;
    std::string m_faultMode = "none";
};

} // namespace demo
