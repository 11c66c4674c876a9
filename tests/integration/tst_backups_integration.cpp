// Backups and restores against a real PostgreSQL on loopback, with the real
// pg_dump and pg_restore: a round trip where every table's checksum comes
// back (swap, in place, a table into a scratch database), a flipped byte
// named by verify and refused by restore, pg_restore killed halfway and a
// dump that needs a role that no longer exists (the target unchanged, the
// scratch database gone, the audit log says failed), hostile database names,
// a disk that fills during a backup, a second restore of the same target,
// a wrong typed name, a read-only profile, sessions that must be ended, a
// test restore, and the leftovers a crash would leave.

#include "audit/audit_log.h"
#include "backups/backup_catalogue.h"
#include "backups/backup_job.h"
#include "backups/pg_admin.h"
#include "backups/restore_job.h"
#include "backups/verify_job.h"
#include "audit_lines.h"
#include "postgres_server.h"

#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <pqxx/pqxx>

#include <functional>
#include <optional>

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace opsdeck;

namespace {

// psql's -d reads a conninfo when the value holds '=': how a hostile name gets through it whole.
QString psqlTarget(const QString &dbname)
{
    QString quoted = dbname;
    quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return QStringLiteral("dbname='%1'").arg(quoted);
}

QString sqlIdent(const QString &s)
{
    QString q = s;
    return u'"' + q.replace(u'"', QStringLiteral("\"\"")) + u'"';
}

// The pid of a child of this process running that program, 0 if none.
qint64 childRunning(const QString &program, const QString &argumentContaining)
{
    const QString me = QString::number(getpid());
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromLatin1(stat.readAll());
        // pid (comm) state ppid ...
        const qsizetype close = text.lastIndexOf(u')');
        const QStringList fields = text.mid(close + 2).split(u' ');
        if (fields.size() < 2 || fields[1] != me || !text.contains(u'(' + program + u')'))
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (cmdline.open(QIODevice::ReadOnly) && QString::fromUtf8(cmdline.readAll()).contains(argumentContaining))
            return pid;
    }
    return 0;
}

// Starts a job and waits in an event loop for its finished(result); whileRunning, if
// given, runs once the job has started. Nothing when it does not end within timeoutMs.
template<typename Job, typename Result>
std::optional<Result> runToEnd(Job &job, int timeoutMs, const std::function<void(Job &)> &whileRunning = {})
{
    std::optional<Result> result;
    QEventLoop loop;
    QObject::connect(&job, &Job::finished, &loop, [&](const Result &r) {
        result = r;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (whileRunning && !result)
        whileRunning(job);
    if (!result)
        loop.exec();
    return result;
}

} // namespace

class TestBackupsIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void backupIsCataloguedWithItsManifest();
    void swapRoundTripBringsEveryTableBack();
    void inPlaceRoundTripBringsEveryTableBack();
    void oneTableIntoAScratchDatabase();
    void sessionsAreListedAndEndedOnlyWhenAgreed();
    void flippedByteIsNamedAndRestoreRefused();
    void killedPgRestoreLeavesTargetUnchanged();
    void missingRoleFailsCleanlyInBothModes();
    void hostileDatabaseNamesRoundTrip_data();
    void hostileDatabaseNamesRoundTrip();
    void diskFullDuringBackupKeepsOlderBackups();
    void secondRestoreOfSameTargetIsRefused();
    void wrongTypedNameAndReadOnlyAreRefused();
    void testRestoreIsRecordedAndLeavesNothing();
    void leftoversOfACrashAreFoundAndDropped();
    void cleanupTestCase();

private:
    BackupContext context(bool readOnly = false) const;
    BackupResult backup(const QString &database, const QString &label = {});
    RestoreResult restore(RestoreRequest request, std::function<void(RestoreJob &)> whileRunning = {});
    VerifyResult verify(const QString &id, bool testRestore);
    // Every user table's and sequence's content as an md5, by schema.name.
    QMap<QString, QString> checksums(const QString &dbname);
    QStringList databases();
    QList<QJsonObject> audit(const QString &action) const;
    QString psql(const QString &dbname, const QString &sql);

    testsupport::PostgresServer m_server;
    QTemporaryDir m_dir;
    Profile m_profile;
    QString m_auditPath;
};

