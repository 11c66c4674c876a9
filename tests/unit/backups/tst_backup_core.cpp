// The pieces of the backup layer that need no server: pg_restore's table of
// contents and what a selective restore takes from it, retention, the
// catalogue on disk (partial folders, hostile names, durability helpers),
// scratch database names within PostgreSQL's 63 bytes, the quoting of the
// conninfo and pgpass line handed to pg_dump, and the version of a tool.

#include "backups/backup_catalogue.h"
#include "backups/pg_admin.h"
#include "backups/pg_tool_process.h"
#include "backups/pg_tools.h"
#include "backups/retention.h"
#include "backups/toc.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestBackupCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tocReadsHeaderAndMultiWordTypes();
    void selectionTakesTableWithItsObjectsAndSequence();
    void selectionOfSchemaAndMissingNames();
    void retentionKeepsNewestVerifiedAndMinimum();
    void retentionIsPerDatabase();
    void catalogueRoundTripIgnoresPartialFolders();
    void reserveNeverReusesAnId();
    void hostileNamesGetDistinctPlainFolders();
    void renameNoReplaceRefuses();
    void abandonedFoldersAreOldAndUntouched();
    void manifestRejectsWhatItCannotRead();
    void scratchNamesFitIn63Bytes_data();
    void scratchNamesFitIn63Bytes();
    void conninfoQuotesHostileValues();
    void pgpassEscapesSeparators();
    void childEnvironmentCarriesNoSecrets();
    void toolVersions_data();
    void toolVersions();
    void closestNewEnoughToolIsChosen();

private:
    static BackupEntry entry(const QString &database, const QDateTime &started, bool verified);
    static BackupManifest manifest(const QString &id, const QString &database, const QDateTime &started);
};

// pg_restore --list of a small archive, as PostgreSQL 15 prints it.
static const char *const sampleList = R"toc(;
; Archive created at 2026-12-07 07:15:00 UTC
;     dbname: app
;     TOC Entries: 12
;     Compression: -1
;     Dump Version: 1.14-0
;     Format: CUSTOM
;     Dumped from database version: 15.18 (Debian 15.18-0+deb12u1)
;     Dumped by pg_dump version: 15.18 (Debian 15.18-0+deb12u1)
;
;
; Selected TOC Entries:
;
5; 2615 16390 SCHEMA - billing app
215; 1259 16386 TABLE public orders app
216; 1259 16385 SEQUENCE public orders_id_seq app
3360; 0 0 SEQUENCE OWNED BY public orders_id_seq app
217; 1259 16400 TABLE public order_lines app
218; 1259 16410 TABLE billing invoices app
3350; 0 16386 TABLE DATA public orders app
3351; 0 16400 TABLE DATA public order_lines app
3352; 0 16410 TABLE DATA billing invoices app
3361; 0 0 SEQUENCE SET public orders_id_seq app
3206; 2606 16392 CONSTRAINT public orders orders_pkey app
3207; 2606 16393 FK CONSTRAINT public order_lines order_lines_order_fkey app
)toc";

void TestBackupCore::tocReadsHeaderAndMultiWordTypes()
{
    const Toc toc = parseToc(QString::fromUtf8(sampleList));
    QCOMPARE(toc.declaredEntries, 12);
    QCOMPARE(toc.entries.size(), 12);
    QCOMPARE(toc.dumpedBy, QStringLiteral("15.18 (Debian 15.18-0+deb12u1)"));
    QCOMPARE(toc.tableCount(), 3);

    const TocEntry &schema = toc.entries[0];
    QCOMPARE(schema.type, QStringLiteral("SCHEMA"));
    QCOMPARE(schema.schema, QStringLiteral("-"));
    QCOMPARE(schema.name, QStringLiteral("billing"));

    const TocEntry &owned = toc.entries[3];
    QCOMPARE(owned.type, QStringLiteral("SEQUENCE OWNED BY"));
    QCOMPARE(owned.name, QStringLiteral("orders_id_seq"));

    const TocEntry &fk = toc.entries[11];
    QCOMPARE(fk.type, QStringLiteral("FK CONSTRAINT"));
    QCOMPARE(fk.schema, QStringLiteral("public"));
    QCOMPARE(fk.name, QStringLiteral("order_lines order_lines_order_fkey"));
    QCOMPARE(fk.owner, QStringLiteral("app"));
    QCOMPARE(fk.dumpId, 3207);
    QVERIFY(fk.line.startsWith(QLatin1String("3207; 2606 16393 FK CONSTRAINT")));
}

