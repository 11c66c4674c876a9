// Benchmarks of the hot paths of core: parsing expositions, decoding
// query_range answers, appending to and reading from the series store, and
// thinning a series for a chart. Results and the machine: docs/performance.md.

#include "generated_inputs.h"
#include "metrics/decimation.h"
#include "metrics/openmetrics_parser.h"
#include "metrics/raw_series_cache.h"
#include "metrics/scrape_ingestor.h"
#include "metrics/series_store.h"
#include "metrics/text_exposition_parser.h"
#include "prometheus/prometheus_api.h"

#include <benchmark/benchmark.h>

#include <QDir>
#include <QFile>

#include <random>
#include <unordered_map>

using namespace opsdeck;

namespace {

// Counts samples and touches every label, so nothing is optimised away.
struct CountingHandler : ExpositionHandler {
    std::size_t samples = 0;
    std::size_t labelBytes = 0;
    void onSample(const FamilyInfo &, const SampleView &s) override
    {
        ++samples;
        for (const LabelView &l : s.labels)
            labelBytes += l.name.size() + l.value.size();
    }
};

const QByteArray &generatedPage()
{
    static const QByteArray page = bench::generateExposition(50 * 1024 * 1024);
    return page;
}

void parseText(benchmark::State &state, const QByteArray &page)
{
    std::size_t samples = 0;
    for (auto _ : state) {
        CountingHandler handler;
        const ParseError error = parseTextExposition(std::string_view(page.constData(), size_t(page.size())), handler);
        if (error)
            state.SkipWithError(error.message.c_str());
        benchmark::DoNotOptimize(handler.labelBytes);
        samples = handler.samples;
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * page.size());
    state.counters["samples/s"] = benchmark::Counter(double(samples) * double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["samples"] = double(samples);
}

void BM_ParseTextGenerated50MB(benchmark::State &state)
{
    parseText(state, generatedPage());
}
BENCHMARK(BM_ParseTextGenerated50MB)->Unit(benchmark::kMillisecond)->MinTime(3);

// The real 237-family page of the shared corpora; empty (and the benchmark skipped) without them.
QByteArray realPage(benchmark::State &state)
{
    QFile f(QStringLiteral(OPSDECK_SHARED_DIR "/corpora/prometheus-text/valid/alltypes.237mfs.prom.txt"));
    if (!f.open(QIODevice::ReadOnly)) {
        state.SkipWithError("../shared corpora absent");
        return {};
    }
    return f.readAll();
}

void BM_ParseTextRealPage237Families(benchmark::State &state)
{
    if (const QByteArray page = realPage(state); !page.isEmpty())
        parseText(state, page);
}
BENCHMARK(BM_ParseTextRealPage237Families)->Unit(benchmark::kMicrosecond);

// Re-scraping a page whose series are known, as a scrape cache keyed on the
// raw series bytes sees it from the second scrape on: the parser offers each
// line by its bytes, the handler finds it; labels are not parsed again.
struct RawCacheHandler : ExpositionHandler {
    RawSeriesCache cache;
    std::size_t samples = 0;
    double sum = 0;
    bool usesSeriesCache() const override { return true; }
    std::string_view expectedSeries() override { return cache.expected(); }
    bool onKnownSeries(std::string_view raw, bool expected, double value, std::optional<std::int64_t>) override
    {
        const std::optional<RawSeriesCache::Id> id = expected ? cache.takeExpected() : cache.find(raw);
        if (!id)
            return false;
        sum += value + double(*id);
        ++samples;
        return true;
    }
    void onSample(const FamilyInfo &, const SampleView &s) override
    {
        cache.insert(s.rawSeries, RawSeriesCache::Id(cache.size()));
        ++samples;
    }
};

void rescrape(benchmark::State &state, const QByteArray &page)
{
    const std::string_view input(page.constData(), size_t(page.size()));
    RawCacheHandler handler;
    handler.cache.beginScrape();
    if (const ParseError error = parseTextExposition(input, handler))  // the first scrape fills the cache
        state.SkipWithError(error.message.c_str());
    handler.cache.endScrape(true);
    const std::size_t series = handler.cache.size();
    for (auto _ : state) {
        handler.samples = 0;
        handler.cache.beginScrape();
        const ParseError error = parseTextExposition(input, handler);
        handler.cache.endScrape(!error);
        if (error)
            state.SkipWithError(error.message.c_str());
        benchmark::DoNotOptimize(handler.sum);
    }
    if (handler.cache.size() != series)
        state.SkipWithError("a known series was not recognised");
    state.SetBytesProcessed(std::int64_t(state.iterations()) * page.size());
    state.counters["samples/s"] = benchmark::Counter(double(handler.samples) * double(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_RescrapeKnownSeriesGenerated50MB(benchmark::State &state)
{
    rescrape(state, generatedPage());
}
BENCHMARK(BM_RescrapeKnownSeriesGenerated50MB)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_RescrapeKnownSeriesRealPage237Families(benchmark::State &state)
{
    if (const QByteArray page = realPage(state); !page.isEmpty())
        rescrape(state, page);
}
BENCHMARK(BM_RescrapeKnownSeriesRealPage237Families)->Unit(benchmark::kMicrosecond);

// The whole scrape path after the first scrape: parse through the cache and
// append every sample to the store (one scrape every 2 s of time).
void BM_IngestRescrapeIntoStoreGenerated50MB(benchmark::State &state)
{
    const QByteArray &page = generatedPage();
    const std::string_view input(page.constData(), size_t(page.size()));
    SeriesStore store;
    ScrapeIngestor ingestor(store, "bench");
    std::int64_t t = 1'700'000'000'000;
    ingestor.ingest(ExpositionFormat::Text, input, t);
    std::size_t samples = 0;
    for (auto _ : state) {
        t += 2000;
        const auto result = ingestor.ingest(ExpositionFormat::Text, input, t);
        if (result.error || result.newSeries)
            state.SkipWithError("the page did not re-scrape cleanly");
        samples = result.samples;
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * page.size());
    state.counters["samples/s"] = benchmark::Counter(double(samples) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestRescrapeIntoStoreGenerated50MB)->Unit(benchmark::kMillisecond)->Iterations(20);

void BM_ParseOpenMetricsGenerated(benchmark::State &state)
{
    static const QByteArray page = bench::generateExposition(50 * 1024 * 1024, true);
    std::size_t samples = 0;
    for (auto _ : state) {
        CountingHandler handler;
        const ParseError error = parseOpenMetrics(std::string_view(page.constData(), size_t(page.size())), handler);
        if (error)
            state.SkipWithError((std::to_string(error.line) + ": " + error.message).c_str());
        samples = handler.samples;
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * page.size());
    state.counters["samples/s"] = benchmark::Counter(double(samples) * double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["samples"] = double(samples);
}
BENCHMARK(BM_ParseOpenMetricsGenerated)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_DecodeQueryRange100x11000(benchmark::State &state)
{
    static const QByteArray answer = bench::generateQueryRange(100, 11000);
    for (auto _ : state) {
        const PromApiResult r = decodePrometheusResponse(200, answer);
        if (!r.ok || r.series.size() != 100)
            state.SkipWithError("decode failed");
        benchmark::DoNotOptimize(r.series.back().points.back().value);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * answer.size());
    state.counters["MB"] = double(answer.size()) / 1e6;
}
BENCHMARK(BM_DecodeQueryRange100x11000)->Unit(benchmark::kMillisecond);

// Six hours of a demo-like profile: 3 services x 80 series, scraped every 2 s.
void BM_StoreSixHoursOfDemoProfile(benchmark::State &state)
{
    const int series = 240;
    const int samples = 6 * 3600 / 2;
    std::size_t bytes = 0, total = 0;
    for (auto _ : state) {
        SeriesStore store(7LL * 3600 * 1000);
        std::vector<SeriesStore::SeriesId> ids;
        for (int s = 0; s < series; ++s)
            ids.push_back(store.seriesFor("m" + std::to_string(s % 80), {{"service", "svc" + std::to_string(s / 80)}}));
        std::mt19937_64 rng(1);
        std::vector<double> values(size_t(series), 1000);
        for (int i = 0; i < samples; ++i) {
            const std::int64_t t = 1'700'000'000'000 + std::int64_t(i) * 2000;
            for (int s = 0; s < series; ++s) {
                // A third counters, a third slowly moving gauges, a third constant buckets.
                if (s % 3 == 0)
                    values[size_t(s)] += double(rng() % 50);
                else if (s % 3 == 1)
                    values[size_t(s)] = 50e6 + double(rng() % 1000) * 4096;
                store.append(ids[size_t(s)], t, values[size_t(s)]);
            }
        }
        const auto st = store.stats();
        bytes = st.chunkBytes;
        total = st.samples;
    }
    state.counters["samples"] = double(total);
    state.counters["bytes/sample"] = double(bytes) / double(total);
    state.counters["appends/s"] = benchmark::Counter(double(total) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StoreSixHoursOfDemoProfile)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_DecimateMillionPointsTo1000Columns(benchmark::State &state)
{
    std::vector<SamplePoint> points;
    for (int i = 0; i < 1'000'000; ++i)
        points.push_back({std::int64_t(i) * 100, std::sin(i / 1000.0)});
    for (auto _ : state) {
        auto segments = decimateM4(points, 0, 100'000'000, 1000, 0);
        benchmark::DoNotOptimize(segments);
    }
}
BENCHMARK(BM_DecimateMillionPointsTo1000Columns)->Unit(benchmark::kMillisecond);

} // namespace

namespace {

// Real pages, one benchmark pair each, from the folder $OPSDECK_BENCH_PAGES
// (bench/compare-expfmt.sh fills it with node_exporter's, postgres_exporter's
// and Prometheus's own /metrics): the first parse, and a re-scrape.
void registerRealPages()
{
    const QByteArray folder = qgetenv("OPSDECK_BENCH_PAGES");
    if (folder.isEmpty())
        return;
    const QDir dir(QString::fromLocal8Bit(folder));
    for (const QString &name : dir.entryList({QStringLiteral("*.prom")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const auto page = std::make_shared<QByteArray>(f.readAll());
        const std::string label = name.chopped(5).toStdString();
        benchmark::RegisterBenchmark(("BM_ParseTextPage/" + label).c_str(), [page](benchmark::State &state) { parseText(state, *page); })
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("BM_RescrapePage/" + label).c_str(), [page](benchmark::State &state) { rescrape(state, *page); })
            ->Unit(benchmark::kMicrosecond);
    }
}

} // namespace

int main(int argc, char **argv)
{
    registerRealPages();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