void TestBackupsIntegration::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
    QVERIFY(m_dir.isValid());
    m_auditPath = m_dir.filePath(QStringLiteral("audit.jsonl"));

    const QString hostile = QStringLiteral("it's \"q\" a=b \\ 订单");
    // One statement a call: psql -c runs a list of them in one transaction, and CREATE DATABASE refuses that.
    for (const QString &statement : {QStringLiteral("create role ghost"), QStringLiteral("create database app"),
                                     QStringLiteral("create database big"), QStringLiteral("create database owned"),
                                     QStringLiteral("create database %1").arg(sqlIdent(hostile)),
                                     QStringLiteral("create database \"-lead\"")})
        QVERIFY(!psql(QStringLiteral("postgres"), statement).isNull());

    // app: two schemas, serials, a foreign key, a view, a comment.
    QVERIFY(!psql(QStringLiteral("app"), QStringLiteral(R"sql(
        create schema billing;
        create table customers (id serial primary key, name text not null, region text);
        create table orders (id bigserial primary key, customer int references customers, total numeric(12,2), at timestamptz);
        create table notes (id int, body text);
        create table billing.invoices (id serial primary key, order_id bigint, paid boolean);
        create view big_orders as select * from orders where total > 500;
        comment on table orders is 'one row per order';
        insert into customers (name, region) select 'customer ' || g, (array['eu','us','apac'])[g % 3 + 1] from generate_series(1, 500) g;
        insert into orders (customer, total, at) select g % 500 + 1, (g * 7919 % 100000) / 100.0, '2026-01-01'::timestamptz + g * interval '1 minute' from generate_series(1, 20000) g;
        insert into notes select g, repeat('n', g % 50) from generate_series(1, 300) g;
        insert into billing.invoices (order_id, paid) select g, g % 2 = 0 from generate_series(1, 5000) g;
        analyze;
    )sql")).isNull());

    // big: enough rows that pg_restore runs for a while and the dump outgrows a small file limit.
    QVERIFY(!psql(QStringLiteral("big"), QStringLiteral(
        "create table events (id bigint primary key, kind text, payload text); "
        "insert into events select g, 'kind' || (g % 17), md5(g::text) || md5((g * 3)::text) from generate_series(1, 1000000) g; "
        "analyze")).isNull());

    // owned: a table owned by a role that will be gone when the backup is restored.
    QVERIFY(!psql(QStringLiteral("owned"), QStringLiteral(
        "create table ledger (id int primary key, amount int); alter table ledger owner to ghost; "
        "insert into ledger select g, g * 3 from generate_series(1, 1000) g")).isNull());

    for (const QString &dbname : {hostile, QStringLiteral("-lead")}) {
        QVERIFY(!psql(dbname, QStringLiteral(
            "create table \"we'ird tab\" (id int primary key, \"vàl\" text); "
            "insert into \"we'ird tab\" select g, '值' || g from generate_series(1, 200) g")).isNull());
    }

    m_profile.name = QStringLiteral("test");
    m_profile.operatorName = QStringLiteral("tester");
    m_profile.databases = {m_server.database(QStringLiteral("app")), m_server.database(QStringLiteral("big")),
                           m_server.database(QStringLiteral("owned")),
                           m_server.database(hostile, QStringLiteral("postgres"), QStringLiteral("hostile")),
                           m_server.database(QStringLiteral("-lead"), QStringLiteral("postgres"), QStringLiteral("lead"))};
    BackupsConfig backups;
    backups.directory = m_dir.filePath(QStringLiteral("backups"));
    backups.pgBinDir = m_server.binDir();
    m_profile.backups = backups;
}

BackupContext TestBackupsIntegration::context(bool readOnly) const
{
    BackupContext c;
    c.profile = m_profile;
    c.profile.readOnly = readOnly;
    c.audit = AuditLog(m_auditPath);
    c.client = QStringLiteral("test");
    return c;
}

BackupResult TestBackupsIntegration::backup(const QString &database, const QString &label)
{
    BackupJob job(context(), {database, label, {}});
    if (std::optional<BackupResult> r = runToEnd<BackupJob, BackupResult>(job, 120000))
        return *r;
    BackupResult late;
    late.message = QStringLiteral("the backup did not finish within two minutes");
    return late;
}

RestoreResult TestBackupsIntegration::restore(RestoreRequest request, std::function<void(RestoreJob &)> whileRunning)
{
    RestoreJob job(context(), std::move(request));
    if (std::optional<RestoreResult> r = runToEnd<RestoreJob, RestoreResult>(job, 180000, whileRunning))
        return *r;
    RestoreResult late;
    late.message = QStringLiteral("the restore did not finish within three minutes");
    return late;
}

VerifyResult TestBackupsIntegration::verify(const QString &id, bool testRestore)
{
    VerifyJob job(context(), id, testRestore);
    return runToEnd<VerifyJob, VerifyResult>(job, 120000).value_or(VerifyResult{});
}

QString TestBackupsIntegration::psql(const QString &dbname, const QString &sql)
{
    const QString out = m_server.psql(psqlTarget(dbname), sql);
    if (out.isNull())
        qWarning("psql on %s: %s", qPrintable(dbname), qPrintable(m_server.lastError()));
    return out;
}

QMap<QString, QString> TestBackupsIntegration::checksums(const QString &dbname)
{
    QMap<QString, QString> sums;
    const QString relations = psql(dbname, QStringLiteral(
        "select n.nspname || '.' || c.relname || '|' || c.relkind::text from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where c.relkind in ('r', 'S', 'v') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' "
        "order by 1"));
    for (const QString &line : relations.split(u'\n', Qt::SkipEmptyParts)) {
        const QString name = line.section(u'|', 0, 0);
        const QString kind = line.section(u'|', 1);
        const QString relation = sqlIdent(name.section(u'.', 0, 0)) + u'.' + sqlIdent(name.section(u'.', 1));
        const QString sql = kind == u"S"_qs
            ? QStringLiteral("select last_value::text || is_called::text from %1").arg(relation)
            : QStringLiteral("select count(*) || ':' || md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from %1 t").arg(relation);
        sums.insert(name, psql(dbname, sql).trimmed());
    }
    return sums;
}

QStringList TestBackupsIntegration::databases()
{
    return psql(QStringLiteral("postgres"), QStringLiteral("select datname from pg_database order by 1")).split(u'\n', Qt::SkipEmptyParts);
}

QList<QJsonObject> TestBackupsIntegration::audit(const QString &action) const
{
    QList<QJsonObject> lines;
    for (const QJsonObject &line : testsupport::readAuditLines(m_auditPath))
        if (line.value(u"action"_qs).toString() == action)
            lines << line;
    return lines;
}

void TestBackupsIntegration::backupIsCataloguedWithItsManifest()
{
    const BackupResult r = backup(QStringLiteral("app"), QStringLiteral("before the migration"));
    QVERIFY2(r.ok, qPrintable(r.message));
    const BackupManifest &m = r.entry.manifest;
    QCOMPARE(m.database, QStringLiteral("app"));
    QCOMPARE(m.label, QStringLiteral("before the migration"));
    QCOMPARE(m.operatorName, QStringLiteral("tester"));
    QCOMPARE(m.format, QStringLiteral("custom"));
    QVERIFY(m.pgDumpMajor >= m.serverVersionNum / 10000);
    QVERIFY(m.finishedAt >= m.startedAt);
    QVERIFY(m.databaseSizeBytes > 0);
    QVERIFY(!m.files.isEmpty());
    QVERIFY(m.tables.size() >= 4);

    // The dump is what sha256sum says it is, and the folder is whole and private.
    const QString dump = r.entry.filePath(m.files[0].path);
    QProcess sum;
    sum.start(QStringLiteral("sha256sum"), {dump});
    QVERIFY(sum.waitForFinished());
    QCOMPARE(QString::fromLatin1(sum.readAllStandardOutput()).section(u' ', 0, 0), m.files[0].sha256);
    QVERIFY(!r.entry.folder.endsWith(QLatin1String(".partial")));
    QCOMPARE(QFileInfo(r.entry.folder).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());

    const QList<BackupEntry> listed = catalogue::list(m_profile.backups->directory, QStringLiteral("app"));
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].manifest.id, m.id);

    // pg_dump was not left connected, and the audit log holds intent then outcome with the checksum.
    const QList<QJsonObject> lines = audit(QStringLiteral("backup"));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].value(u"phase"_qs).toString(), QStringLiteral("intent"));
    QCOMPARE(lines[1].value(u"result"_qs).toString(), QStringLiteral("ok"));
    QVERIFY(QJsonDocument(lines[1]).toJson().contains(m.files[0].sha256.toLatin1()));
    QVERIFY(QJsonDocument(lines[1]).toJson().contains(m.id.toUtf8()));
}