void TestBackupCore::selectionTakesTableWithItsObjectsAndSequence()
{
    const Toc toc = parseToc(QString::fromUtf8(sampleList));
    QStringList missing;
    const QList<TocEntry> picked = selectEntries(toc, {{}, {QStringLiteral("public.orders")}}, &missing);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u',')));
    QStringList ids;
    for (const TocEntry &e : picked)
        ids << QString::number(e.dumpId);
    // The table, its serial's sequence (owned by, set), its data and its key; not order_lines.
    QCOMPARE(ids, QStringList({u"215"_qs, u"216"_qs, u"3360"_qs, u"3350"_qs, u"3361"_qs, u"3206"_qs}));

    const QString useList = useListText(picked);
    QCOMPARE(useList.count(u'\n'), 6);
    QVERIFY(useList.contains(QLatin1String("3350; 0 16386 TABLE DATA public orders app\n")));
}

void TestBackupCore::selectionOfSchemaAndMissingNames()
{
    const Toc toc = parseToc(QString::fromUtf8(sampleList));
    QStringList missing;
    const QList<TocEntry> picked = selectEntries(
        toc, {{QStringLiteral("billing"), QStringLiteral("nosuch")}, {QStringLiteral("public.ghost")}}, &missing);
    QCOMPARE(picked.size(), 3);  // the schema, its table, its data
    QCOMPARE(picked[0].type, QStringLiteral("SCHEMA"));
    QCOMPARE(picked[2].type, QStringLiteral("TABLE DATA"));
    QCOMPARE(missing, QStringList({u"schema nosuch"_qs, u"table public.ghost"_qs}));
}

BackupManifest TestBackupCore::manifest(const QString &id, const QString &database, const QDateTime &started)
{
    BackupManifest m;
    m.id = id;
    m.database = database;
    m.dbname = database;
    m.host = QStringLiteral("127.0.0.1");
    m.port = 5432;
    m.serverVersion = QStringLiteral("15.18");
    m.serverVersionNum = 150018;
    m.pgDumpVersion = QStringLiteral("15.18");
    m.pgDumpMajor = 15;
    m.format = QStringLiteral("custom");
    m.startedAt = started;
    m.finishedAt = started.addSecs(3);
    m.operatorName = QStringLiteral("alice");
    m.profile = QStringLiteral("prod");
    m.files = {{QStringLiteral("dump.pgdump"), 5, QString(64, u'a')}};
    return m;
}

BackupEntry TestBackupCore::entry(const QString &database, const QDateTime &started, bool verified)
{
    BackupEntry e;
    e.manifest = manifest(database + started.toString(u"-yyyyMMdd"_qs), database, started);
    if (verified)
        e.verifications << BackupVerification{started.addSecs(60), QStringLiteral("toc"), true, {}, QStringLiteral("alice")};
    return e;
}

void TestBackupCore::retentionKeepsNewestVerifiedAndMinimum()
{
    const QDateTime now = QDateTime::fromString(u"2026-12-07T12:00:00Z"_qs, Qt::ISODate);
    // Six backups of app, 1, 10, 40, 50, 60 and 70 days old; only the 60-day one verified.
    QList<BackupEntry> entries;
    for (int days : {40, 1, 60, 10, 70, 50})
        entries << entry(u"app"_qs, now.addDays(-days), days == 60);
    const QList<RetentionDecision> plan = retentionPlan(entries, 30, 3, now);
    QCOMPARE(plan.size(), entries.size());
    QHash<int, RetentionDecision> byAge;
    for (const RetentionDecision &d : plan)
        byAge.insert(int(d.entry.manifest.startedAt.daysTo(now)), d);
    QVERIFY(!byAge[1].remove);
    QVERIFY(!byAge[10].remove);
    QVERIFY(!byAge[40].remove);  // the third newest: keep_min wins over keep_days
    QVERIFY(byAge[40].reason.contains(QLatin1String("3 newest")));
    QVERIFY(!byAge[60].remove);  // old, but the newest verified one
    QCOMPARE(byAge[60].reason, QStringLiteral("kept: the newest verified backup"));
    QVERIFY(byAge[50].remove);
    QVERIFY(byAge[70].remove);
    QCOMPARE(byAge[70].reason, QStringLiteral("older than 30 days"));
}

