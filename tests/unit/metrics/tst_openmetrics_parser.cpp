// OpenMetrics 1.0: our own cases for the rules, then the OpenMetrics project's
// own parser test cases from ../shared/corpora/openmetrics.

#include "metrics/openmetrics_parser.h"

#include "corpus.h"

#include <QTest>

#include <cmath>

using namespace opsdeck;

namespace {

struct Outcome {
    ParsedExposition exposition;
    ParseError error;
};

Outcome parse(std::string_view text)
{
    ExpositionCollector collector;
    Outcome o;
    o.error = parseOpenMetrics(text, collector);
    o.exposition = collector.take();
    return o;
}

} // namespace

class TestOpenMetricsParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryType();
    void readsExemplarsAndTimestamps();
    void rejectsWithLineAndColumn_data();
    void rejectsWithLineAndColumn();
    void picksTheParserByContentType();
    void acceptsValidCorpus_data() { testsupport::addCorpusRows(QStringLiteral("openmetrics/valid")); }
    void acceptsValidCorpus();
    void rejectsInvalidCorpus_data() { testsupport::addCorpusRows(QStringLiteral("openmetrics/invalid")); }
    void rejectsInvalidCorpus();
    void acceptsDerivedValidCases_data() { testsupport::addProjectDataRows(QStringLiteral("exposition/openmetrics/valid")); }
    void acceptsDerivedValidCases() { expectAccepted(); }
    void rejectsDerivedInvalidCases_data() { testsupport::addProjectDataRows(QStringLiteral("exposition/openmetrics/invalid")); }
    void rejectsDerivedInvalidCases() { expectRejected(); }

private:
    void expectAccepted();
    void expectRejected();
};

void TestOpenMetricsParser::readsEveryType()
{
    const auto o = parse("# TYPE requests counter\n# UNIT requests \n# HELP requests Requests served.\n"
                         "requests_total{code=\"200\"} 1027\nrequests_created{code=\"200\"} 1.7e9\n"
                         "# TYPE latency_seconds histogram\n# UNIT latency_seconds seconds\n"
                         "latency_seconds_bucket{le=\"0.1\"} 8\nlatency_seconds_bucket{le=\"+Inf\"} 10\n"
                         "latency_seconds_count 10\nlatency_seconds_sum 0.9\n"
                         "# TYPE queue gaugehistogram\nqueue_bucket{le=\"1\"} 2\nqueue_bucket{le=\"+Inf\"} 3\nqueue_gcount 3\nqueue_gsum 4\n"
                         "# TYPE rpc summary\nrpc{quantile=\"0.5\"} 0.2\nrpc_count 5\nrpc_sum 1\n"
                         "# TYPE build info\nbuild_info{version=\"1.4.2\"} 1\n"
                         "# TYPE feature stateset\nfeature{feature=\"a\"} 1\nfeature{feature=\"b\"} 0\n"
                         "# TYPE temperature gauge\ntemperature -3.5\n"
                         "mystery 42\n"
                         "# EOF\n");
    QVERIFY2(!o.error, o.error.message.c_str());
    QCOMPARE(o.exposition.families.size(), size_t(8));
    QCOMPARE(o.exposition.families[0].info.type, MetricType::Counter);
    QCOMPARE(o.exposition.families[0].samples.size(), size_t(2));
    QCOMPARE(o.exposition.families[1].info.unit, std::string("seconds"));
    QCOMPARE(o.exposition.families[2].info.type, MetricType::GaugeHistogram);
    QCOMPARE(o.exposition.families[4].info.type, MetricType::Info);
    QCOMPARE(o.exposition.families[5].info.type, MetricType::StateSet);
    QCOMPARE(o.exposition.families[7].info.type, MetricType::Unknown);
}

void TestOpenMetricsParser::readsExemplarsAndTimestamps()
{
    struct Exemplars : ExpositionHandler {
        int withExemplar = 0;
        std::optional<std::int64_t> lastTs;
        void onSample(const FamilyInfo &, const SampleView &s) override
        {
            withExemplar += s.exemplar ? 1 : 0;
            lastTs = s.timestampMs;
            if (s.exemplar)
                QCOMPARE(std::string(s.exemplar->labels[0].value), std::string("abc"));
        }
    } handler;
    const auto error = parseOpenMetrics("# TYPE a counter\n"
                                        "a_total 1 1520879607.789 # {trace_id=\"abc\"} 0.5 1520879607.7\n"
                                        "# TYPE h histogram\n"
                                        "h_bucket{le=\"+Inf\"} 1 # {trace_id=\"abc\"} 0.2\n"
                                        "# EOF", handler);
    QVERIFY2(!error, error.message.c_str());
    QCOMPARE(handler.withExemplar, 2);
}