void TestBackupsIntegration::swapRoundTripBringsEveryTableBack()
{
    const QMap<QString, QString> original = checksums(QStringLiteral("app"));
    QVERIFY(original.contains(u"public.orders"_qs) && original.contains(u"billing.invoices"_qs));
    const BackupResult b = backup(QStringLiteral("app"));
    QVERIFY2(b.ok, qPrintable(b.message));

    QVERIFY(!psql(QStringLiteral("app"), QStringLiteral(
        "delete from orders where id % 2 = 0; update customers set region = 'moon'; drop table notes; "
        "create table extra (x int); insert into orders (customer, total) values (1, 1)")).isNull());
    QVERIFY(checksums(QStringLiteral("app")) != original);

    RestoreRequest request;
    request.backupId = b.entry.manifest.id;
    request.target = QStringLiteral("app");
    request.confirmation = QStringLiteral("app");
    const RestoreResult r = restore(request);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(checksums(QStringLiteral("app")), original);

    // The replaced database is kept, the target was unavailable only for the swap, the safety backup is verified.
    QVERIFY(r.previousDatabase.contains(QLatin1String("app__pre_")));
    QVERIFY(databases().contains(r.previousDatabase));
    QVERIFY(checksums(r.previousDatabase).contains(u"public.extra"_qs));
    QVERIFY(r.unavailableMs >= 0 && r.unavailableMs < 1000);
    const auto safety = catalogue::find(m_profile.backups->directory, r.safetyBackupId);
    QVERIFY2(safety, qPrintable(r.safetyBackupId));
    QVERIFY(safety->verified());
    QCOMPARE(safety->manifest.safetyFor, b.entry.manifest.id);  // taken before restoring that backup
    for (const QString &name : databases())
        QVERIFY2(!name.contains(QLatin1String("__restore_")), qPrintable(name));

    const QList<QJsonObject> lines = audit(QStringLiteral("restore"));
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[1].value(u"result"_qs).toString(), QStringLiteral("ok"));
    QVERIFY(QJsonDocument(lines[1]).toJson().contains(r.previousDatabase.toUtf8()));
    psql(QStringLiteral("postgres"), QStringLiteral("drop database %1").arg(sqlIdent(r.previousDatabase)));
}

