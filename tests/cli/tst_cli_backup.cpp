// opsdeck-cli backup, run as a process against a private PostgreSQL with the
// real pg_dump and pg_restore: the JSON of the contract (ARCHITECTURE.md) for
// create and list, verify with and without a test restore, a restore that
// needs the typed name and brings the data back, a dry run that lists the
// sessions in the way, the read-only refusal, retention shown before it
// deletes, and leftovers found and dropped; every action with its audit lines.

#include "audit_lines.h"
#include "cli_run.h"
#include "postgres_server.h"

#include <QDir>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestCliBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createAndListAreTheContract();
    void verifyWithAndWithoutTestRestore();
    void restoreNeedsTheTypedNameThenBringsDataBack();
    void dryRunListsSessionsInTheWay();
    void readOnlyProfileIsRefused();
    void pruneShowsBeforeItDeletes();
    void leftoversAreListedAndDroppedByName();
    void interruptedBackupLeavesNothingBehind();
    void pruneDropsReplacedDatabasesPastTheirTime();

private:
    int cli(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr, const QString &profile = {});
    QList<QJsonObject> auditLines(const QString &action) const;
    QString firstBackupId();

    testsupport::PostgresServer m_server;
    QTemporaryDir m_dir;
    QString m_config;
};

int TestCliBackup::cli(const QStringList &args, QByteArray *out, QByteArray *err, const QString &profile)
{
    const testsupport::CliRun run{QStringLiteral(OPSDECK_CLI), m_config, m_dir.filePath(QStringLiteral("audit.jsonl")), 120000};
    return run(args, out, err, profile);
}

QList<QJsonObject> TestCliBackup::auditLines(const QString &action) const
{
    QList<QJsonObject> lines;
    for (const QJsonObject &line : testsupport::readAuditLines(m_dir.filePath(QStringLiteral("audit.jsonl"))))
        if (line.value(QStringLiteral("action")).toString() == action)
            lines << line;
    return lines;
}

void TestCliBackup::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE app")).isNull());
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral(
        "CREATE TABLE orders (id serial PRIMARY KEY, total int); "
        "INSERT INTO orders (total) SELECT g FROM generate_series(1, 5000) g")).isNull());
    m_config = m_dir.filePath(QStringLiteral("config.json"));
    QFile f(m_config);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QString db = QStringLiteral(R"({"name": "app", "host": "127.0.0.1", "port": %1, "dbname": "app", "user": "postgres"})")
                           .arg(m_server.port());
    const QString backups = QStringLiteral(R"({"directory": "%1", "keep_days": 30, "keep_min": 1, "pg_bin_dir": "%2"})")
                                .arg(m_dir.filePath(QStringLiteral("backups")), m_server.binDir());
    f.write(QStringLiteral(R"({"profiles": [
        {"name": "main", "operator": "erin", "databases": [%1], "backups": %2},
        {"name": "ro", "read_only": true, "databases": [%1], "backups": %2}
    ]})").arg(db, backups).toUtf8());
}