void TestOpenMetricsParser::rejectsWithLineAndColumn_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("no eof") << QByteArray("a 1\n") << 2 << QStringLiteral("EOF");
    QTest::newRow("after eof") << QByteArray("# EOF\na 1\n") << 2 << QStringLiteral("after # EOF");
    QTest::newRow("blank") << QByteArray("a 1\n\n# EOF\n") << 2 << QStringLiteral("blank line");
    QTest::newRow("two spaces") << QByteArray("a  1\n# EOF\n") << 1 << QStringLiteral("invalid value");
    QTest::newRow("negative counter") << QByteArray("# TYPE a counter\na_total -1\n# EOF\n") << 2 << QStringLiteral(">= 0");
    QTest::newRow("interleaved") << QByteArray("a 1\nb 1\na 2\n# EOF\n") << 3 << QStringLiteral("contiguous");
    QTest::newRow("count without buckets") << QByteArray("# TYPE h histogram\nh_count 1\n# EOF\n") << 2
                                           << QStringLiteral("follow its buckets");
    QTest::newRow("count differs") << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 1\n# EOF\n") << 5
                                   << QStringLiteral("differs from its +Inf");
    QTest::newRow("info value") << QByteArray("# TYPE i info\ni_info 2\n# EOF\n") << 2 << QStringLiteral("must be 1");
    QTest::newRow("exemplar on gauge") << QByteArray("g 1 # {a=\"b\"} 1\n# EOF\n") << 1 << QStringLiteral("exemplars are only");
    QTest::newRow("time goes back") << QByteArray("g 1 10\ng 2 9\n# EOF\n") << 2 << QStringLiteral("go back");
}

void TestOpenMetricsParser::rejectsWithLineAndColumn()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(QString, message);
    const auto o = parse(std::string_view(input.constData(), size_t(input.size())));
    QVERIFY2(o.error, "accepted");
    QVERIFY2(QString::fromStdString(o.error.message).contains(message), o.error.message.c_str());
    QCOMPARE(o.error.line, line);
    QVERIFY(o.error.column >= 1);
}

void TestOpenMetricsParser::picksTheParserByContentType()
{
    QCOMPARE(formatFromContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"), ExpositionFormat::OpenMetrics);
    QCOMPARE(formatFromContentType("text/plain; version=0.0.4"), ExpositionFormat::Text);
    ExpositionCollector c;
    QVERIFY(!parseExposition(ExpositionFormat::OpenMetrics, "a 1\n# EOF\n", c));
    QVERIFY(!parseExposition(ExpositionFormat::Text, "a 1\n", c));
}

void TestOpenMetricsParser::acceptsValidCorpus()
{
    OPSDECK_REQUIRE_CORPUS(QStringLiteral("openmetrics/valid"));
    expectAccepted();
}

void TestOpenMetricsParser::expectAccepted()
{
    QFETCH(QString, path);
    const QByteArray text = testsupport::readCorpusFile(path);
    const auto o = parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(!o.error, qPrintable(QStringLiteral("%1:%2:%3: %4").arg(path).arg(o.error.line).arg(o.error.column)
                                      .arg(QString::fromStdString(o.error.message))));
}

void TestOpenMetricsParser::rejectsInvalidCorpus()
{
    OPSDECK_REQUIRE_CORPUS(QStringLiteral("openmetrics/invalid"));
    expectRejected();
}

void TestOpenMetricsParser::expectRejected()
{
    QFETCH(QString, path);
    const QByteArray text = testsupport::readCorpusFile(path);
    const auto o = parse(std::string_view(text.constData(), size_t(text.size())));
    QVERIFY2(o.error, qPrintable(path + QStringLiteral(" was accepted")));
    QVERIFY(o.error.line >= 1);
}

QTEST_GUILESS_MAIN(TestOpenMetricsParser)
#include "tst_openmetrics_parser.moc"