void TestBackupsIntegration::inPlaceRoundTripBringsEveryTableBack()
{
    const QMap<QString, QString> original = checksums(QStringLiteral("app"));
    const auto latest = catalogue::list(m_profile.backups->directory, QStringLiteral("app"));
    QVERIFY(!latest.isEmpty());
    // The newest backup of app that is not a safety backup.
    QString id;
    for (const BackupEntry &e : latest)
        if (e.manifest.safetyFor.isEmpty() && id.isEmpty())
            id = e.manifest.id;
    QVERIFY(!id.isEmpty());

    QVERIFY(!psql(QStringLiteral("app"), QStringLiteral("truncate billing.invoices; alter table customers add column extra int")).isNull());
    RestoreRequest request;
    request.backupId = id;
    request.target = QStringLiteral("app");
    request.confirmation = QStringLiteral("app");
    request.mode = RestoreMode::InPlace;
    request.safetyBackup = false;
    const RestoreResult r = restore(request);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(checksums(QStringLiteral("app")), original);
    QVERIFY(r.previousDatabase.isEmpty());
}

void TestBackupsIntegration::oneTableIntoAScratchDatabase()
{
    const QMap<QString, QString> original = checksums(QStringLiteral("app"));
    const QString id = catalogue::list(m_profile.backups->directory, QStringLiteral("app")).last().manifest.id;
    RestoreRequest request;
    request.backupId = id;
    request.target = QStringLiteral("app");
    request.confirmation = QStringLiteral("app");
    request.mode = RestoreMode::Scratch;
    request.selection.tables = {QStringLiteral("public.orders")};
    const RestoreResult r = restore(request);
    QVERIFY2(r.ok, qPrintable(r.message));
    QVERIFY(r.scratchDatabase.contains(QLatin1String("app__restore_")));
    const QMap<QString, QString> scratch = checksums(r.scratchDatabase);
    QCOMPARE(scratch.value(u"public.orders"_qs), original.value(u"public.orders"_qs));
    QVERIFY(scratch.contains(u"public.orders_id_seq"_qs));  // its serial came along
    QVERIFY(!scratch.contains(u"public.customers"_qs));
    QVERIFY(!scratch.contains(u"billing.invoices"_qs));
    QCOMPARE(checksums(QStringLiteral("app")), original);  // the target untouched
    QVERIFY2(r.preflight.warnings.join(u' ').contains(QLatin1String("orders_customer_fkey")), qPrintable(r.preflight.warnings.join(u';')));
    psql(QStringLiteral("postgres"), QStringLiteral("drop database %1").arg(sqlIdent(r.scratchDatabase)));

    // A swap cannot take a part of a database.
    request.mode = RestoreMode::Swap;
    const RestoreResult swap = restore(request);
    QVERIFY(!swap.ok);
    QVERIFY2(swap.message.contains(QLatin1String("selective")), qPrintable(swap.message));
    QCOMPARE(checksums(QStringLiteral("app")), original);

    // One table in place that a view depends on: pg_restore cannot drop it,
    // the single transaction rolls back, and the message says what to do instead.
    request.mode = RestoreMode::InPlace;
    request.safetyBackup = false;
    const RestoreResult blocked = restore(request);
    QVERIFY(!blocked.ok);
    QVERIFY(blocked.targetUnchanged);
    QVERIFY2(blocked.message.contains(QLatin1String("scratch database")), qPrintable(blocked.message));
    QCOMPARE(checksums(QStringLiteral("app")), original);

    // One table nothing depends on, in place: its rows come back, the rest is left alone.
    QVERIFY(!psql(QStringLiteral("app"), QStringLiteral("delete from billing.invoices where id > 100; update customers set region = 'kept'")).isNull());
    request.selection.tables = {QStringLiteral("billing.invoices")};
    const RestoreResult inPlace = restore(request);
    QVERIFY2(inPlace.ok, qPrintable(inPlace.message));
    const QMap<QString, QString> after = checksums(QStringLiteral("app"));
    QCOMPARE(after.value(u"billing.invoices"_qs), original.value(u"billing.invoices"_qs));
    QVERIFY(after.value(u"public.customers"_qs) != original.value(u"public.customers"_qs));
    QVERIFY(!psql(QStringLiteral("app"), QStringLiteral("update customers set region = (array['eu','us','apac'])[id % 3 + 1]")).isNull());
    QCOMPARE(checksums(QStringLiteral("app")), original);

    // A table the archive does not hold is refused before anything is created.
    request.mode = RestoreMode::Scratch;
    request.safetyBackup = true;
    request.selection.tables = {QStringLiteral("public.nosuch")};
    const RestoreResult missing = restore(request);
    QVERIFY(!missing.ok);
    QVERIFY2(missing.message.contains(QLatin1String("public.nosuch")), qPrintable(missing.message));
}

