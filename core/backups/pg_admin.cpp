#include "pg_admin.h"

#include "db/pg_compat.h"
#include "db/pg_queries.h"
#include "db/pg_worker.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTimeZone>

#include <pqxx/pqxx>

#include <chrono>
#include <thread>

namespace opsdeck::pgadmin {

namespace {

std::string s(const QString &v)
{
    return v.toStdString();
}

QString q(const pqxx::field &f)
{
    return f.is_null() ? QString() : QString::fromStdString(f.c_str());
}

std::string sql(const char *text)
{
    return std::string(pg::ownQueryMarker) + " " + text;
}

std::string ident(pqxx::connection &c, const QString &name)
{
    return c.quote_name(s(name));
}

void exec(pqxx::connection &c, const std::string &statement)
{
    pqxx::nontransaction tx(c);
    tx.exec(statement);
}

} // namespace

ServerFacts serverFacts(pqxx::connection &c)
{
    pqxx::nontransaction tx(c);
    const pqxx::result r = tx.exec(sql(
        "select current_setting('server_version_num')::int, current_setting('server_version'), current_user,"
        " r.rolsuper, r.rolcreatedb,"
        " case when r.rolsuper then current_setting('data_directory') end"
        " from pg_roles r where r.rolname = current_user"));
    ServerFacts f;
    if (r.empty())
        return f;
    f.versionNum = r[0][0].as<int>();
    f.version = q(r[0][1]).section(u' ', 0, 0);
    f.currentUser = q(r[0][2]);
    f.superuser = r[0][3].as<bool>();
    f.createdb = r[0][4].as<bool>();
    f.dataDirectory = q(r[0][5]);
    return f;
}

DatabaseFacts databaseFacts(pqxx::connection &c, const QString &dbname)
{
    pqxx::nontransaction tx(c);
    const pqxx::result r = pg::execParams(tx, sql(
        "select pg_get_userbyid(d.datdba), pg_encoding_to_char(d.encoding), d.datcollate, d.datctype,"
        " pg_database_size(d.oid), d.datallowconn from pg_database d where d.datname = $1"), s(dbname));
    DatabaseFacts f;
    if (r.empty())
        return f;
    f.exists = true;
    f.owner = q(r[0][0]);
    f.encoding = q(r[0][1]);
    f.collate = q(r[0][2]);
    f.ctype = q(r[0][3]);
    f.sizeBytes = r[0][4].as<long long>();
    f.allowConnections = r[0][5].as<bool>();
    return f;
}

QList<BackupTable> tables(pqxx::connection &c)
{
    pqxx::nontransaction tx(c);
    const pqxx::result r = tx.exec(sql(
        // Sizes from the catalogue's page counts (kept by VACUUM and ANALYZE), not pg_relation_size:
        // that one locks each table and would wait behind a migration's exclusive lock.
        "select n.nspname, c.relname,"
        " (greatest(c.relpages, 1)::bigint + coalesce(t.relpages, 0)) * current_setting('block_size')::bigint,"
        " c.reltuples::bigint"
        " from pg_class c join pg_namespace n on n.oid = c.relnamespace left join pg_class t on t.oid = c.reltoastrelid"
        " where c.relkind in ('r', 'm') and n.nspname not in ('pg_catalog', 'information_schema')"
        " and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'"
        " order by 1, 2"));
    QList<BackupTable> out;
    for (const auto &row : r)
        out << BackupTable{q(row[0]), q(row[1]), row[2].as<long long>(), row[3].as<long long>()};
    return out;
}

QList<Session> sessions(pqxx::connection &c, const QString &dbname)
{
    pqxx::nontransaction tx(c);
    const pqxx::result r = pg::execParams(tx, sql(
        "select pid, coalesce(usename, ''), coalesce(application_name, ''), coalesce(client_addr::text, 'local'),"
        " coalesce(state, ''), coalesce(left(query, 500), ''), backend_start"
        " from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()"
        " and backend_type = 'client backend' order by backend_start"), s(dbname));
    QList<Session> out;
    for (const auto &row : r) {
        Session session{row[0].as<int>(), q(row[1]), q(row[2]), q(row[3]), q(row[4]), q(row[5]), {}};
        session.backendStart = QDateTime::fromString(q(row[6]).left(19), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        if (!PgWorker::isOwnApplication(session.application))
            out << session;
    }
    return out;
}

QStringList extensionsNotCreatable(pqxx::connection &c, const ServerFacts &server, const QStringList &extensions)
{
    if (server.superuser || extensions.isEmpty())
        return {};
    if (server.versionNum < 130000)
        return extensions;  // no trusted extensions before 13
    pqxx::nontransaction tx(c);
    QStringList out;
    for (const QString &name : extensions) {
        const pqxx::result r = pg::execParams(
            tx, sql("select coalesce(bool_or(trusted), false) from pg_available_extension_versions where name = $1"), s(name));
        if (r.empty() || !r[0][0].as<bool>())
            out << name;
    }
    return out;
}

int endSessions(pqxx::connection &c, const QString &dbname)
{
    pqxx::nontransaction tx(c);
    const pqxx::result r = pg::execParams(tx, sql(
        "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
        " where datname = $1 and pid <> pg_backend_pid()"), s(dbname));
    return r.empty() ? 0 : r[0][0].as<int>();
}

QString scratchName(const QString &base, const QString &kind, const QDateTime &utc)
{
    const QString suffix = QStringLiteral("__%1_%2").arg(kind, utc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss")));
    QString head = base;
    // NAMEDATALEN is 64: 63 bytes of name. Shorten by characters until the UTF-8 fits.
    while (!head.isEmpty() && (head + suffix).toUtf8().size() > 63)
        head.chop(head.size() >= 2 && head.at(head.size() - 1).isLowSurrogate() ? 2 : 1);
    return head + suffix;
}

ScratchName parseScratchName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral(R"(__(restore|verify|pre)_(\d{8}T\d{6})$)"));
    const QRegularExpressionMatch m = re.match(name);
    ScratchName out;
    if (!m.hasMatch())
        return out;
    out.ours = true;
    out.kind = m.captured(1);
    out.at = QDateTime::fromString(m.captured(2), QStringLiteral("yyyyMMdd'T'HHmmss"));
    out.at.setTimeSpec(Qt::UTC);
    return out;
}

void createDatabase(pqxx::connection &c, const QString &name, const QString &owner)
{
    std::string statement = sql("create database ") + ident(c, name) + " template template0";
    if (!owner.isEmpty())
        statement += " owner " + ident(c, owner);
    exec(c, statement);
}

void createDatabaseLike(pqxx::connection &c, const QString &name, const QString &like)
{
    const DatabaseFacts f = databaseFacts(c, like);
    if (!f.exists)
        throw std::runtime_error("database " + s(like) + " does not exist");
    {
        pqxx::nontransaction tx(c);
        tx.exec(sql("create database ") + ident(c, name) + " template template0 owner " + ident(c, f.owner)
                + " encoding " + tx.quote(s(f.encoding)) + " lc_collate " + tx.quote(s(f.collate))
                + " lc_ctype " + tx.quote(s(f.ctype)));
    }
    // Database-level settings (ALTER DATABASE … SET) and privileges (GRANT CONNECT …)
    // live outside what pg_dump puts in an archive without --create: copy them.
    pqxx::nontransaction tx(c);
    const pqxx::result settings = pg::execParams(tx, sql(
        "select r.rolname, split_part(cfg, '=', 1), substr(cfg, strpos(cfg, '=') + 1)"
        " from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase"
        " left join pg_roles r on r.oid = s.setrole, unnest(s.setconfig) cfg where d.datname = $1"), s(like));
    for (const auto &row : settings) {
        std::string statement = "alter database " + ident(c, name);
        if (!row[0].is_null())
            statement += " in role " + ident(c, q(row[0]));
        statement += " set " + ident(c, q(row[1])) + " = " + tx.quote(row[2].c_str());
        tx.exec(statement);
    }
    const pqxx::result acl = pg::execParams(tx, sql(
        "select case when a.grantee = 0 then null else pg_get_userbyid(a.grantee) end, a.privilege_type, a.is_grantable"
        " from pg_database d, aclexplode(d.datacl) a where d.datname = $1 and d.datacl is not null"), s(like));
    if (!acl.empty()) {
        // An explicit list replaces the defaults (PUBLIC may connect and make temporary tables).
        tx.exec("revoke all on database " + ident(c, name) + " from public");
        for (const auto &row : acl) {
            const std::string grantee = row[0].is_null() ? std::string("public") : ident(c, q(row[0]));
            tx.exec("grant " + std::string(row[1].c_str()) + " on database " + ident(c, name) + " to " + grantee
                    + (row[2].as<bool>() ? " with grant option" : ""));
        }
    }
}

void dropDatabase(pqxx::connection &c, const QString &name)
{
    const int versionNum = serverFacts(c).versionNum;
    if (versionNum >= 130000) {
        exec(c, sql("drop database if exists ") + ident(c, name) + " with (force)");
        return;
    }
    endSessions(c, name);
    exec(c, sql("drop database if exists ") + ident(c, name));
}

qint64 swapDatabases(pqxx::connection &c, const QString &target, const QString &replacement, const QString &previous)
{
    QElapsedTimer window;
    window.start();
    exec(c, sql("alter database ") + ident(c, target) + " with allow_connections false");
    try {
        // Sessions take a moment to leave after the signal; a rename waits for none.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (true) {
            // The replacement's last connections (the restore's, the check's) may still be closing too.
            endSessions(c, target);
            endSessions(c, replacement);
            pqxx::nontransaction tx(c);
            const pqxx::result r = pg::execParams(
                tx, sql("select count(*) from pg_stat_activity where datname in ($1, $2) and pid <> pg_backend_pid()"),
                s(target), s(replacement));
            if (r[0][0].as<int>() == 0)
                break;
            if (std::chrono::steady_clock::now() > deadline)
                throw std::runtime_error("sessions of " + s(target) + " did not end within 10 s");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        {
            pqxx::work tx(c);
            tx.exec(sql("alter database ") + ident(c, target) + " rename to " + ident(c, previous));
            tx.exec(sql("alter database ") + ident(c, replacement) + " rename to " + ident(c, target));
            tx.commit();
        }
    } catch (...) {
        try {
            exec(c, sql("alter database ") + ident(c, target) + " with allow_connections true");
        } catch (...) {
            // The connection itself is gone; the error below says what failed first.
        }
        throw;
    }
    const qint64 unavailableMs = window.elapsed();
    // The previous database stays reachable for a comparison or a way back.
    exec(c, sql("alter database ") + ident(c, previous) + " with allow_connections true");
    return unavailableMs;
}

QList<TableCheck> checkTables(pqxx::connection &c)
{
    pqxx::nontransaction tx(c);
    const pqxx::result r = tx.exec(sql(
        "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema')"
        " and n.nspname not like 'pg\\_%' order by 1, 2"));
    QList<TableCheck> out;
    for (const auto &row : r) {
        TableCheck t;
        t.name = q(row[0]) + u'.' + q(row[1]);
        const pqxx::result any = tx.exec("select exists (select 1 from " + c.quote_name(row[0].c_str()) + "."
                                         + c.quote_name(row[1].c_str()) + ")");
        t.hasRows = any[0][0].as<bool>();
        out << t;
    }
    return out;
}

QList<Leftover> leftovers(pqxx::connection &c)
{
    pqxx::nontransaction tx(c);
    const pqxx::result r = tx.exec(sql(
        "select datname, pg_database_size(oid) from pg_database"
        " where datname ~ '__(restore|verify|pre)_[0-9]{8}T[0-9]{6}$' order by datname"));
    QList<Leftover> out;
    for (const auto &row : r) {
        Leftover l;
        l.name = q(row[0]);
        l.parsed = parseScratchName(l.name);
        l.sizeBytes = row[1].as<long long>();
        out << l;
    }
    std::sort(out.begin(), out.end(), [](const Leftover &a, const Leftover &b) { return a.parsed.at < b.parsed.at; });
    return out;
}

} // namespace opsdeck::pgadmin
