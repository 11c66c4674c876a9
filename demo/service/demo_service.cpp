// A demo service for the OpsDeck demo environment: simulated traffic with
// realistic latency, Prometheus metrics and health endpoints, and faults that
// can be injected by writing a word into a file:
//   none | slow | errors | degraded | unhealthy | down
// "down" closes the listening socket (connections are refused) until the file
// says otherwise, as a crashed process would look from outside.

#include "metrics_registry.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Options {
    std::string name = "demo";
    std::string host = "127.0.0.1";
    int port = 18080;
    std::string version = "1.0.0";
    std::string faultFile;
    std::string healthFormat = "json";  // json | spring | health+json
    double requestsPerSecond = 40;
    // A release that is slower than the one before (the demo's deliberately bad version): every latency times this.
    double latencyFactor = 1.0;
};

struct Endpoint {
    std::string method;
    std::string path;
    double medianSeconds;  // of the lognormal latency
    double weight;
};

std::atomic<bool> g_quit{false};

void onSignal(int)
{
    g_quit = true;
}

std::vector<Endpoint> endpointsFor(const std::string &service)
{
    if (service == "trading-engine")
        return {{"POST", "/orders", 0.018, 5}, {"GET", "/orders", 0.008, 3},
                {"GET", "/positions", 0.012, 2}, {"DELETE", "/orders", 0.015, 1}};
    if (service == "market-data")
        return {{"GET", "/quotes", 0.004, 8}, {"GET", "/candles", 0.030, 2}, {"GET", "/symbols", 0.006, 1}};
    return {{"GET", "/api/orders", 0.025, 5}, {"POST", "/api/orders", 0.040, 2},
            {"GET", "/api/users", 0.015, 3}, {"GET", "/api/quotes", 0.012, 4}};
}

class FaultState
{
public:
    std::string mode() const
    {
        std::lock_guard lock(m_mutex);
        return m_mode;
    }
    void setMode(std::string mode)
    {
        std::lock_guard lock(m_mutex);
        m_mode = std::move(mode);
    }

private:
    mutable std::mutex m_mutex;
    std::string m_mode = "none";
};

std::string readFault(const std::string &file)
{
    if (file.empty())
        return "none";
    std::ifstream in(file);
    std::string word;
    if (!(in >> word))
        return "none";
    static const char *const known[] = {"none", "slow", "errors", "degraded", "unhealthy", "down"};
    for (const char *k : known) {
        if (word == k)
            return word;
    }
    return "none";
}

// Requests the service "serves": latency from a lognormal around each endpoint's
// median, a long tail, and statuses that follow the injected fault.
void simulateTraffic(const Options &options, demo::MetricsRegistry &metrics, const FaultState &fault)
{
    const auto endpoints = endpointsFor(options.name);
    std::vector<double> weights;
    for (const auto &e : endpoints)
        weights.push_back(e.weight);
    std::mt19937_64 rng(std::hash<std::string>{}(options.name));
    std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
    std::normal_distribution<double> noise(0.0, 0.45);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto tick = std::chrono::milliseconds(100);
    double carry = 0;

    while (!g_quit) {
        std::this_thread::sleep_for(tick);
        const std::string mode = fault.mode();
        if (mode == "down")
            continue;
        // Traffic breathes a little over a minute, as real traffic does.
        const double t = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
        // Each service breathes in its own phase, so the charts do not lie on top of each other.
        const double phase = double(std::hash<std::string>{}(options.name) % 60);
        const double rate = options.requestsPerSecond * (1.0 + 0.3 * std::sin((t + phase) / 60.0 * 2 * M_PI));
        carry += rate / 10.0;
        const int count = int(carry);
        carry -= count;
        for (int i = 0; i < count; ++i) {
            const Endpoint &e = endpoints[pick(rng)];
            double seconds = e.medianSeconds * std::exp(noise(rng));
            if (unit(rng) < 0.01)
                seconds *= 8;  // the tail: GC pauses, cold caches
            if (mode == "slow")
                seconds *= 10;
            seconds *= options.latencyFactor;
            int status = 200;
            const double roll = unit(rng);
            const double errorRate = mode == "errors" ? 0.35 : (mode == "unhealthy" ? 0.10 : 0.004);
            if (roll < errorRate)
                status = roll < errorRate / 4 ? 503 : 500;
            else if (roll < errorRate + 0.02)
                status = e.method == "POST" ? 400 : 404;
            else if (e.method == "POST")
                status = 201;
            metrics.observeRequest(e.method, e.path, status, seconds);
        }
    }
}