void TestBackupsIntegration::sessionsAreListedAndEndedOnlyWhenAgreed()
{
    const QString id = catalogue::list(m_profile.backups->directory, QStringLiteral("app")).last().manifest.id;
    auto session = m_server.startSession(QStringLiteral("app"), QStringLiteral("select pg_sleep(600)"), QStringLiteral("report-job"));
    QVERIFY(m_server.pidOf(QStringLiteral("report-job")) > 0);

    RestoreRequest request;
    request.backupId = id;
    request.target = QStringLiteral("app");
    request.confirmation = QStringLiteral("app");
    const RestoreResult refused = restore(request);
    QVERIFY(!refused.ok);
    QVERIFY(refused.targetUnchanged);
    bool listed = false;
    for (const pgadmin::Session &s : refused.preflight.sessions)
        listed |= s.application == u"report-job"_qs;
    QVERIFY(listed);
    QVERIFY2(refused.message.contains(QLatin1String("session")), qPrintable(refused.message));
    QVERIFY(m_server.pidOf(QStringLiteral("report-job"), 1) > 0);  // not ended without consent

    request.endSessions = true;
    request.safetyBackup = false;
    const RestoreResult r = restore(request);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(m_server.pidOf(QStringLiteral("report-job"), 1), 0);
    session->waitForFinished(5000);
    psql(QStringLiteral("postgres"), QStringLiteral("drop database %1").arg(sqlIdent(r.previousDatabase)));
}