void TestBackupCore::retentionIsPerDatabase()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<BackupEntry> entries;
    for (int days : {100, 90, 80})
        entries << entry(u"app"_qs, now.addDays(-days), false);
    for (int days : {100, 1})
        entries << entry(u"monitoring"_qs, now.addDays(-days), false);
    int removed = 0;
    for (const RetentionDecision &d : retentionPlan(entries, 30, 2, now))
        removed += d.remove;
    // app keeps its two newest (90, 80), loses 100; monitoring keeps both.
    QCOMPARE(removed, 1);
}

void TestBackupCore::catalogueRoundTripIgnoresPartialFolders()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QDateTime at = QDateTime::fromString(u"2026-12-07T07:15:00Z"_qs, Qt::ISODate);
    QString id, partial;
    QCOMPARE(catalogue::reserveBackupFolder(root.path(), u"app"_qs, at, &id, &partial), QString());
    QCOMPARE(id, QStringLiteral("app-20261207-071500"));
    QVERIFY(partial.endsWith(QLatin1String(".partial")));
    QVERIFY(QFileInfo(partial).isDir());
    QCOMPARE(QFileInfo(partial).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
    QVERIFY(catalogue::list(root.path()).isEmpty());  // a partial folder is not a backup

    BackupManifest m = manifest(id, u"app"_qs, at);
    QCOMPARE(writeFileDurably(partial + u"/manifest.json"_qs, QJsonDocument(m.toJson()).toJson()), QString());
    QCOMPARE(renameNoReplace(partial, partial.chopped(8)), QString());

    QStringList problems;
    const QList<BackupEntry> listed = catalogue::list(root.path(), {}, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(listed.size(), 1);
    const BackupManifest &read = listed[0].manifest;
    QCOMPARE(read.id, id);
    QCOMPARE(read.startedAt, at);
    QCOMPARE(read.files.size(), 1);
    QCOMPARE(read.files[0].sha256, QString(64, u'a'));
    QCOMPARE(read.operatorName, QStringLiteral("alice"));
    QVERIFY(!listed[0].verified());

    QCOMPARE(catalogue::recordVerification(listed[0], {at.addSecs(90), u"toc"_qs, true, u"12 entries"_qs, u"bob"_qs}),
             QString());
    const auto found = catalogue::find(root.path(), id);
    QVERIFY(found);
    QVERIFY(found->verified());
    QCOMPARE(found->lastVerification()->operatorName, QStringLiteral("bob"));

    QCOMPARE(catalogue::remove(*found), QString());
    QVERIFY(catalogue::list(root.path()).isEmpty());
    QVERIFY(!catalogue::find(root.path(), id));
}

void TestBackupCore::reserveNeverReusesAnId()
{
    QTemporaryDir root;
    const QDateTime at = QDateTime::currentDateTimeUtc();
    QSet<QString> ids;
    for (int i = 0; i < 3; ++i) {
        QString id, partial;
        QCOMPARE(catalogue::reserveBackupFolder(root.path(), u"app"_qs, at, &id, &partial), QString());
        ids.insert(id);
    }
    QCOMPARE(ids.size(), 3);
}

void TestBackupCore::hostileNamesGetDistinctPlainFolders()
{
    const QStringList names{u"app"_qs, u"it's"_qs, u"its"_qs, u"my db"_qs, u"a=b"_qs, u"-x"_qs, u"../etc"_qs,
                            u"订单库"_qs, u"订单表"_qs, u"x.partial"_qs, u"a/b"_qs, u"a\\b"_qs};
    QSet<QString> folders;
    for (const QString &name : names) {
        const QString folder = catalogue::databaseFolderName(name);
        QVERIFY2(!folder.isEmpty(), qPrintable(name));
        QVERIFY2(!folder.contains(u'/') && !folder.contains(u'\\') && !folder.contains(u' '), qPrintable(folder));
        QVERIFY2(!folder.startsWith(u'-') && !folder.startsWith(u'.'), qPrintable(folder));
        QVERIFY2(!folder.endsWith(QLatin1String(".partial")), qPrintable(folder));
        for (const QChar c : folder)
            QVERIFY2(c.unicode() < 128, qPrintable(folder));
        folders.insert(folder);
    }
    QCOMPARE(folders.size(), names.size());
    QCOMPARE(catalogue::databaseFolderName(u"app"_qs), QStringLiteral("app"));
    QCOMPARE(catalogue::databaseFolderName(u"its"_qs), QStringLiteral("its"));
}

void TestBackupCore::renameNoReplaceRefuses()
{
    QTemporaryDir root;
    QVERIFY(QDir(root.path()).mkdir(u"a"_qs));
    QVERIFY(QDir(root.path()).mkdir(u"b"_qs));
    const QString error = renameNoReplace(root.filePath(u"a"_qs), root.filePath(u"b"_qs));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo(root.filePath(u"a"_qs)).isDir());
    QCOMPARE(renameNoReplace(root.filePath(u"a"_qs), root.filePath(u"c"_qs)), QString());
}

