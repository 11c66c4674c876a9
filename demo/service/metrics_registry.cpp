#include "metrics_registry.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace demo {

namespace {

double nowSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

std::string formatDouble(double v)
{
    char buf[64];
    const auto result = std::to_chars(buf, buf + sizeof buf, v);  // shortest exact form
    return std::string(buf, result.ptr);
}

// CPU seconds and resident bytes of this process, as client libraries report them.
void readProcess(double *cpuSeconds, double *residentBytes, int *openFds)
{
    *cpuSeconds = 0;
    *residentBytes = 0;
    *openFds = 0;
    std::ifstream stat("/proc/self/stat");
    std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = content.rfind(')');
    if (close != std::string::npos) {
        std::istringstream rest(content.substr(close + 2));
        std::string field;
        unsigned long long utime = 0, stime = 0;
        long long rss = 0;
        for (int i = 3; rest >> field; ++i) {
            if (i == 14) utime = std::stoull(field);
            if (i == 15) stime = std::stoull(field);
            if (i == 24) { rss = std::stoll(field); break; }
        }
        const double ticks = double(sysconf(_SC_CLK_TCK));
        *cpuSeconds = double(utime + stime) / ticks;
        *residentBytes = double(rss) * double(sysconf(_SC_PAGESIZE));
    }
    if (DIR *dir = opendir("/proc/self/fd")) {
        while (readdir(dir))
            ++*openFds;
        closedir(dir);
        *openFds -= 2;
    }
}

} // namespace

MetricsRegistry::MetricsRegistry(std::string service, std::string version)
    : m_service(std::move(service)), m_version(std::move(version)), m_startTime(nowSeconds())
{
}

void MetricsRegistry::observeRequest(const std::string &method, const std::string &endpoint, int status,
                                     double seconds)
{
    std::lock_guard lock(m_mutex);
    Histogram &h = m_durations[{method, endpoint}];
    for (size_t i = 0; i < bucketBounds.size(); ++i) {
        if (seconds <= bucketBounds[i])
            ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
    ++m_requests[{method, endpoint, std::to_string(status)}];
}

void MetricsRegistry::setFaultMode(const std::string &mode)
{
    std::lock_guard lock(m_mutex);
    m_faultMode = mode;
}

std::string MetricsRegistry::render() const
{
    std::ostringstream out;
    std::lock_guard lock(m_mutex);

    out << "# HELP http_request_duration_seconds Time spent serving HTTP requests.\n"
           "# TYPE http_request_duration_seconds histogram\n";
    for (const auto &[key, h] : m_durations) {
        const auto &[method, endpoint] = key;
        const std::string labels = "method=\"" + method + "\",endpoint=\"" + endpoint + "\"";
        for (size_t i = 0; i < bucketBounds.size(); ++i)
            out << "http_request_duration_seconds_bucket{" << labels << ",le=\"" << formatDouble(bucketBounds[i])
                << "\"} " << h.buckets[i] << '\n';
        out << "http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << '\n';
        out << "http_request_duration_seconds_sum{" << labels << "} " << formatDouble(h.sum) << '\n';
        out << "http_request_duration_seconds_count{" << labels << "} " << h.count << '\n';
    }

    out << "# HELP http_requests_total Total HTTP requests by method, endpoint and status.\n"
           "# TYPE http_requests_total counter\n";
    for (const auto &[key, count] : m_requests) {
        const auto &[method, endpoint, status] = key;
        out << "http_requests_total{method=\"" << method << "\",endpoint=\"" << endpoint << "\",status=\""
            << status << "\"} " << count << '\n';
    }

    double cpu = 0, rss = 0;
    int fds = 0;
    readProcess(&cpu, &rss, &fds);
    out << "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n"
           "# TYPE process_cpu_seconds_total counter\n"
           "process_cpu_seconds_total " << formatDouble(cpu) << "\n"
           "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
           "# TYPE process_resident_memory_bytes gauge\n"
           "process_resident_memory_bytes " << formatDouble(rss) << "\n"
           "# HELP process_open_fds Number of open file descriptors.\n"
           "# TYPE process_open_fds gauge\n"
           "process_open_fds " << fds << "\n"
           "# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n"
           "# TYPE process_start_time_seconds gauge\n"
           "process_start_time_seconds " << formatDouble(m_startTime) << "\n"
           "# HELP build_info Build information.\n"
           "# TYPE build_info gauge\n"
           "build_info{service=\"" << m_service << "\",version=\"" << m_version << "\"} 1\n"
           "# HELP demo_fault_mode The fault currently injected (1 for the active mode).\n"
           "# TYPE demo_fault_mode gauge\n"
           "demo_fault_mode{mode=\"" << m_faultMode << "\"} 1\n";
    return out.str();
}

} // namespace demo