void TestBackupsIntegration::flippedByteIsNamedAndRestoreRefused()
{
    const BackupResult b = backup(QStringLiteral("app"), QStringLiteral("to be damaged"));
    QVERIFY2(b.ok, qPrintable(b.message));
    const QMap<QString, QString> before = checksums(QStringLiteral("app"));
    const QString file = b.entry.manifest.files[0].path;
    {
        QFile dump(b.entry.filePath(file));
        QVERIFY(dump.open(QIODevice::ReadWrite));
        dump.seek(dump.size() / 2);
        char c = 0;
        dump.getChar(&c);
        dump.seek(dump.size() / 2);
        dump.putChar(char(c ^ 0x01));
    }
    const VerifyResult v = verify(b.entry.manifest.id, false);
    QVERIFY(!v.ok);
    QVERIFY2(v.message.contains(file), qPrintable(v.message));
    const auto entry = catalogue::find(m_profile.backups->directory, b.entry.manifest.id);
    QVERIFY(entry && entry->lastVerification() && !entry->lastVerification()->ok);

    RestoreRequest request;
    request.backupId = b.entry.manifest.id;
    request.target = QStringLiteral("app");
    request.confirmation = QStringLiteral("app");
    request.endSessions = true;
    const RestoreResult r = restore(request);
    QVERIFY(!r.ok);
    QVERIFY(r.targetUnchanged);
    QVERIFY2(r.message.contains(QLatin1String("checksum")) || r.message.contains(file), qPrintable(r.message));
    QVERIFY(r.safetyBackupId.isEmpty());  // refused before anything was done
    QCOMPARE(checksums(QStringLiteral("app")), before);
    catalogue::remove(*entry);
}

void TestBackupsIntegration::killedPgRestoreLeavesTargetUnchanged()
{
    const BackupResult b = backup(QStringLiteral("big"));
    QVERIFY2(b.ok, qPrintable(b.message));
    const QMap<QString, QString> before = checksums(QStringLiteral("big"));
    const int auditBefore = audit(QStringLiteral("restore")).size();

    RestoreRequest request;
    request.backupId = b.entry.manifest.id;
    request.target = QStringLiteral("big");
    request.confirmation = QStringLiteral("big");
    request.safetyBackup = false;
    qint64 killed = 0;
    const RestoreResult r = restore(request, [&](RestoreJob &job) {
        QElapsedTimer clock;
        clock.start();
        while (job.isRunning() && clock.elapsed() < 60000 && !killed) {
            QTest::qWait(5);
            if (const qint64 pid = childRunning(QStringLiteral("pg_restore"), QStringLiteral("--dbname"))) {
                // Let it get well into the table's rows, then kill it without a chance to clean up.
                QTest::qWait(400);
                if (::kill(pid_t(pid), SIGKILL) == 0)
                    killed = pid;
            }
        }
    });
    QVERIFY2(killed, "pg_restore was never seen running");
    QVERIFY(!r.ok);
    QVERIFY(r.targetUnchanged);
    QVERIFY2(r.message.contains(QLatin1String("the target is unchanged")), qPrintable(r.message));
    QCOMPARE(checksums(QStringLiteral("big")), before);
    for (const QString &name : databases())
        QVERIFY2(!name.contains(QLatin1String("__restore_")), qPrintable(name));
    const QList<QJsonObject> lines = audit(QStringLiteral("restore"));
    QCOMPARE(lines.size(), auditBefore + 2);
    QCOMPARE(lines.last().value(u"result"_qs).toString(), QStringLiteral("failed"));
}

void TestBackupsIntegration::missingRoleFailsCleanlyInBothModes()
{
    const BackupResult b = backup(QStringLiteral("owned"));
    QVERIFY2(b.ok, qPrintable(b.message));
    QVERIFY(!psql(QStringLiteral("owned"), QStringLiteral("alter table ledger owner to postgres; update ledger set amount = 0 where id < 10")).isNull());
    QVERIFY(!psql(QStringLiteral("postgres"), QStringLiteral("drop role ghost")).isNull());
    const QMap<QString, QString> before = checksums(QStringLiteral("owned"));

    for (RestoreMode mode : {RestoreMode::Swap, RestoreMode::InPlace}) {
        const int auditBefore = audit(QStringLiteral("restore")).size();
        RestoreRequest request;
        request.backupId = b.entry.manifest.id;
        request.target = QStringLiteral("owned");
        request.confirmation = QStringLiteral("owned");
        request.mode = mode;
        request.safetyBackup = false;
        const RestoreResult r = restore(request);
        QVERIFY2(!r.ok, qPrintable(restoreModeName(mode)));
        QVERIFY(r.targetUnchanged);
        QVERIFY2(r.message.contains(QLatin1String("ghost")), qPrintable(r.message));
        QCOMPARE(checksums(QStringLiteral("owned")), before);
        QCOMPARE(psql(QStringLiteral("owned"), QStringLiteral("select tableowner from pg_tables where tablename = 'ledger'")).trimmed(),
                 QStringLiteral("postgres"));
        for (const QString &name : databases())
            QVERIFY2(!name.contains(QLatin1String("__restore_")), qPrintable(name));
        const QList<QJsonObject> lines = audit(QStringLiteral("restore"));
        QCOMPARE(lines.size(), auditBefore + 2);
        QCOMPARE(lines.last().value(u"result"_qs).toString(), QStringLiteral("failed"));
    }
}