QString TestCliBackup::firstBackupId()
{
    QByteArray out;
    if (cli({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--json")}, &out) != 0)
        return {};
    const QJsonArray entries = QJsonDocument::fromJson(out).array();
    return entries.isEmpty() ? QString() : entries.last().toObject().value(QStringLiteral("id")).toString();
}

void TestCliBackup::createAndListAreTheContract()
{
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--database"), QStringLiteral("app"),
                  QStringLiteral("--label"), QStringLiteral("before 1.4.3"), QStringLiteral("--json")}, &out, &err), 0);
    const QJsonObject created = QJsonDocument::fromJson(out).object();
    for (const char *key : {"id", "database", "label", "created_at", "size_bytes", "verified_at", "operator", "server_version"})
        QVERIFY2(created.contains(QLatin1String(key)), key);
    QCOMPARE(created.value(QStringLiteral("database")).toString(), QStringLiteral("app"));
    QCOMPARE(created.value(QStringLiteral("label")).toString(), QStringLiteral("before 1.4.3"));
    QCOMPARE(created.value(QStringLiteral("operator")).toString(), QStringLiteral("erin"));
    QVERIFY(created.value(QStringLiteral("size_bytes")).toDouble() > 0);
    QVERIFY(created.value(QStringLiteral("verified_at")).isNull());
    QVERIFY(created.value(QStringLiteral("server_version")).toString().startsWith(QLatin1String("15")));
    QVERIFY(created.value(QStringLiteral("created_at")).toString().endsWith(u'Z'));

    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--json")}, &out), 0);
    const QJsonArray listed = QJsonDocument::fromJson(out).array();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].toObject().value(QStringLiteral("id")), created.value(QStringLiteral("id")));

    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("list")}, &out), 0);
    QVERIFY2(out.contains(created.value(QStringLiteral("id")).toString().toUtf8()) && out.contains("never") && out.contains("before 1.4.3"),
             out.constData());

    const QList<QJsonObject> audit = auditLines(QStringLiteral("backup"));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[1].value(QStringLiteral("client")).toString(), QStringLiteral("cli"));
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestCliBackup::verifyWithAndWithoutTestRestore()
{
    const QString id = firstBackupId();
    QVERIFY(!id.isEmpty());
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("verify"), id}, &out, &err), 0);
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("verify"), id, QStringLiteral("--test-restore"), QStringLiteral("--json")},
                 &out, &err), 0);
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    QVERIFY(result.value(QStringLiteral("ok")).toBool());
    QCOMPARE(result.value(QStringLiteral("method")).toString(), QStringLiteral("test-restore"));

    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--json")}, &out), 0);
    const QJsonObject entry = QJsonDocument::fromJson(out).array().last().toObject();
    QVERIFY(entry.value(QStringLiteral("verified_at")).toString().endsWith(u'Z'));
    QCOMPARE(auditLines(QStringLiteral("verify")).size(), 4);
    QCOMPARE(auditLines(QStringLiteral("test-restore")).size(), 2);

    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("verify"), QStringLiteral("app-19990101-000000")}, &out, &err), 1);
    QVERIFY2(err.contains("app-19990101-000000"), err.constData());
}

void TestCliBackup::restoreNeedsTheTypedNameThenBringsDataBack()
{
    const QString id = firstBackupId();
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral("DELETE FROM orders WHERE id > 10")).isNull());
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("restore"), id, QStringLiteral("--target"), QStringLiteral("app")}, &out, &err), 2);
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("restore"), id, QStringLiteral("--target"), QStringLiteral("app"),
                  QStringLiteral("--confirm"), QStringLiteral("ap")}, &out, &err), 1);
    QVERIFY2(err.contains("does not match"), err.constData());
    QCOMPARE(m_server.psql(QStringLiteral("app"), QStringLiteral("SELECT count(*) FROM orders")).trimmed(), QStringLiteral("10"));

    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("restore"), id, QStringLiteral("--target"), QStringLiteral("app"),
                  QStringLiteral("--confirm"), QStringLiteral("app"), QStringLiteral("--json")}, &out, &err), 0);
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    QVERIFY2(result.value(QStringLiteral("ok")).toBool(), out.constData());
    QCOMPARE(result.value(QStringLiteral("mode")).toString(), QStringLiteral("swap"));
    QVERIFY(result.value(QStringLiteral("previous_database")).toString().startsWith(QLatin1String("app__pre_")));
    QVERIFY(!result.value(QStringLiteral("safety_backup_id")).toString().isEmpty());
    QCOMPARE(m_server.psql(QStringLiteral("app"), QStringLiteral("SELECT count(*) FROM orders")).trimmed(), QStringLiteral("5000"));
    const QList<QJsonObject> audit = auditLines(QStringLiteral("restore"));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestCliBackup::dryRunListsSessionsInTheWay()
{
    const QString id = firstBackupId();
    auto session = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(600)"), QStringLiteral("etl-loader"));
    QVERIFY(m_server.pidOf(QStringLiteral("etl-loader")) > 0);
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("restore"), id, QStringLiteral("--target"), QStringLiteral("app"),
                  QStringLiteral("--dry-run")}, &out, &err), 1);
    QVERIFY2(err.contains("etl-loader") && err.contains("problem:") && err.contains("session"), err.constData());
    QVERIFY(m_server.pidOf(QStringLiteral("etl-loader"), 1) > 0);  // a dry run ends nothing
    QCOMPARE(auditLines(QStringLiteral("restore")).size(), 2);    // and does nothing to audit
    session->kill();
    session->waitForFinished(5000);
}