void TestBackupCore::abandonedFoldersAreOldAndUntouched()
{
    QTemporaryDir root;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto folderWithDump = [&](const QString &name, qint64 ageSeconds) {
        const QString folder = root.filePath(u"app/"_qs + name);
        QDir().mkpath(folder);
        QFile dump(folder + u"/dump.pgdump"_qs);
        if (!dump.open(QIODevice::WriteOnly))
            return;
        dump.write(QByteArray(1000, 'x'));
        dump.flush();  // the bytes on disk before the time is set, or the write sets it again
        dump.setFileTime(now.addSecs(-ageSeconds), QFileDevice::FileModificationTime);
        dump.close();
    };
    folderWithDump(u"app-20261207-010000.partial"_qs, 3 * 3600);   // a backup that died 3 h ago
    folderWithDump(u"app-20261207-020000.deleting"_qs, 2 * 3600);  // a deletion that died
    folderWithDump(u"app-20261207-115900.partial"_qs, 10);         // one writing now
    folderWithDump(u"app-20261207-000000"_qs, 5 * 3600);           // a whole backup: never abandoned
    const QList<AbandonedFolder> found = catalogue::abandoned(root.path(), 3600, now);
    QStringList names;
    for (const AbandonedFolder &f : found) {
        names << QFileInfo(f.path).fileName();
        QCOMPARE(f.bytes, qint64(1000));
    }
    names.sort();
    QCOMPARE(names, QStringList({u"app-20261207-010000.partial"_qs, u"app-20261207-020000.deleting"_qs}));
    const QString reason = abandonedReason(found[0], now);
    QVERIFY2(reason.startsWith(QLatin1String("left by an interrupted")), qPrintable(reason));
}

void TestBackupCore::manifestRejectsWhatItCannotRead()
{
    QString error;
    QVERIFY(!BackupManifest::fromJson(QJsonObject{{u"version"_qs, 99}}, &error));
    QVERIFY(!error.isEmpty());

    // A catalogue with a damaged manifest lists the rest and names the damaged one.
    QTemporaryDir root;
    const QDateTime at = QDateTime::currentDateTimeUtc();
    QString id, partial;
    QCOMPARE(catalogue::reserveBackupFolder(root.path(), u"app"_qs, at, &id, &partial), QString());
    QFile garbage(partial + u"/manifest.json"_qs);
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("{not json");
    garbage.close();
    QCOMPARE(renameNoReplace(partial, partial.chopped(8)), QString());
    QStringList problems;
    QVERIFY(catalogue::list(root.path(), {}, &problems).isEmpty());
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems[0].contains(id), qPrintable(problems[0]));
}

void TestBackupCore::scratchNamesFitIn63Bytes_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("kind");
    QTest::newRow("plain") << u"app"_qs << u"restore"_qs;
    QTest::newRow("long ascii") << QString(63, u'x') << u"restore"_qs;
    QTest::newRow("chinese") << QString(30, QChar(0x8BA2)) << u"verify"_qs;
    QTest::newRow("emoji (surrogates)") << QString::fromUtf8("\xF0\x9F\x93\xA6").repeated(20) << u"pre"_qs;
}

void TestBackupCore::scratchNamesFitIn63Bytes()
{
    QFETCH(QString, base);
    QFETCH(QString, kind);
    const QDateTime at = QDateTime::fromString(u"2026-12-07T07:15:00Z"_qs, Qt::ISODate);
    const QString name = pgadmin::scratchName(base, kind, at);
    QVERIFY2(name.toUtf8().size() <= 63, qPrintable(name));
    QVERIFY(name.endsWith(u"__"_qs + kind + u"_20261207T071500"_qs));
    QCOMPARE(QString::fromUtf8(name.toUtf8()), name);  // no character cut in half
    QVERIFY(base.startsWith(name.section(u"__"_qs + kind, 0, 0)));

    const pgadmin::ScratchName parsed = pgadmin::parseScratchName(name);
    QVERIFY(parsed.ours);
    QCOMPARE(parsed.kind, kind);
    QCOMPARE(parsed.at, at);
    QVERIFY(!pgadmin::parseScratchName(base).ours);
}