void TestBackupsIntegration::hostileDatabaseNamesRoundTrip_data()
{
    QTest::addColumn<QString>("database");
    QTest::newRow("quotes, spaces, =, backslash, Chinese") << QStringLiteral("hostile");
    QTest::newRow("leading dash") << QStringLiteral("lead");
}

void TestBackupsIntegration::hostileDatabaseNamesRoundTrip()
{
    QFETCH(QString, database);
    const DatabaseConfig *config = context().database(database);
    QVERIFY(config);
    const QString dbname = config->dbname;
    const QMap<QString, QString> original = checksums(dbname);
    QVERIFY(original.contains(u"public.we'ird tab"_qs));

    const BackupResult b = backup(database);
    QVERIFY2(b.ok, qPrintable(b.message));
    QVERIFY(!b.entry.manifest.id.startsWith(u'-'));
    QVERIFY(verify(b.entry.manifest.id, false).ok);
    QVERIFY(!psql(dbname, QStringLiteral("delete from \"we'ird tab\" where id > 100")).isNull());

    RestoreRequest request;
    request.backupId = b.entry.manifest.id;
    request.target = database;
    request.confirmation = dbname;
    const RestoreResult r = restore(request);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(checksums(dbname), original);
    QVERIFY(databases().contains(r.previousDatabase));
    psql(QStringLiteral("postgres"), QStringLiteral("drop database %1").arg(sqlIdent(r.previousDatabase)));
}

void TestBackupsIntegration::diskFullDuringBackupKeepsOlderBackups()
{
    const QList<BackupEntry> olderList = catalogue::list(m_profile.backups->directory, QStringLiteral("big"));
    QCOMPARE(olderList.size(), 1);
    const BackupEntry older = olderList[0];

    // A file size limit is inherited by pg_dump: its writes fail with EFBIG
    // past 2 MB, as on a full disk. SIGXFSZ ignored, so it gets the error
    // instead of dying of the signal (the disposition is inherited too).
    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    rlimit small = saved;
    small.rlim_cur = 2 * 1024 * 1024;
    auto previous = signal(SIGXFSZ, SIG_IGN);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const BackupResult r = backup(QStringLiteral("big"));
    setrlimit(RLIMIT_FSIZE, &saved);
    signal(SIGXFSZ, previous);

    QVERIFY(!r.ok);
    QVERIFY2(r.message.contains(QLatin1String("pg_dump")) && r.message.contains(QLatin1String("large"), Qt::CaseInsensitive),
             qPrintable(r.message));
    // No partial folder, the older backup whole and still verifying.
    QDirIterator it(catalogue::databaseFolder(m_profile.backups->directory, QStringLiteral("big")), QDir::Dirs | QDir::NoDotAndDotDot);
    QStringList folders;
    while (it.hasNext())
        folders << QFileInfo(it.next()).fileName();
    QCOMPARE(folders, QStringList{older.manifest.id});
    const VerifyResult v = verify(older.manifest.id, false);
    QVERIFY2(v.ok, qPrintable(v.message));
    const QList<QJsonObject> lines = audit(QStringLiteral("backup"));
    QCOMPARE(lines.last().value(u"result"_qs).toString(), QStringLiteral("failed"));
}

