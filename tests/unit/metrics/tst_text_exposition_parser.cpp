// The Prometheus text format parser: our own cases for every rule, then the
// reference parser's own accept/reject cases from ../shared/corpora.

#include "metrics/text_exposition_parser.h"

#include "corpus.h"

#include <QTest>

#include <cmath>

using namespace opsdeck;

namespace {

struct Outcome {
    ParsedExposition exposition;
    ParseError error;
};

Outcome parse(std::string_view text, const ParseLimits &limits = {})
{
    ExpositionCollector collector;
    Outcome o;
    o.error = parseTextExposition(text, collector, limits);
    o.exposition = collector.take();
    return o;
}

const ParsedFamily *family(const ParsedExposition &e, const std::string &name)
{
    for (const ParsedFamily &f : e.families) {
        if (f.info.name == name)
            return &f;
    }
    return nullptr;
}

} // namespace

class TestTextExpositionParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheUsersMetrics();
    void groupsHistogramAndSummarySamples();
    void readsEscapesAndSpecialValues();
    void acceptsLooseWhitespaceAndQuotedNames();
    void rejectsWithLineAndColumn_data();
    void rejectsWithLineAndColumn();
    void capsHostileInput();
    void acceptsReferenceValidCorpus_data();
    void acceptsReferenceValidCorpus();
    void rejectsReferenceInvalidCorpus_data();
    void rejectsReferenceInvalidCorpus();
    void readsRealPageOf237Families();
    void followsTodaysReference();
    void acceptsDerivedValidCases_data() { testsupport::addProjectDataRows(QStringLiteral("exposition/text/valid")); }
    void acceptsDerivedValidCases();
    void rejectsDerivedInvalidCases_data() { testsupport::addProjectDataRows(QStringLiteral("exposition/text/invalid")); }
    void rejectsDerivedInvalidCases();
};

void TestTextExpositionParser::parsesTheUsersMetrics()
{
    const auto o = parse("# HELP http_requests_total Total HTTP requests.\n"
                         "# TYPE http_requests_total counter\n"
                         "http_requests_total{method=\"GET\",endpoint=\"/api/orders\",status=\"200\"} 1027 1700000000000\n"
                         "http_requests_total{method=\"POST\",endpoint=\"/api/orders\",status=\"500\"} 3\n"
                         "process_resident_memory_bytes 2.5e+07\n");
    QVERIFY2(!o.error, o.error.message.c_str());
    QCOMPARE(o.exposition.families.size(), size_t(2));
    const ParsedFamily *requests = family(o.exposition, "http_requests_total");
    QVERIFY(requests);
    QCOMPARE(requests->info.type, MetricType::Counter);
    QCOMPARE(requests->info.help, std::string("Total HTTP requests."));
    QCOMPARE(requests->samples.size(), size_t(2));
    const ParsedSample &first = requests->samples[0];
    QCOMPARE(first.labels.size(), size_t(3));
    QCOMPARE(first.labels[1].first, std::string("endpoint"));
    QCOMPARE(first.labels[1].second, std::string("/api/orders"));
    QCOMPARE(first.value, 1027.0);
    QCOMPARE(first.timestampMs.value(), std::int64_t(1700000000000));
    QVERIFY(!requests->samples[1].timestampMs);
    const ParsedFamily *memory = family(o.exposition, "process_resident_memory_bytes");
    QCOMPARE(memory->info.type, MetricType::Untyped);
    QCOMPARE(memory->samples[0].value, 2.5e7);
}

