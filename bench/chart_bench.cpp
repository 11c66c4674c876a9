// Frames per second of the chart widget, painted for real (run it under Xvfb
// for this machine's software rendering, or on the offscreen platform):
//   pan:  one 1,000,000-point series in a 1,000-pixel-wide chart, the window
//         moved every frame (each frame re-thins the visible points and paints);
//   zoom: the same series, the window narrowed and widened every frame;
//   live: 8 charts × 2 series × 11,000 points, every chart handed its lines
//         again with one new point each per frame, as a live dashboard does.
// Prints frames per second for each. opsdeck_bench_charts [FRAMES]

#include "time_series_chart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QGridLayout>
#include <QWidget>

#include <cmath>
#include <cstdio>
#include <random>

using namespace opsdeck;

namespace {

std::vector<SamplePoint> randomWalk(std::size_t n, qint64 startMs, qint64 stepMs, unsigned seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> step(0.0, 1.0);
    std::vector<SamplePoint> points(n);
    double v = 100;
    for (std::size_t i = 0; i < n; ++i) {
        v += step(random);
        points[i] = {startMs + qint64(i) * stepMs, v};
    }
    return points;
}

double framesPerSecond(int frames, const std::function<void(int)> &frame)
{
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < frames; ++i)
        frame(i);
    return frames * 1000.0 / std::max<qint64>(1, timer.elapsed());
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int frames = argc > 1 ? std::atoi(argv[1]) : 120;
    std::printf("platform %s, %d frames each\n", qPrintable(QGuiApplication::platformName()), frames);

    {
        TimeSeriesChart chart;
        chart.resize(1100, 360);
        chart.setTitle(QStringLiteral("1,000,000 points"));
        chart.show();
        const qint64 t0 = 1'700'000'000'000;
        auto points = randomWalk(1'000'000, t0, 1000, 1);
        const qint64 span = qint64(points.size()) * 1000;
        chart.setTimeRange(t0, t0 + span);
        chart.setLines({{QStringLiteral("walk"), QStringLiteral("walk"), std::move(points), {}}});
        chart.repaint();
        const double pan = framesPerSecond(frames, [&](int i) {
            // Half the series in view, sliding by 1 % a frame.
            const qint64 from = t0 + (span / 2) * (i % 100) / 100;
            chart.setTimeRange(from, from + span / 2);
            chart.repaint();
        });
        const double zoom = framesPerSecond(frames, [&](int i) {
            const double f = 0.05 + 0.95 * std::abs(std::sin(i * 0.1));
            const qint64 width = qint64(double(span) * f);
            chart.setTimeRange(t0 + (span - width) / 2, t0 + (span + width) / 2);
            chart.repaint();
        });
        std::printf("pan  1,000,000 points: %.1f frames/s (%d points drawn)\n", pan, chart.drawnPointCount(QStringLiteral("walk")));
        // To look at what the frames showed: OPSDECK_BENCH_SNAPSHOT=folder saves the last one of each.
        const QString snapshots = qEnvironmentVariable("OPSDECK_BENCH_SNAPSHOT");
        if (!snapshots.isEmpty())
            chart.grab().save(snapshots + QStringLiteral("/pan.png"));
        std::printf("zoom 1,000,000 points: %.1f frames/s\n", zoom);
    }

    {
        QWidget window;
        auto *grid = new QGridLayout(&window);
        std::vector<TimeSeriesChart *> charts;
        std::vector<std::vector<SamplePoint>> series;
        const qint64 t0 = 1'700'000'000'000;
        for (int c = 0; c < 8; ++c) {
            auto *chart = new TimeSeriesChart(&window);
            chart->setTitle(QStringLiteral("panel %1").arg(c + 1));
            grid->addWidget(chart, c / 2, c % 2);
            charts.push_back(chart);
            for (int s = 0; s < 2; ++s)
                series.push_back(randomWalk(11'000, t0, 2000, unsigned(10 + c * 2 + s)));
        }
        window.resize(1400, 1000);
        window.show();
        std::mt19937 random(3);
        std::normal_distribution<double> step(0.0, 1.0);
        const double live = framesPerSecond(frames, [&](int) {
            for (int c = 0; c < 8; ++c) {
                std::vector<TimeSeriesChart::Line> lines;
                for (int s = 0; s < 2; ++s) {
                    auto &points = series[size_t(c * 2 + s)];
                    points.push_back({points.back().timestampMs + 2000, points.back().value + step(random)});
                    points.erase(points.begin());  // a moving window of 11,000
                    lines.push_back({QStringLiteral("s%1").arg(s), QStringLiteral("series %1").arg(s), points, {}});
                }
                charts[size_t(c)]->setTimeRange(series[size_t(c * 2)].front().timestampMs, series[size_t(c * 2)].back().timestampMs);
                charts[size_t(c)]->setLines(std::move(lines));
            }
            window.repaint();
        });
        if (const QString snapshots = qEnvironmentVariable("OPSDECK_BENCH_SNAPSHOT"); !snapshots.isEmpty())
            window.grab().save(snapshots + QStringLiteral("/live.png"));
        std::printf("live 8 panels x 2 series x 11,000 points: %.1f frames/s\n", live);
        // Resident memory of the whole process (Qt, the charts and their 176,000 points), now and at its peak.
        QFile status(QStringLiteral("/proc/self/status"));
        if (status.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS") || line.startsWith("VmHWM"))
                    std::printf("%s\n", line.simplified().constData());
            }
        }
    }
    return 0;
}
