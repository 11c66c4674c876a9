#include "metrics/decimation.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace opsdeck;

class TestDecimation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsEveryColumnsExtremes();
    void boundsThePointCount();
    void splitsAtGapsAndNaN();
    void reachesPastTheEdges();
};

void TestDecimation::keepsEveryColumnsExtremes()
{
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> noise(-1, 1);
    std::vector<SamplePoint> points;
    for (int i = 0; i < 100000; ++i)
        points.push_back({i, std::sin(i / 5000.0) + noise(rng)});
    points[31337].value = 50;    // a spike
    points[77777].value = -50;   // a dip
    const int columns = 500;
    const auto segments = decimateM4(points, 0, 99999, columns, 0);
    QCOMPARE(segments.size(), size_t(1));
    const Segment &s = segments[0];
    // Every column's min and max are there.
    const double width = 100000.0 / columns;
    for (int c = 0; c < columns; ++c) {
        double lo = INFINITY, hi = -INFINITY;
        for (int i = int(c * width); i < int((c + 1) * width) && i < 100000; ++i) {
            lo = std::min(lo, points[size_t(i)].value);
            hi = std::max(hi, points[size_t(i)].value);
        }
        bool sawLo = false, sawHi = false;
        for (const QPointF &p : s) {
            if (p.x() >= c * width && p.x() < (c + 1) * width) {
                sawLo |= p.y() == lo;
                sawHi |= p.y() == hi;
            }
        }
        QVERIFY2(sawLo && sawHi, qPrintable(QStringLiteral("column %1").arg(c)));
    }
    for (size_t i = 1; i < s.size(); ++i)
        QVERIFY(s[i].x() > s[i - 1].x());  // in time order, no duplicates
}

void TestDecimation::boundsThePointCount()
{
    std::vector<SamplePoint> points;
    for (int i = 0; i < 1000000; ++i)
        points.push_back({std::int64_t(i) * 10, double(i % 97)});
    const auto segments = decimateM4(points, 0, 10'000'000, 800, 0);
    std::size_t total = 0;
    for (const auto &s : segments)
        total += s.size();
    QVERIFY2(total <= 4 * 801 + 2, qPrintable(QString::number(total)));
    QVERIFY(total >= 800);
}

void TestDecimation::splitsAtGapsAndNaN()
{
    std::vector<SamplePoint> points;
    for (int i = 0; i < 10; ++i)
        points.push_back({i * 1000, 1});
    for (int i = 30; i < 40; ++i)  // a 20 s hole: the service was down
        points.push_back({i * 1000, 2});
    points.push_back({41000, std::nan("")});
    points.push_back({42000, 3});
    points.push_back({43000, 3});
    const auto segments = decimateM4(points, 0, 43000, 1000, 5000);
    QCOMPARE(segments.size(), size_t(3));
    QCOMPARE(segments[0].back().x(), 9000.0);
    QCOMPARE(segments[1].front().x(), 30000.0);
    QCOMPARE(segments[2].front().y(), 3.0);
}

void TestDecimation::reachesPastTheEdges()
{
    std::vector<SamplePoint> points;
    for (int i = 0; i < 100; ++i)
        points.push_back({i * 1000, double(i)});
    const auto segments = decimateM4(points, 10500, 20500, 100, 0);
    QCOMPARE(segments.size(), size_t(1));
    QCOMPARE(segments[0].front().x(), 10000.0);
    QCOMPARE(segments[0].back().x(), 21000.0);
    QVERIFY(decimateM4(points, 200000, 300000, 100, 0).size() <= 1);
}

QTEST_GUILESS_MAIN(TestDecimation)
#include "tst_decimation.moc"