void TestTextExpositionParser::groupsHistogramAndSummarySamples()
{
    const auto o = parse("# TYPE http_request_duration_seconds histogram\n"
                         "http_request_duration_seconds_bucket{le=\"0.1\"} 5\n"
                         "other 1\n"
                         "http_request_duration_seconds_bucket{le=\"+Inf\"} 7\n"
                         "http_request_duration_seconds_sum 0.9\n"
                         "http_request_duration_seconds_count 7\n"
                         "# TYPE rpc summary\n"
                         "rpc{quantile=\"0.99\"} 0.2\n"
                         "rpc_sum 12\n"
                         "rpc_count 40\n"
                         "rpc_bucket 1\n");
    QVERIFY2(!o.error, o.error.message.c_str());
    const ParsedFamily *h = family(o.exposition, "http_request_duration_seconds");
    QCOMPARE(h->info.type, MetricType::Histogram);
    QCOMPARE(h->samples.size(), size_t(4));  // interleaved "other" does not split the family
    QVERIFY(std::isinf(h->samples[1].value) == false);
    QCOMPARE(h->samples[1].labels[0].second, std::string("+Inf"));
    const ParsedFamily *rpc = family(o.exposition, "rpc");
    QCOMPARE(rpc->samples.size(), size_t(3));
    QVERIFY(family(o.exposition, "rpc_bucket"));  // a summary has no buckets: its own untyped family
    QCOMPARE(o.exposition.families.size(), size_t(4));
}

void TestTextExpositionParser::readsEscapesAndSpecialValues()
{
    const auto o = parse("# HELP m help with \\\\ and \\n newline\n"
                         "m{a=\"quote \\\" backslash \\\\ newline \\n end\",b=\"中文\"} NaN\n"
                         "m{a=\"x\"} +Inf\n"
                         "m{a=\"y\"} -Inf -5\n"
                         "m{a=\"z\"} -0.5e-3\n"
                         "m{a=\"w\"} .5\n");
    QVERIFY2(!o.error, o.error.message.c_str());
    const ParsedFamily *m = family(o.exposition, "m");
    QCOMPARE(m->info.help, std::string("help with \\ and \n newline"));
    QCOMPARE(m->samples[0].labels[0].second, std::string("quote \" backslash \\ newline \n end"));
    QCOMPARE(m->samples[0].labels[1].second, std::string("中文"));
    QVERIFY(std::isnan(m->samples[0].value));
    QVERIFY(std::isinf(m->samples[1].value) && m->samples[1].value > 0);
    QVERIFY(std::isinf(m->samples[2].value) && m->samples[2].value < 0);
    QCOMPARE(m->samples[2].timestampMs.value(), std::int64_t(-5));
    QCOMPARE(m->samples[3].value, -0.0005);
    QCOMPARE(m->samples[4].value, 0.5);
}

void TestTextExpositionParser::acceptsLooseWhitespaceAndQuotedNames()
{
    const auto o = parse("  # TYPE  spaced\tgauge\n"
                         "\tspaced { a = \"1\" , b=\"2\", } 3\n"
                         "spaced{c=\"3\"}4\n"
                         "{\"my.metric\",\"label.name\"=\"v\"} 1\n"
                         "{x=\"y\", \"my.metric\"} 2\n"
                         "   \n");
    QVERIFY2(!o.error, o.error.message.c_str());
    QCOMPARE(family(o.exposition, "spaced")->samples.size(), size_t(2));
    QCOMPARE(family(o.exposition, "spaced")->info.type, MetricType::Gauge);
    const ParsedFamily *dotted = family(o.exposition, "my.metric");
    QVERIFY(dotted);
    QCOMPARE(dotted->samples.size(), size_t(2));
    QCOMPARE(dotted->samples[0].labels[0].first, std::string("label.name"));
}

