// Light and dark: every colour of a status stays readable in both (WCAG's 4.5:1
// for text, computed as WCAG defines contrast), and switching the theme from the
// View menu repaints the whole console, charts included, without a restart.

#include "app_settings.h"
#include "badge_tone.h"
#include "main_window.h"
#include "theme.h"
#include "time_series_chart.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace opsdeck;

class TestTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tonesAreReadableInBoth_data();
    void tonesAreReadableInBoth();
    void palettesAreReadable_data();
    void palettesAreReadable();
    void switchingFromTheMenuRepaintsCharts();
};

namespace {

// WCAG 2.x relative luminance and contrast ratio.
double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

const std::pair<BadgeTone, const char *> tones[] = {{BadgeTone::Neutral, "neutral"}, {BadgeTone::Good, "good"},
                                                    {BadgeTone::Warning, "warning"}, {BadgeTone::Bad, "bad"},
                                                    {BadgeTone::Critical, "critical"}, {BadgeTone::Muted, "muted"}};

} // namespace

void TestTheme::tonesAreReadableInBoth_data()
{
    QTest::addColumn<int>("tone");
    QTest::addColumn<bool>("dark");
    for (const auto &[tone, name] : tones) {
        QTest::newRow(QByteArray(name).append(" light").constData()) << int(tone) << false;
        QTest::newRow(QByteArray(name).append(" dark").constData()) << int(tone) << true;
    }
}

void TestTheme::tonesAreReadableInBoth()
{
    QFETCH(int, tone);
    QFETCH(bool, dark);
    const auto t = BadgeTone(tone);
    const QPalette palette = dark ? darkPalette() : lightPalette();
    // A tone's text on a table and on the window (a severity, a stale source's line).
    for (QPalette::ColorRole role : {QPalette::Base, QPalette::AlternateBase, QPalette::Window}) {
        const double ratio = contrast(toneTextColor(t, dark), palette.color(role));
        QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("text on %1: %2:1").arg(int(role)).arg(ratio, 0, 'f', 2)));
    }
    // The text on a badge of the tone.
    const double badge = contrast(badgeTextColor(t, dark), badgeColor(t, dark));
    QVERIFY2(badge >= 4.5, qPrintable(QStringLiteral("badge: %1:1").arg(badge, 0, 'f', 2)));
}

void TestTheme::palettesAreReadable_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestTheme::palettesAreReadable()
{
    QFETCH(bool, dark);
    const QPalette p = dark ? darkPalette() : lightPalette();
    const std::pair<QPalette::ColorRole, QPalette::ColorRole> pairs[] = {
        {QPalette::Text, QPalette::Base},         {QPalette::Text, QPalette::AlternateBase},
        {QPalette::WindowText, QPalette::Window}, {QPalette::ButtonText, QPalette::Button},
        {QPalette::HighlightedText, QPalette::Highlight}, {QPalette::PlaceholderText, QPalette::Base},
        {QPalette::ToolTipText, QPalette::ToolTipBase},   {QPalette::Link, QPalette::Base}};
    for (const auto &[fg, bg] : pairs) {
        const double ratio = contrast(p.color(fg), p.color(bg));
        QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("roles %1 on %2: %3:1").arg(int(fg)).arg(int(bg)).arg(ratio, 0, 'f', 2)));
    }
}

void TestTheme::switchingFromTheMenuRepaintsCharts()
{
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    const QByteArray json = "{\"profiles\":[{\"name\":\"demo\",\"services\":[{\"name\":\"api\",\"metrics_url\":\"http://127.0.0.1:1/metrics\"}]}]}";
    auto loaded = parseConfig(json, QStringLiteral("test"));
    QVERIFY(loaded.ok());
    MainWindow w(*loaded.config, &settings);
    QVERIFY(w.setProfile(QStringLiteral("demo")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QList<TimeSeriesChart *> charts = w.findChildren<TimeSeriesChart *>();
    QVERIFY(!charts.isEmpty());

    auto pick = [&w](const char *name) {
        auto *a = w.findChild<QAction *>(QString::fromLatin1(name));
        QVERIFY2(a, name);
        a->trigger();
    };
    pick("theme-dark");
    QVERIFY(isDarkPalette());
    QCOMPARE(settings.theme(), QStringLiteral("dark"));
    QCOMPARE(QApplication::palette().color(QPalette::Base), darkPalette().color(QPalette::Base));
    for (TimeSeriesChart *chart : charts)
        QTRY_COMPARE(chart->chart()->backgroundBrush().color(), darkPalette().color(QPalette::Base));
    QImage shot = w.grab().toImage();
    QVERIFY(QColor(shot.pixel(shot.width() / 2, shot.height() - 40)).lightness() < 128);  // the window is dark

    pick("theme-light");
    QVERIFY(!isDarkPalette());
    for (TimeSeriesChart *chart : charts)
        QTRY_COMPARE(chart->chart()->backgroundBrush().color(), lightPalette().color(QPalette::Base));
    // Ctrl+Shift+T: light → dark.
    QTest::keyClick(&w, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(isDarkPalette());
    pick("theme-system");
    QCOMPARE(settings.theme(), QStringLiteral("system"));
}

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
