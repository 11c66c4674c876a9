// Benchmarks of the hot paths of core: parsing expositions, decoding
// query_range answers, appending to and reading from the series store, and
// thinning a series for a chart. Results and the machine: docs/performance.md.

#include "decimation.h"
#include "generated_inputs.h"
#include "openmetrics_parser.h"
#include "prometheus_api.h"
#include "series_store.h"
#include "text_exposition_parser.h"

#include <benchmark/benchmark.h>

#include <QFile>

#include <random>

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

void BM_ParseTextRealPage237Families(benchmark::State &state)
{
    QFile f(QStringLiteral(OPSDECK_SHARED_DIR "/corpora/prometheus-text/valid/alltypes.237mfs.prom.txt"));
    if (!f.open(QIODevice::ReadOnly)) {
        state.SkipWithError("../shared corpora absent");
        return;
    }
    parseText(state, f.readAll());
}
BENCHMARK(BM_ParseTextRealPage237Families)->Unit(benchmark::kMicrosecond);

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

BENCHMARK_MAIN();