void TestTextExpositionParser::rejectsWithLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("no final newline") << QByteArray("a 1\nb 2") << 2 << 4 << QStringLiteral("newline");
    QTest::newRow("bad value") << QByteArray("ok 1\nm{a=\"b\"} 1x\n") << 2 << 10 << QStringLiteral("invalid value");
    QTest::newRow("hex value") << QByteArray("m 0x10\n") << 1 << 3 << QStringLiteral("invalid value");
    QTest::newRow("float timestamp") << QByteArray("m 1 2.5\n") << 1 << 5 << QStringLiteral("invalid timestamp");
    QTest::newRow("extra token") << QByteArray("m 1 2 3\n") << 1 << 7 << QStringLiteral("unexpected text");
    QTest::newRow("missing value") << QByteArray("m{a=\"b\"}\n") << 1 << 9 << QStringLiteral("missing value");
    QTest::newRow("bad escape") << QByteArray("m{a=\"\\t\"} 1\n") << 1 << 7 << QStringLiteral("invalid escape");
    QTest::newRow("unterminated") << QByteArray("m{a=\"b} 1\n") << 1 << 10 << QStringLiteral("unterminated");
    QTest::newRow("duplicate label") << QByteArray("m{a=\"1\",a=\"2\"} 1\n") << 1 << 9 << QStringLiteral("duplicate label");
    QTest::newRow("reserved label") << QByteArray("m{__name__=\"x\"} 1\n") << 1 << 3 << QStringLiteral("reserved");
    QTest::newRow("second help") << QByteArray("# HELP m a\n# HELP m b\n") << 2 << 3 << QStringLiteral("second HELP");
    QTest::newRow("type after samples") << QByteArray("m 1\n# TYPE m gauge\n") << 2 << 3 << QStringLiteral("TYPE after");
    QTest::newRow("unknown type") << QByteArray("# TYPE m meter\n") << 1 << 10 << QStringLiteral("unknown metric type");
    QTest::newRow("le not a number") << QByteArray("# TYPE h histogram\nh_bucket{le=\"x\"} 1\n") << 2 << 1
                                     << QStringLiteral("le=\"x\" is not a number");
    QTest::newRow("bucket without le") << QByteArray("# TYPE h histogram\nh_bucket 1\n") << 2 << 1
                                       << QStringLiteral("lacks the le label");
    QTest::newRow("nul in a name") << QByteArray("m 1\nm\0 1\n", 9) << 2 << 2 << QStringLiteral("invalid");
    QTest::newRow("negative count") << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count -1\n") << 3 << 9
                                    << QStringLiteral("negative count in histogram \"h\"");
    QTest::newRow("invalid utf-8") << QByteArray("m{a=\"\xff\xfe\"} 1\n") << 1 << 6 << QStringLiteral("UTF-8");
}

void TestTextExpositionParser::rejectsWithLineAndColumn()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const auto o = parse(std::string_view(input.constData(), size_t(input.size())));
    QVERIFY2(o.error, "accepted");
    QVERIFY2(QString::fromStdString(o.error.message).contains(message), o.error.message.c_str());
    QCOMPARE(o.error.line, line);
    QCOMPARE(o.error.column, column);
}

void TestTextExpositionParser::capsHostileInput()
{
    ParseLimits limits;
    limits.maxLineBytes = 1000;
    limits.maxLabelsPerSample = 10;
    std::string longLine = "m{a=\"" + std::string(5000, 'x') + "\"} 1\n";
    auto o = parse(longLine, limits);
    QVERIFY(o.error);
    QVERIFY(o.error.message.find("longer than") != std::string::npos);

    std::string manyLabels = "m{";
    for (int i = 0; i < 50; ++i)
        manyLabels += "l" + std::to_string(i) + "=\"v\",";
    manyLabels += "} 1\n";
    o = parse(manyLabels, limits);
    QVERIFY(o.error);
    QVERIFY(o.error.message.find("more than 10 labels") != std::string::npos);

    limits.maxFamilies = 100;
    std::string manyFamilies;
    for (int i = 0; i < 200; ++i)
        manyFamilies += "f" + std::to_string(i) + " 1\n";
    o = parse(manyFamilies, limits);
    QVERIFY(o.error);
    QCOMPARE(o.error.line, 101);
}

void TestTextExpositionParser::acceptsReferenceValidCorpus_data()
{
    testsupport::addCorpusRows(QStringLiteral("prometheus-text/valid"));
}

void TestTextExpositionParser::acceptsReferenceValidCorpus()
{
    OPSDECK_REQUIRE_CORPUS(QStringLiteral("prometheus-text/valid"));
    QFETCH(QString, path);
    const QByteArray text = testsupport::readCorpusFile(path);
    const auto o = parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(!o.error, qPrintable(QStringLiteral("%1:%2:%3: %4").arg(path).arg(o.error.line).arg(o.error.column)
                                      .arg(QString::fromStdString(o.error.message))));
}

