// Server text made safe to show: control characters cannot reach a terminal
// or a cell, whitespace folds on one line, long text is cut with an ellipsis.

#include "common/compact_units.h"
#include "common/display_text.h"

#include <QTest>

using namespace opsdeck;

class TestDisplayText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void singleLineFoldsAndReplaces();
    void singleLineCuts();
    void multiLineKeepsNewlines();
    void compactUnits();
};

void TestDisplayText::singleLineFoldsAndReplaces()
{
    QCOMPARE(singleLine(QStringLiteral("  SELECT 1\n\t FROM   t  "), 100), QStringLiteral("SELECT 1 FROM t"));
    const QString escape = QStringLiteral("app\x1b[2Jname\x07");
    const QString shown = singleLine(escape, 100);
    QVERIFY(!shown.contains(QChar(0x1b)));
    QVERIFY(!shown.contains(QChar(0x07)));
    QCOMPARE(shown, QStringLiteral("app\uFFFD[2Jname\uFFFD"));
    QCOMPARE(singleLine(QStringLiteral("naïve 中文 😀"), 100), QStringLiteral("naïve 中文 😀"));
}

void TestDisplayText::singleLineCuts()
{
    const QString big = QStringLiteral("x").repeated(1024 * 1024);
    const QString shown = singleLine(big, 300);
    QCOMPARE(shown.size(), 300);
    QVERIFY(shown.endsWith(QChar(0x2026)));
    QCOMPARE(singleLine(QStringLiteral("abc"), 3), QStringLiteral("abc"));
}

void TestDisplayText::multiLineKeepsNewlines()
{
    QCOMPARE(multiLine(QStringLiteral("SELECT 1\r\n\tFROM t\x1b"), 100), QStringLiteral("SELECT 1\n\tFROM t\uFFFD"));
    QCOMPARE(multiLine(QStringLiteral("abcdef"), 3), QStringLiteral("abc\u2026"));
}

void TestDisplayText::compactUnits()
{
    QCOMPARE(compactDuration(0), QStringLiteral("0s"));
    QCOMPARE(compactDuration(119999), QStringLiteral("119s"));
    QCOMPARE(compactDuration(120000), QStringLiteral("2m"));
    QCOMPARE(compactDuration(3 * 3600 * 1000), QStringLiteral("3h"));
    QCOMPARE(compactDuration(3LL * 86400 * 1000), QStringLiteral("3d"));
    QCOMPARE(compactDuration(-5000), QStringLiteral("0s"));
    QCOMPARE(compactBytes(512), QStringLiteral("512 B"));
    QCOMPARE(compactBytes(1536), QStringLiteral("1.5 KiB"));
    QCOMPARE(compactBytes(45.8 * 1024 * 1024), QStringLiteral("45.8 MiB"));
    QCOMPARE(compactBytes(3.0 * 1024 * 1024 * 1024 * 1024), QStringLiteral("3.0 TiB"));
}

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_display_text.moc"