void TestCliBackup::readOnlyProfileIsRefused()
{
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--database"), QStringLiteral("app")}, &out, &err,
                 QStringLiteral("ro")), 1);
    QVERIFY2(err.contains("read-only"), err.constData());
    const QString id = firstBackupId();
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("restore"), id, QStringLiteral("--target"), QStringLiteral("app"),
                  QStringLiteral("--confirm"), QStringLiteral("app")}, &out, &err, QStringLiteral("ro")), 1);
    QVERIFY2(err.contains("read-only"), err.constData());
    // Reading the catalogue is fine.
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("list")}, &out, &err, QStringLiteral("ro")), 0);
}

void TestCliBackup::pruneShowsBeforeItDeletes()
{
    // Every backup here is younger than keep_days: nothing goes, and the dry run says why.
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--dry-run"), QStringLiteral("--json")}, &out, &err), 0);
    const QJsonArray plan = QJsonDocument::fromJson(out).array();
    QCOMPARE(plan.size(), 2);  // the backup and the restore's safety backup
    for (const QJsonValue &v : plan) {
        QVERIFY(!v.toObject().value(QStringLiteral("remove")).toBool());
        QVERIFY(v.toObject().value(QStringLiteral("reason")).toString().startsWith(QLatin1String("kept")));
    }
}

void TestCliBackup::leftoversAreListedAndDroppedByName()
{
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("leftovers"), QStringLiteral("--json")}, &out, &err), 0);
    const QJsonArray found = QJsonDocument::fromJson(out).array();
    QCOMPARE(found.size(), 1);  // the database the restore replaced
    const QString name = found[0].toObject().value(QStringLiteral("name")).toString();
    QVERIFY(name.startsWith(QLatin1String("app__pre_")));
    QCOMPARE(found[0].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("pre"));
    QVERIFY(found[0].toObject().value(QStringLiteral("expected")).toBool());  // within keep_previous_hours
    QVERIFY(found[0].toObject().value(QStringLiteral("explanation")).toString().contains(QLatin1String("kept until")));

    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("leftovers"), QStringLiteral("--drop"), name}, &out, &err), 2);
    // Only what OpsDeck left behind can be dropped this way.
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("leftovers"), QStringLiteral("--drop"), QStringLiteral("app"),
                  QStringLiteral("--confirm"), QStringLiteral("app")}, &out, &err), 1);
    QVERIFY2(err.contains("not a database OpsDeck left behind"), err.constData());
    QCOMPARE(m_server.psql(QStringLiteral("app"), QStringLiteral("SELECT count(*) FROM orders")).trimmed(), QStringLiteral("5000"));
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("leftovers"), QStringLiteral("--drop"), name, QStringLiteral("--confirm"), name,
                  QStringLiteral("--json")}, &out, &err), 0);
    QCOMPARE(QJsonDocument::fromJson(out).array().size(), 0);
    const QList<QJsonObject> audit = auditLines(QStringLiteral("leftover-drop"));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    QVERIFY(audit[1].value(QStringLiteral("target")).toString().endsWith(name));
}

