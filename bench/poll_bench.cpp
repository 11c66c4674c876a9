// Polling many endpoints: N scrape targets, each fetched every second, parsed
// and appended to the store, as the console does; prints the CPU this process
// used for it (fetch, parse and store), as a share of one core. The pages come
// from servers in other processes (bench/poll-bench.sh starts them), so their
// cost is not counted.
//   opsdeck_bench_polling TARGETS SECONDS URL [URL...]

#include "metrics/series_store.h"
#include "net/http_client.h"
#include "prometheus/metrics_scraper.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace opsdeck;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: opsdeck_bench_polling TARGETS SECONDS URL [URL...]\n");
        return 2;
    }
    const int targets = args[1].toInt();
    const int seconds = args[2].toInt();
    const QStringList urls = args.mid(3);

    HttpClient http;
    SeriesStore store;
    MetricsScraper scraper(&http, &store);
    QList<ServiceConfig> services;
    for (int i = 0; i < targets; ++i) {
        ServiceConfig s;
        s.name = QStringLiteral("target-%1").arg(i);
        // Each target on a host of its own (127.0.0.x all reach this machine's
        // servers), as 200 real endpoints would be: connections are per host.
        QUrl url(urls[i % urls.size()] + QStringLiteral("?target=%1").arg(i));
        if (url.host() == u"127.0.0.1")
            url.setHost(QStringLiteral("127.0.%1.%2").arg(i / 250).arg(1 + i % 250));
        s.metricsUrl = url;
        s.intervalS = 1;
        s.timeoutS = 1;
        services << s;
    }
    scraper.setServices(services);
    std::size_t scrapes = 0, failures = 0, samples = 0;
    QMap<QString, int> errors;
    bool measuring = false;
    QObject::connect(&scraper, &MetricsScraper::scraped, &app, [&](const ScrapeReport &r) {
        if (!measuring)
            return;
        ++scrapes;
        failures += r.ok ? 0 : 1;
        if (!r.ok)
            ++errors[r.error.left(60)];
        samples += r.samples;
    });
    scraper.start();

    // Five seconds to warm up (connections, the store's series, the scrape caches), then measure.
    double cpuStart = 0;
    QElapsedTimer wall;
    QTimer::singleShot(5000, &app, [&] {
        measuring = true;
        cpuStart = cpuSeconds();
        wall.start();
    });
    QTimer::singleShot(5000 + seconds * 1000, &app, [&] {
        const double cpu = cpuSeconds() - cpuStart;
        const double elapsed = double(wall.elapsed()) / 1000.0;
        const auto stats = store.stats();
        std::printf("targets=%d interval=1s measured=%.1fs scrapes=%zu (%.1f/s) failed=%zu samples/s=%.0f\n", targets, elapsed,
                    scrapes, double(scrapes) / elapsed, failures, double(samples) / elapsed);
        std::printf("cpu=%.2fs = %.1f%% of one core; store: %zu series, %zu samples, %.1f MiB\n", cpu, 100.0 * cpu / elapsed,
                    stats.series, stats.samples, double(stats.totalBytes) / (1024.0 * 1024.0));
        for (auto it = errors.cbegin(); it != errors.cend(); ++it)
            std::printf("  failed %d× %s\n", it.value(), qPrintable(it.key()));
        app.quit();
    });
    return app.exec();
}
