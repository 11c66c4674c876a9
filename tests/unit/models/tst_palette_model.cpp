// The command palette's matching and ranking: typed characters in order, case
// folded; the obvious entry first (a word start over a letter inside a word, a
// run over scattered letters, a short name over a long one); words typed match
// the title or narrow by kind; a pattern that matches nothing shows nothing.

#include "common/fuzzy_match.h"
#include "palette_model.h"

#include <QTest>

using namespace opsdeck;

class TestPaletteModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesInOrderOnly();
    void ranksTheObviousFirst_data();
    void ranksTheObviousFirst();
    void wordsNarrowByKind();
    void emptyPatternShowsAllInOrder();
    void boundedAndRunnable();
};

namespace {

PaletteEntry entry(PaletteEntry::Kind kind, const char *title, std::function<void()> run = {})
{
    return {kind, QString::fromUtf8(title), {}, std::move(run)};
}

QStringList titles(const PaletteModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row).data().toString();
    return out;
}

} // namespace

void TestPaletteModel::matchesInOrderOnly()
{
    QVERIFY(fuzzyScore(u"dbses", u"Database › sessions"));
    QVERIFY(fuzzyScore(u"MKT", u"market-data"));
    QVERIFY(!fuzzyScore(u"sesdb", u"Database › sessions"));
    QVERIFY(!fuzzyScore(u"x", u"market-data"));
    QVERIFY(fuzzyScore(u"交易", u"交易引擎"));
    QCOMPARE(*fuzzyScore(u"", u"anything"), 0);
}

void TestPaletteModel::ranksTheObviousFirst_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("titles");
    QTest::addColumn<QString>("first");
    QTest::newRow("prefix over inside") << QStringLiteral("dep") << QStringList{QStringLiteral("Independent"), QStringLiteral("Deployments")}
                                        << QStringLiteral("Deployments");
    QTest::newRow("word start") << QStringLiteral("imp")
                                << QStringList{QStringLiteral("File › Simple import"), QStringLiteral("File › Import profile…")}
                                << QStringLiteral("File › Import profile…");
    QTest::newRow("run over scattered") << QStringLiteral("lock")
                                        << QStringList{QStringLiteral("Lo ok ck"), QStringLiteral("View › Lock panels")}
                                        << QStringLiteral("View › Lock panels");
    QTest::newRow("shorter") << QStringLiteral("api") << QStringList{QStringLiteral("api-gateway-internal"), QStringLiteral("api")}
                             << QStringLiteral("api");
    QTest::newRow("camel case") << QStringLiteral("hl")
                                << QStringList{QStringLiteral("shell"), QStringLiteral("HighLatency · trading-engine")}
                                << QStringLiteral("HighLatency · trading-engine");
}

void TestPaletteModel::ranksTheObviousFirst()
{
    QFETCH(QString, pattern);
    QFETCH(QStringList, titles);
    QFETCH(QString, first);
    PaletteModel model;
    QList<PaletteEntry> entries;
    for (const QString &t : titles)
        entries << PaletteEntry{PaletteEntry::Kind::Action, t, {}, {}};
    model.setEntries(entries);
    model.setPattern(pattern);
    QVERIFY(model.rowCount() >= 1);
    QCOMPARE(model.index(0).data().toString(), first);
}

void TestPaletteModel::wordsNarrowByKind()
{
    PaletteModel model;
    model.setEntries({entry(PaletteEntry::Kind::Service, "trading-engine"),
                      entry(PaletteEntry::Kind::Alert, "HighLatency · trading-engine"),
                      entry(PaletteEntry::Kind::Deployment, "shop/trading-engine")});
    model.setPattern(QStringLiteral("trading"));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("trading-engine"));  // the shortest
    model.setPattern(QStringLiteral("alert trading"));
    QCOMPARE(titles(model), QStringList{QStringLiteral("HighLatency · trading-engine")});
    QCOMPARE(model.index(0).data(PaletteModel::KindLabelRole).toString(), QStringLiteral("Alert"));
    model.setPattern(QStringLiteral("nothing-like-it"));
    QCOMPARE(model.rowCount(), 0);
}

void TestPaletteModel::emptyPatternShowsAllInOrder()
{
    PaletteModel model;
    model.setEntries({entry(PaletteEntry::Kind::Panel, "Health"), entry(PaletteEntry::Kind::Panel, "Alerts"),
                      entry(PaletteEntry::Kind::Action, "File › Quit")});
    model.setPattern(QStringLiteral("   "));
    QCOMPARE(titles(model), (QStringList{QStringLiteral("Health"), QStringLiteral("Alerts"), QStringLiteral("File › Quit")}));
}

void TestPaletteModel::boundedAndRunnable()
{
    PaletteModel model;
    QList<PaletteEntry> many;
    int ran = -1;
    for (int i = 0; i < 1000; ++i)
        many << PaletteEntry{PaletteEntry::Kind::Service, QStringLiteral("svc-%1").arg(i), {}, [&ran, i] { ran = i; }};
    model.setEntries(many);
    model.setPattern(QStringLiteral("svc"));
    QCOMPARE(model.rowCount(), PaletteModel::maxRows);
    model.setPattern(QStringLiteral("svc-999"));
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("svc-999"));
    model.entryAt(0)->run();
    QCOMPARE(ran, 999);
    QVERIFY(!model.entryAt(model.rowCount()));
}

QTEST_GUILESS_MAIN(TestPaletteModel)
#include "tst_palette_model.moc"