void TestCliBackup::interruptedBackupLeavesNothingBehind()
{
    // pg_dump waits for a lock another session holds: caught mid-way, every time.
    auto locker = m_server.startSession(QStringLiteral("app"), QStringLiteral("BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; "
                                                                              "SELECT pg_sleep(600);"),
                                        QStringLiteral("locker"));
    QVERIFY(m_server.pidOf(QStringLiteral("locker")) > 0);
    const int auditBefore = auditLines(QStringLiteral("backup")).size();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPSDECK_AUDIT_LOG"), m_dir.filePath(QStringLiteral("audit.jsonl")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(OPSDECK_CLI), {QStringLiteral("backup"), QStringLiteral("create"), QStringLiteral("--database"),
                                          QStringLiteral("app"), QStringLiteral("--progress"), QStringLiteral("--config"), m_config});
    QByteArray err;
    QVERIFY(QTest::qWaitFor([&] {
        p.waitForReadyRead(100);
        err += p.readAllStandardError();
        return err.contains("progress: dumping");
    }, 20000) || (qWarning("%s", err.constData()), false));
    QTest::qWait(300);
    ::kill(pid_t(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(15000));
    err += p.readAllStandardError();
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(err.contains("error: cancelled"), err.constData());
    // No partial folder, and the audit log says cancelled.
    const QStringList left = QDir(m_dir.filePath(QStringLiteral("backups/app"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &folder : left)
        QVERIFY2(!folder.endsWith(QLatin1String(".partial")), qPrintable(folder));
    const QList<QJsonObject> audit = auditLines(QStringLiteral("backup"));
    QCOMPARE(audit.size(), auditBefore + 2);
    QCOMPARE(audit.last().value(QStringLiteral("result")).toString(), QStringLiteral("cancelled"));
    // And pg_dump is gone from the server.
    QVERIFY(QTest::qWaitFor([&] {
        return m_server.psql(QStringLiteral("postgres"),
                             QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'opsdeck/backup:%'"))
                   .trimmed() == QLatin1String("0");
    }, 10000));
    locker->kill();
    locker->waitForFinished(5000);
}

void TestCliBackup::pruneDropsReplacedDatabasesPastTheirTime()
{
    // Replaced by a swap in 2020: its keep_previous_hours (24) are long over.
    const QString old = QStringLiteral("app__pre_20200101T000000");
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE \"%1\"").arg(old)).isNull());
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--dry-run"), QStringLiteral("--json")}, &out, &err), 0);
    QJsonObject entry;
    for (const QJsonValue &v : QJsonDocument::fromJson(out).array())
        if (v.toObject().value(QStringLiteral("id")).toString() == old)
            entry = v.toObject();
    QCOMPARE(entry.value(QStringLiteral("outcome")).toString(), QStringLiteral("would drop"));
    QVERIFY(entry.value(QStringLiteral("reason")).toString().contains(QLatin1String("24 h are over")));
    QVERIFY(m_server.psql(QStringLiteral("postgres"), QStringLiteral("SELECT datname FROM pg_database")).contains(old));

    // And the folder a backup that died two hours ago left behind.
    const QString partial = m_dir.filePath(QStringLiteral("backups/app/app-20261201-000000.partial"));
    QVERIFY(QDir().mkpath(partial));
    {
        QFile dump(partial + QStringLiteral("/dump.pgdump"));
        QVERIFY(dump.open(QIODevice::WriteOnly));
        dump.write(QByteArray(4096, 'x'));
        dump.flush();
        dump.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-7200), QFileDevice::FileModificationTime);
    }
    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("prune"), QStringLiteral("--dry-run")}, &out, &err), 0);
    QVERIFY2(out.contains("app-20261201-000000.partial") && out.contains("would delete") && out.contains("interrupted backup"),
             out.constData());
    QVERIFY(QFileInfo::exists(partial));

    QCOMPARE(cli({QStringLiteral("backup"), QStringLiteral("prune")}, &out, &err), 0);
    QVERIFY2(out.contains(old.toUtf8()) && out.contains("dropped"), out.constData());
    QVERIFY(!QFileInfo::exists(partial));
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("SELECT datname FROM pg_database")).contains(old));
    QVERIFY(auditLines(QStringLiteral("leftover-drop")).last().value(QStringLiteral("target")).toString().endsWith(old));
}

QTEST_GUILESS_MAIN(TestCliBackup)
#include "tst_cli_backup.moc"
