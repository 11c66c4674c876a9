// The directions between rooms, as docs/architecture.md writes them down in its
// `rooms` block, checked against every #include of the project's code: an
// include that crosses a forbidden line fails the test with its file and line.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Rules = QHash<QString, QStringList>;  // room -> the rooms it may use

// The ```rooms block of the architecture page: "room: other other".
Rules readRules(const QString &markdown, QString *error)
{
    Rules rules;
    const qsizetype start = markdown.indexOf(QStringLiteral("```rooms\n"));
    const qsizetype end = start < 0 ? -1 : markdown.indexOf(QStringLiteral("```"), start + 9);
    if (start < 0 || end < 0) {
        *error = QStringLiteral("no ```rooms block");
        return rules;
    }
    const QStringList lines = markdown.mid(start + 9, end - start - 9).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(u':');
        if (colon < 0) {
            *error = QStringLiteral("not \"room: rooms\": %1").arg(line);
            return {};
        }
        rules.insert(line.left(colon).trimmed(), line.mid(colon + 1).split(u' ', Qt::SkipEmptyParts));
    }
    return rules;
}

// The folders whose code the rules govern; tests, benchmarks and the demo may use anything.
const QStringList &layers()
{
    static const QStringList names{QStringLiteral("core"), QStringLiteral("models"), QStringLiteral("widgets"),
                                   QStringLiteral("ui"), QStringLiteral("cli"), QStringLiteral("app")};
    return names;
}

// "core/alerts/alerts.h" -> "core/alerts"; "ui/dashboards/x.h" -> "ui"; "core/x.h" -> "core" (loose).
QString roomOf(const QString &relative)
{
    const QStringList parts = relative.split(u'/');
    if (parts.first() == u"core" && parts.size() > 2)
        return parts[0] + u'/' + parts[1];
    return parts.first();
}

bool allowed(const Rules &rules, const QString &from, const QString &to)
{
    if (from == to)
        return true;
    for (const QString &room : rules.value(from)) {
        if (to == room || to.startsWith(room + u'/'))
            return true;
    }
    return false;
}

// What an include names, found as the compiler would: beside the file, then from each layer's
// root, then from the top of the tree.
QString resolve(const QDir &root, const QString &file, const QString &include)
{
    const QString beside = QFileInfo(root.filePath(file)).dir().filePath(include);
    if (QFileInfo::exists(beside))
        return root.relativeFilePath(QFileInfo(beside).canonicalFilePath());
    for (const QString &layer : layers()) {
        const QString candidate = root.filePath(layer + u'/' + include);
        if (QFileInfo::exists(candidate))
            return root.relativeFilePath(QFileInfo(candidate).canonicalFilePath());
    }
    const QString fromRoot = root.filePath(include);  // "ui/main_window.h" written from the top
    if (QFileInfo::exists(fromRoot))
        return root.relativeFilePath(QFileInfo(fromRoot).canonicalFilePath());
    return {};  // a system or third-party header
}

// Every crossing of a forbidden line under `root`, as "file:line: why".
QStringList violations(const QString &rootPath, const Rules &rules)
{
    const QDir root(QFileInfo(rootPath).canonicalFilePath());
    static const QRegularExpression includeLine(QStringLiteral("^\\s*#\\s*include\\s+\"([^\"]+)\""));
    QStringList out;
    for (const QString &layer : layers()) {
        QDirIterator it(root.filePath(layer), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = root.relativeFilePath(it.next());
            const QString from = roomOf(file);
            if (from == u"core") {
                out << QStringLiteral("%1: loose in core/: every file lives in a room").arg(file);
                continue;
            }
            if (!rules.contains(from)) {
                out << QStringLiteral("%1: room %2 has no rule in docs/architecture.md").arg(file, from);
                continue;
            }
            QFile f(root.filePath(file));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            int number = 0;
            while (!f.atEnd()) {
                const QString line = QString::fromUtf8(f.readLine());
                ++number;
                const auto m = includeLine.match(line);
                if (!m.hasMatch())
                    continue;
                const QString target = resolve(root, file, m.captured(1));
                if (target.isEmpty() || !layers().contains(target.section(u'/', 0, 0)))
                    continue;
                const QString to = roomOf(target);
                if (!allowed(rules, from, to))
                    out << QStringLiteral("%1:%2: includes \"%3\": %4 may not use %5").arg(file).arg(number).arg(m.captured(1), from, to);
            }
        }
    }
    return out;
}