void TestBackupsIntegration::secondRestoreOfSameTargetIsRefused()
{
    const QMap<QString, QString> before = checksums(QStringLiteral("app"));
    const QString id = catalogue::list(m_profile.backups->directory, QStringLiteral("app")).last().manifest.id;
    RestoreRequest request;
    request.backupId = id;
    request.target = QStringLiteral("app");
    request.confirmation = QStringLiteral("app");
    request.endSessions = true;
    RestoreResult second;
    const RestoreResult first = restore(request, [&](RestoreJob &running) {
        second = restore(request);
        running.cancel();
    });
    QVERIFY(!second.ok);
    QVERIFY2(second.message.contains(QLatin1String("already running")), qPrintable(second.message));
    QVERIFY(!first.ok);
    QVERIFY(first.cancelled);
    QVERIFY(first.targetUnchanged);
    QCOMPARE(checksums(QStringLiteral("app")), before);

    // Once the first has ended, the target's lock is free again.
    request.preflightOnly = true;
    const RestoreResult again = restore(request);
    QVERIFY2(again.ok, qPrintable(again.message));
}

void TestBackupsIntegration::wrongTypedNameAndReadOnlyAreRefused()
{
    const QString id = catalogue::list(m_profile.backups->directory, QStringLiteral("app")).last().manifest.id;
    const int auditBefore = testsupport::readAuditLines(m_auditPath).size();
    RestoreRequest request;
    request.backupId = id;
    request.target = QStringLiteral("app");
    request.confirmation = QStringLiteral("App");
    RestoreResult r = restore(request);
    QVERIFY(!r.ok);
    QVERIFY2(r.message.contains(QLatin1String("does not match")), qPrintable(r.message));

    request.confirmation = QStringLiteral("app");
    RestoreJob readOnly(context(true), request);
    r = runToEnd<RestoreJob, RestoreResult>(readOnly, 30000).value_or(RestoreResult{});
    QVERIFY(!r.ok);
    QVERIFY2(r.message.contains(QLatin1String("read-only")), qPrintable(r.message));

    BackupJob backupJob(context(true), {QStringLiteral("app"), {}, {}});
    const BackupResult b = runToEnd<BackupJob, BackupResult>(backupJob, 30000).value_or(BackupResult{});
    QVERIFY(!b.ok);
    QVERIFY2(b.message.contains(QLatin1String("read-only")), qPrintable(b.message));
    // Refused before anything was attempted: nothing to audit.
    QCOMPARE(testsupport::readAuditLines(m_auditPath).size(), auditBefore);
}

void TestBackupsIntegration::testRestoreIsRecordedAndLeavesNothing()
{
    QString id;
    for (const BackupEntry &e : catalogue::list(m_profile.backups->directory, QStringLiteral("app")))
        if (e.manifest.safetyFor.isEmpty() && id.isEmpty())
            id = e.manifest.id;
    const VerifyResult v = verify(id, true);
    QVERIFY2(v.ok, qPrintable(v.message));
    QCOMPARE(v.method, QStringLiteral("test-restore"));
    const auto entry = catalogue::find(m_profile.backups->directory, id);
    QVERIFY(entry && entry->verified());
    QCOMPARE(entry->lastVerification()->method, QStringLiteral("test-restore"));
    QCOMPARE(entry->lastVerification()->operatorName, QStringLiteral("tester"));
    for (const QString &name : databases())
        QVERIFY2(!name.contains(QLatin1String("__verify_")), qPrintable(name));
}

void TestBackupsIntegration::leftoversOfACrashAreFoundAndDropped()
{
    const QString leftover = QStringLiteral("app__restore_20261201T101010");
    QVERIFY(!psql(QStringLiteral("postgres"), QStringLiteral("create database %1").arg(sqlIdent(leftover))).isNull());
    DatabaseConfig admin = m_server.database(QStringLiteral("postgres"));
    pqxx::connection c(QStringLiteral("host=127.0.0.1 port=%1 dbname=postgres user=postgres").arg(admin.port).toStdString());
    QList<pgadmin::Leftover> found = pgadmin::leftovers(c);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].name, leftover);
    QCOMPARE(found[0].parsed.kind, QStringLiteral("restore"));
    QCOMPARE(found[0].parsed.at, QDateTime::fromString(u"2026-12-01T10:10:10Z"_qs, Qt::ISODate));
    pgadmin::dropDatabase(c, leftover);
    QVERIFY(pgadmin::leftovers(c).isEmpty());
}

void TestBackupsIntegration::cleanupTestCase()
{
    m_server.stop();
}

QTEST_GUILESS_MAIN(TestBackupsIntegration)
#include "tst_backups_integration.moc"
