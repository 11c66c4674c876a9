// The man pages say what the programs do: every option of `--help` and every
// command of opsdeck-cli is in its page, and groff reads the pages without a warning.

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

namespace {

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The page's text as a reader sees the names: troff's \- is a plain minus, fonts left out.
QString manText(const QString &page)
{
    QFile f(QStringLiteral(OPSDECK_SOURCE_DIR "/installer/man/") + page);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(f.readAll());
    text.replace(QStringLiteral("\\-"), QStringLiteral("-"));
    text.remove(QRegularExpression(QStringLiteral("\\\\f[BIRP]")));
    return text;
}

QStringList optionsOf(const QString &help)
{
    QStringList options;
    static const QRegularExpression option(QStringLiteral("^\\s+(?:-\\w, )?(--[a-z-]+)"), QRegularExpression::MultilineOption);
    for (auto it = option.globalMatch(help); it.hasNext();)
        options << it.next().captured(1);
    return options;
}

} // namespace

class TestManPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyOptionIsDescribed_data();
    void everyOptionIsDescribed();
    void everyCliCommandIsDescribed();
    void groffReadsThemCleanly();
};

void TestManPages::everyOptionIsDescribed_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("page");
    QTest::newRow("opsdeck") << QStringLiteral(OPSDECK_GUI) << QStringLiteral("opsdeck.1");
    QTest::newRow("opsdeck-cli") << QStringLiteral(OPSDECK_CLI) << QStringLiteral("opsdeck-cli.1");
}

void TestManPages::everyOptionIsDescribed()
{
    QFETCH(QString, program);
    QFETCH(QString, page);
    const QStringList options = optionsOf(run(program, {QStringLiteral("--help")}));
    QVERIFY(options.size() > 8);
    const QString text = manText(page);
    QVERIFY(!text.isEmpty());
    for (const QString &o : options)
        QVERIFY2(text.contains(o), qPrintable(QStringLiteral("%1 does not describe %2").arg(page, o)));
}

void TestManPages::everyCliCommandIsDescribed()
{
    const QString help = run(QStringLiteral(OPSDECK_CLI), {QStringLiteral("--help")});
    // "  backup restore ID   ..." under Commands: the two words of each command.
    static const QRegularExpression command(QStringLiteral("^  ([a-z]+)(?: ([a-z]+))?"), QRegularExpression::MultilineOption);
    const QString commands = help.section(QStringLiteral("Commands:"), 1).section(QStringLiteral("Options:"), 0, 0);
    const QString text = manText(QStringLiteral("opsdeck-cli.1"));
    int seen = 0;
    for (auto it = command.globalMatch(commands); it.hasNext();) {
        const auto m = it.next();
        QVERIFY2(text.contains(m.captured(1)), qPrintable(m.captured(0)));
        if (!m.captured(2).isEmpty())
            QVERIFY2(text.contains(m.captured(2)), qPrintable(m.captured(0)));
        ++seen;
    }
    QVERIFY(seen > 20);
}

void TestManPages::groffReadsThemCleanly()
{
    if (QStandardPaths::findExecutable(QStringLiteral("groff")).isEmpty())
        QSKIP("groff is not installed");
    for (const QString &page : {QStringLiteral("opsdeck.1"), QStringLiteral("opsdeck-cli.1")}) {
        QProcess p;
        p.start(QStringLiteral("groff"), {QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"), QStringLiteral("-z"),
                                          QStringLiteral(OPSDECK_SOURCE_DIR "/installer/man/") + page});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(p.readAllStandardError().isEmpty(), qPrintable(page));
    }
}

QTEST_GUILESS_MAIN(TestManPages)
#include "tst_man_pages.moc"
