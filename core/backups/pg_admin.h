#pragma once

// The SQL a backup, verify or restore runs around pg_dump and pg_restore:
// what the server is, what a database holds, creating a scratch database
// shaped like its target, the cut-over of a swap restore, and finding the
// scratch databases a crash left behind. Each function blocks on the server:
// call them inside a PgWorker job, never on the GUI thread. Identifiers are
// quoted by libpq, values bound or quoted by it.

#include "backup_catalogue.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <pqxx/connection>

namespace opsdeck::pgadmin {

struct ServerFacts {
    int versionNum = 0;     // 150018
    QString version;        // "15.18"
    QString currentUser;
    bool superuser = false;
    bool createdb = false;
    QString dataDirectory;  // superusers only; empty otherwise
};
ServerFacts serverFacts(pqxx::connection &c);

struct DatabaseFacts {
    bool exists = false;
    QString owner;
    QString encoding, collate, ctype;
    qint64 sizeBytes = 0;
    bool allowConnections = true;
};
DatabaseFacts databaseFacts(pqxx::connection &c, const QString &dbname);

// The tables of the connected database with data (ordinary and materialised),
// the system's left out, their sizes and row estimates, both from the catalogue:
// no table is locked, so a table held exclusively does not stall the question.
QList<BackupTable> tables(pqxx::connection &c);

struct Session {
    int pid = 0;
    QString user, application, client, state, query;
    QDateTime backendStart;
};
// Client sessions connected to that database, this console's own left out.
QList<Session> sessions(pqxx::connection &c, const QString &dbname);
// Of these extensions, those the connected role may not create: all but the
// trusted ones (PostgreSQL 13+) for a role that is not a superuser.
QStringList extensionsNotCreatable(pqxx::connection &c, const ServerFacts &server, const QStringList &extensions);

// pg_terminate_backend for each; returns how many were signalled.
int endSessions(pqxx::connection &c, const QString &dbname);

// <base>__restore_20261207T071500, cut so the whole stays within PostgreSQL's
// 63 bytes without splitting a character.
QString scratchName(const QString &base, const QString &kind, const QDateTime &utc);
// Whether a name is one of ours (…__restore_…, …__verify_…, …__pre_…) and from when.
struct ScratchName {
    bool ours = false;
    QString kind;  // restore, verify, pre
    QDateTime at;
};
ScratchName parseScratchName(const QString &name);

// CREATE DATABASE name with the owner, encoding and locale of like, its
// database-level settings and privileges copied after.
void createDatabaseLike(pqxx::connection &c, const QString &name, const QString &like);
void createDatabase(pqxx::connection &c, const QString &name, const QString &owner);
// DROP DATABASE IF EXISTS, ending its sessions first (WITH (FORCE) from 13).
void dropDatabase(pqxx::connection &c, const QString &name);

// The swap: refuse new connections to target, end its sessions, then in one
// transaction rename target to previous and replacement to target. Returns the
// milliseconds the target could not be connected to. On any error the names
// are as they were and target accepts connections again; the error is thrown.
qint64 swapDatabases(pqxx::connection &c, const QString &target, const QString &replacement, const QString &previous);

// What a restored database holds, to compare with the archive: the tables of
// each schema.name and whether each has at least one row.
struct TableCheck {
    QString name;  // schema.name
    bool hasRows = false;
};
QList<TableCheck> checkTables(pqxx::connection &c);

// Databases whose names are ours (scratch, verify, previous), oldest first.
struct Leftover {
    QString name;
    ScratchName parsed;
    qint64 sizeBytes = 0;
};
QList<Leftover> leftovers(pqxx::connection &c);

} // namespace opsdeck::pgadmin