void TestBackupCore::conninfoQuotesHostileValues()
{
    DatabaseConfig db;
    db.host = u"127.0.0.1"_qs;
    db.port = 5432;
    db.dbname = u"it's a=b \\ -x"_qs;
    db.user = u"ops user"_qs;
    const QString conninfo = toolConninfo(db, u"backup"_qs);
    QVERIFY2(conninfo.contains(QLatin1String(R"(dbname='it\'s a=b \\ -x')")), qPrintable(conninfo));
    QVERIFY2(conninfo.contains(QLatin1String("user='ops user'")), qPrintable(conninfo));
    QVERIFY(conninfo.contains(QLatin1String("port=5432")));
    QVERIFY(conninfo.contains(QLatin1String("application_name='opsdeck/backup:")));
    QVERIFY(!conninfo.contains(QLatin1String("password")));
}

void TestBackupCore::pgpassEscapesSeparators()
{
    QCOMPARE(pgpassLine(u"s3cret"_qs), QByteArray("*:*:*:*:s3cret\n"));
    QCOMPARE(pgpassLine(u"a:b\\c"_qs), QByteArray("*:*:*:*:a\\:b\\\\c\n"));
    QCOMPARE(pgpassLine(u"密码"_qs), QByteArray("*:*:*:*:") + QStringLiteral("密码").toUtf8() + '\n');
}

void TestBackupCore::childEnvironmentCarriesNoSecrets()
{
    qputenv("OPSDECK_TEST_SECRET", "canary");
    qputenv("PGPASSWORD", "canary");
    const QProcessEnvironment env = toolEnvironment(u"/tmp/pgpass"_qs);
    QVERIFY(!env.contains(u"OPSDECK_TEST_SECRET"_qs));
    QVERIFY(!env.contains(u"PGPASSWORD"_qs));
    QCOMPARE(env.value(u"PGPASSFILE"_qs), QStringLiteral("/tmp/pgpass"));
    QCOMPARE(env.value(u"LC_MESSAGES"_qs), QStringLiteral("C"));
    QVERIFY(env.contains(u"PATH"_qs));
    qunsetenv("OPSDECK_TEST_SECRET");
    qunsetenv("PGPASSWORD");
}

void TestBackupCore::toolVersions_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<int>("major");
    QTest::addColumn<QString>("version");
    QTest::newRow("debian") << u"pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"_qs << 15 << u"15.18"_qs;
    QTest::newRow("plain") << u"pg_restore (PostgreSQL) 17.2"_qs << 17 << u"17.2"_qs;
    QTest::newRow("beta") << u"pg_dump (PostgreSQL) 18beta1"_qs << 18 << u"18beta1"_qs;
    // Before 10 the major had two parts: read, but too old to count as any major.
    QTest::newRow("old scheme") << u"pg_dump (PostgreSQL) 9.6.24"_qs << 0 << u"9.6.24"_qs;
    QTest::newRow("garbage") << u"command not found"_qs << 0 << QString();
}

void TestBackupCore::toolVersions()
{
    QFETCH(QString, output);
    QFETCH(int, major);
    QFETCH(QString, version);
    const std::optional<PgTool> tool = parseToolVersion(output);
    QCOMPARE(tool.has_value(), !version.isEmpty());
    if (tool) {
        QCOMPARE(tool->major, major);
        QCOMPARE(tool->version, version);
    }
}

void TestBackupCore::closestNewEnoughToolIsChosen()
{
    const QList<PgTool> tools{{u"/a/pg_dump"_qs, 17, u"17.2"_qs}, {u"/b/pg_dump"_qs, 15, u"15.18"_qs},
                              {u"/c/pg_dump"_qs, 16, u"16.6"_qs}};
    QCOMPARE(choosePgTool(tools, 15)->path, QStringLiteral("/b/pg_dump"));
    QCOMPARE(choosePgTool(tools, 16)->path, QStringLiteral("/c/pg_dump"));
    QVERIFY(!choosePgTool(tools, 18));
    const QString message = missingPgToolMessage(u"pg_dump"_qs, tools, 18);
    QVERIFY2(message.contains(QLatin1String("18")) && message.contains(QLatin1String("17.2")), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestBackupCore)
#include "tst_backup_core.moc"
