// The streaming summary behind `opsdeck-cli metrics parse`: it must count what
// building the whole exposition counts (families in order, series, samples),
// on both formats, through the growth of its series table.

#include "metrics/exposition_summary.h"
#include "metrics/openmetrics_parser.h"
#include "metrics/text_exposition_parser.h"

#include <QTest>


using namespace opsdeck;

class TestExpositionSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAsTheCollectorDoes_data();
    void countsAsTheCollectorDoes();
    void growsPastItsFirstTable();
};

void TestExpositionSummary::countsAsTheCollectorDoes_data()
{
    QTest::addColumn<bool>("openMetrics");
    QTest::addColumn<QByteArray>("page");
    QTest::newRow("repeated series, timestamps") << false << QByteArray("# TYPE a counter\na{x=\"1\"} 1 1000\na{x=\"1\"} 2 2000\na{x=\"2\"} 3\nb 4\n");
    QTest::newRow("histogram grouped under its family")
        << false << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\nh_count 2\n");
    QTest::newRow("unusual spacing falls back to names and labels")
        << false << QByteArray("m {a=\"1\"} 1\nm{a=\"1\"} 2\nm{ a=\"2\" } 3\n{\"m\", a=\"3\"} 4\n");
    QTest::newRow("escapes") << false << QByteArray("m{a=\"q\\\"x\"} 1\nm{a=\"q\\\"x\"} 2\nm{a=\"q\\\\x\"} 3\n");
    QTest::newRow("openmetrics")
        << true << QByteArray("# TYPE a counter\na_total{x=\"1\"} 1\na_created{x=\"1\"} 5\n# TYPE g gauge\ng 1\n# EOF\n");
}

void TestExpositionSummary::countsAsTheCollectorDoes()
{
    QFETCH(bool, openMetrics);
    QFETCH(QByteArray, page);
    const std::string_view bytes(page.constData(), size_t(page.size()));
    const ExpositionFormat format = openMetrics ? ExpositionFormat::OpenMetrics : ExpositionFormat::Text;
    ExpositionCollector collector;
    QVERIFY(!parseExposition(format, bytes, collector));
    const ParsedExposition built = collector.take();
    ExpositionSummary summary(bytes);
    QVERIFY(!parseExposition(format, bytes, summary));

    QCOMPARE(summary.sampleCount(), built.sampleCount());
    QCOMPARE(summary.families().size(), built.families.size());
    for (std::size_t i = 0; i < built.families.size(); ++i) {
        QCOMPARE(summary.families()[i].name, built.families[i].info.name);
        QCOMPARE(summary.families()[i].type, built.families[i].info.type);
        QCOMPARE(summary.families()[i].samples, built.families[i].samples.size());
    }
    // Series written the same way are one; "m {a="1"}" and "m{a="1"}" are two spellings of one
    // series, which the raw-bytes identity counts twice, as the scrape cache does.
    const bool twoSpellings = page.contains("m {a=");
    QCOMPARE(summary.seriesCount(), built.seriesCount() + (twoSpellings ? 1 : 0));
}

void TestExpositionSummary::growsPastItsFirstTable()
{
    std::string page = "# TYPE m gauge\n";
    for (int i = 0; i < 50000; ++i)
        page += "m{i=\"" + std::to_string(i % 20000) + "\"} " + std::to_string(i) + "\n";
    for (int i = 0; i < 3000; ++i)  // and keys of its own, through the OpenMetrics-like fallback
        page += "n {i=\"" + std::to_string(i % 1000) + "\"} 1\n";
    ExpositionSummary summary(page);
    QVERIFY(!parseTextExposition(page, summary));
    QCOMPARE(summary.sampleCount(), std::size_t(53000));
    QCOMPARE(summary.seriesCount(), std::size_t(21000));
    QCOMPARE(summary.families().size(), std::size_t(2));
}

QTEST_GUILESS_MAIN(TestExpositionSummary)
#include "tst_exposition_summary.moc"