void TestTextExpositionParser::rejectsReferenceInvalidCorpus_data()
{
    testsupport::addCorpusRows(QStringLiteral("prometheus-text/invalid"));
}

void TestTextExpositionParser::rejectsReferenceInvalidCorpus()
{
    OPSDECK_REQUIRE_CORPUS(QStringLiteral("prometheus-text/invalid"));
    QFETCH(QString, path);
    const QByteArray text = testsupport::readCorpusFile(path);
    const auto o = parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(o.error, qPrintable(path + QStringLiteral(" was accepted")));
    QVERIFY(o.error.line >= 1);
    QVERIFY(o.error.column >= 1);
}

void TestTextExpositionParser::readsRealPageOf237Families()
{
    OPSDECK_REQUIRE_CORPUS(QStringLiteral("prometheus-text/valid/alltypes.237mfs.prom.txt"));
    const QByteArray text = testsupport::readCorpusFile(
        testsupport::corpusPath(QStringLiteral("prometheus-text/valid/alltypes.237mfs.prom.txt")));
    const auto o = parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(!o.error, o.error.message.c_str());
    QCOMPARE(o.exposition.families.size(), size_t(237));
}

void TestTextExpositionParser::followsTodaysReference()
{
    // Gauge histograms, by both spellings, group their _bucket, _sum and _count as histograms do.
    auto o = parse("# TYPE q gauge_histogram\nq_bucket{le=\"1\"} 1.5\nq_bucket{le=\"+Inf\"} 3\nq_sum -4\nq_count 3\n"
                   "# TYPE r GaugeHistogram\nr_bucket{le=\"+Inf\"} 0\nr_count 0\n");
    QVERIFY2(!o.error, o.error.message.c_str());
    QCOMPARE(o.exposition.families.size(), size_t(2));
    QCOMPARE(family(o.exposition, "q")->info.type, MetricType::GaugeHistogram);
    QCOMPARE(family(o.exposition, "q")->samples.size(), size_t(4));
    QCOMPARE(family(o.exposition, "q")->samples[0].value, 1.5);  // a float histogram's count
    QCOMPARE(family(o.exposition, "r")->info.type, MetricType::GaugeHistogram);
    // A NUL byte is text like any other in HELP and in label values.
    static const char withNul[] = "# HELP m a\0b\nm{l=\"x\0y\"} 1\n";
    o = parse(std::string_view(withNul, sizeof withNul - 1));
    QVERIFY2(!o.error, o.error.message.c_str());
    QCOMPARE(family(o.exposition, "m")->info.help, std::string("a\0b", 3));
    QCOMPARE(family(o.exposition, "m")->samples[0].labels[0].second, std::string("x\0y", 3));
    // A summary's count is not a histogram's: the rule on negative counts is for histograms.
    o = parse("# TYPE s summary\ns_count -1\n");
    QVERIFY2(!o.error, o.error.message.c_str());
}

void TestTextExpositionParser::acceptsDerivedValidCases()
{
    QFETCH(QString, path);
    const QByteArray text = testsupport::readCorpusFile(path);
    const auto o = parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(!o.error, qPrintable(QStringLiteral("%1:%2:%3: %4").arg(path).arg(o.error.line).arg(o.error.column)
                                      .arg(QString::fromStdString(o.error.message))));
    QVERIFY(!o.exposition.families.empty());
}

void TestTextExpositionParser::rejectsDerivedInvalidCases()
{
    QFETCH(QString, path);
    const QByteArray text = testsupport::readCorpusFile(path);
    QVERIFY(!text.isEmpty());
    const auto o = parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(o.error, qPrintable(path + QStringLiteral(" was accepted")));
    QVERIFY(o.error.line >= 1 && o.error.column >= 1);
}

QTEST_GUILESS_MAIN(TestTextExpositionParser)
#include "tst_text_exposition_parser.moc"