Rules projectRules()
{
    QFile doc(QStringLiteral(OPSDECK_SOURCE_DIR "/docs/architecture.md"));
    if (!doc.open(QIODevice::ReadOnly))
        return {};
    QString error;
    return readRules(QString::fromUtf8(doc.readAll()), &error);
}

bool write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

} // namespace

class TestIncludeDirections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rulesAreWrittenDown();
    void theCodeKeepsThem();
    void aCrossingIsNamedWithItsLine();
};

void TestIncludeDirections::rulesAreWrittenDown()
{
    const Rules rules = projectRules();
    QVERIFY2(!rules.isEmpty(), "docs/architecture.md has no ```rooms block");
    // Every room of core has a rule, and core uses nothing above it.
    for (const QString &room : QDir(QStringLiteral(OPSDECK_SOURCE_DIR "/core")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString name = QStringLiteral("core/") + room;
        QVERIFY2(rules.contains(name), qPrintable(name + QLatin1String(" has no rule")));
        for (const QString &used : rules.value(name))
            QVERIFY2(used.startsWith(QLatin1String("core")), qPrintable(name + QLatin1String(" may not use ") + used));
    }
    // Nothing loose at core's root but its CMakeLists.txt.
    QCOMPARE(QDir(QStringLiteral(OPSDECK_SOURCE_DIR "/core")).entryList(QDir::Files), QStringList{QStringLiteral("CMakeLists.txt")});
}

void TestIncludeDirections::theCodeKeepsThem()
{
    const QStringList found = violations(QStringLiteral(OPSDECK_SOURCE_DIR), projectRules());
    QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
}

void TestIncludeDirections::aCrossingIsNamedWithItsLine()
{
    // A planted violation: the metrics room reaching up into alerts, and a file left loose.
    QTemporaryDir tree;
    QVERIFY(tree.isValid());
    QVERIFY(write(tree.filePath(QStringLiteral("core/alerts/alerts.h")), "#pragma once\n#include \"metrics/series_store.h\"\n"));
    QVERIFY(write(tree.filePath(QStringLiteral("core/metrics/series_store.h")), "#pragma once\n"));
    QVERIFY(write(tree.filePath(QStringLiteral("core/metrics/label_matcher.cpp")),
                  "#include \"metrics/series_store.h\"\n\n#include \"alerts/alerts.h\"\n#include <vector>\n"));
    QVERIFY(write(tree.filePath(QStringLiteral("core/stray.h")), "#pragma once\n"));
    QVERIFY(write(tree.filePath(QStringLiteral("widgets/chart.cpp")), "#include \"ui/main_window.h\"\n#include \"metrics/series_store.h\"\n"));
    QVERIFY(write(tree.filePath(QStringLiteral("ui/main_window.h")), "#pragma once\n"));
    const QStringList found = violations(tree.path(), projectRules());
    QCOMPARE(found.size(), 3);
    QVERIFY2(found.contains(QStringLiteral("core/metrics/label_matcher.cpp:3: includes \"alerts/alerts.h\": core/metrics may not use core/alerts")),
             qPrintable(found.join(u'\n')));
    QVERIFY2(found.contains(QStringLiteral("core/stray.h: loose in core/: every file lives in a room")), qPrintable(found.join(u'\n')));
    QVERIFY2(found.contains(QStringLiteral("widgets/chart.cpp:1: includes \"ui/main_window.h\": widgets may not use ui")), qPrintable(found.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestIncludeDirections)
#include "tst_include_directions.moc"