std::string healthBody(const Options &o, const std::string &mode, long uptime, int *httpStatus)
{
    const bool unhealthy = mode == "unhealthy";
    const bool degraded = mode == "degraded" || mode == "slow";
    *httpStatus = unhealthy ? 503 : 200;
    const std::string db = unhealthy ? "error" : "ok";
    const std::string cache = degraded ? "timeout" : "ok";
    if (o.healthFormat == "spring") {
        const std::string overall = unhealthy ? "DOWN" : "UP";
        return "{\"status\":\"" + overall + "\",\"components\":{\"db\":{\"status\":\"" +
               (unhealthy ? "DOWN" : "UP") +
               "\",\"details\":{\"database\":\"PostgreSQL\"}},\"redis\":{\"status\":\"" +
               (degraded ? "OUT_OF_SERVICE" : "UP") + "\"},\"diskSpace\":{\"status\":\"UP\"}}}";
    }
    if (o.healthFormat == "health+json") {
        const std::string overall = unhealthy ? "fail" : (degraded ? "warn" : "pass");
        return "{\"status\":\"" + overall + "\",\"version\":\"" + o.version + "\",\"releaseId\":\"" + o.version +
               "\",\"serviceId\":\"" + o.name + "\",\"checks\":{\"postgres:connections\":[{\"componentId\":\"primary\","
               "\"status\":\"" + (unhealthy ? "fail" : "pass") + "\",\"observedValue\":12}],"
               "\"feed:latency\":[{\"status\":\"" + (degraded ? "warn" : "pass") +
               "\",\"observedValue\":" + (degraded ? "850" : "35") + ",\"observedUnit\":\"ms\"}],"
               "\"uptime\":[{\"status\":\"pass\",\"observedValue\":" + std::to_string(uptime) +
               ",\"observedUnit\":\"s\"}]}}";
    }
    const std::string overall = unhealthy ? "unhealthy" : (degraded ? "degraded" : "healthy");
    return "{\"status\":\"" + overall + "\",\"database\":\"" + db + "\",\"redis\":\"" + cache +
           "\",\"version\":\"" + o.version + "\",\"uptime_seconds\":" + std::to_string(uptime) + "}";
}

bool parseArgs(int argc, char **argv, Options *o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string *out) {
            if (i + 1 >= argc)
                return false;
            *out = argv[++i];
            return true;
        };
        std::string v;
        if (arg == "--name" && value(&o->name)) continue;
        if (arg == "--host" && value(&o->host)) continue;
        if (arg == "--version" && value(&o->version)) continue;
        if (arg == "--fault-file" && value(&o->faultFile)) continue;
        if (arg == "--health-format" && value(&o->healthFormat)) continue;
        if (arg == "--port" && value(&v)) { o->port = std::stoi(v); continue; }
        if (arg == "--rps" && value(&v)) { o->requestsPerSecond = std::stod(v); continue; }
        if (arg == "--latency-factor" && value(&v)) { o->latencyFactor = std::stod(v); continue; }
        std::cerr << "usage: opsdeck-demo-service --name NAME --port PORT [--host ADDR] [--version V]\n"
                     "       [--fault-file FILE] [--health-format json|spring|health+json] [--rps N] [--latency-factor F]\n";
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    if (!parseArgs(argc, argv, &options))
        return 2;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    demo::MetricsRegistry metrics(options.name, options.version);
    FaultState fault;
    const auto started = std::chrono::steady_clock::now();
    std::thread traffic(simulateTraffic, std::cref(options), std::ref(metrics), std::cref(fault));

    httplib::Server server;
    auto uptime = [&] {
        return long(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count());
    };
    server.Get("/metrics", [&](const httplib::Request &, httplib::Response &res) {
        if (fault.mode() == "slow")
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        res.set_content(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
    });
    server.Get("/health", [&](const httplib::Request &, httplib::Response &res) {
        const std::string mode = fault.mode();
        if (mode == "slow")
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
        int status = 200;
        const std::string body = healthBody(options, mode, uptime(), &status);
        res.status = status;
        res.set_content(body, options.healthFormat == "health+json" ? "application/health+json" : "application/json");
    });
    server.Get("/health/live", [&](const httplib::Request &, httplib::Response &res) {
        res.set_content("{\"status\":\"ok\"}", "application/json");
    });
    server.Get("/health/ready", [&](const httplib::Request &, httplib::Response &res) {
        const bool ready = fault.mode() != "unhealthy";
        res.status = ready ? 200 : 503;
        res.set_content(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"not ready\",\"reason\":\"database unavailable\"}",
                        "application/json");
    });

    // Watches the fault file; "down" stops the listener until the fault clears.
    std::thread watcher([&] {
        while (!g_quit) {
            const std::string mode = readFault(options.faultFile);
            if (mode != fault.mode()) {
                std::cerr << options.name << ": fault " << fault.mode() << " -> " << mode << std::endl;
                fault.setMode(mode);
                metrics.setFaultMode(mode);
                if (mode == "down")
                    server.stop();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
        server.stop();
    });

    int exitCode = 0;
    while (!g_quit) {
        if (fault.mode() == "down") {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        if (!server.bind_to_port(options.host, options.port)) {
            std::cerr << options.name << ": cannot listen on " << options.host << ":" << options.port
                      << " (port taken?)" << std::endl;
            exitCode = 1;
            g_quit = true;
            break;
        }
        std::cerr << options.name << ": listening on http://" << options.host << ":" << options.port << std::endl;
        server.listen_after_bind();
    }
    g_quit = true;
    watcher.join();
    traffic.join();
    return exitCode;
}
