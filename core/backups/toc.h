#pragma once

// An archive's table of contents as `pg_restore --list` prints it, and the
// selections a selective restore hands back through `--use-list`.
//   215; 1259 16386 TABLE public orders app
//   3350; 0 16386 TABLE DATA public orders app
//   3206; 2606 16392 CONSTRAINT public orders orders_pkey app

#include <QList>
#include <QString>
#include <QStringList>

namespace opsdeck {

struct TocEntry {
    int dumpId = 0;
    QString type;    // TABLE, TABLE DATA, INDEX, FK CONSTRAINT, SCHEMA...
    QString schema;  // "-" when the object has none
    QString name;    // for constraints, indexes and triggers: "table object"
    QString owner;
    QString line;    // as printed, for --use-list
};

struct Toc {
    QList<TocEntry> entries;
    int declaredEntries = 0;  // the header's "TOC Entries: N"
    QString dumpedBy;         // "15.18 (Debian ...)" from "Dumped by pg_dump version:"
    int tableCount() const;   // entries of type TABLE
};

Toc parseToc(const QString &listOutput);

// What a selective restore takes: whole schemas and single tables
// ("schema.table"); each table brings its data, sequences it owns, indexes,
// constraints, triggers, defaults and comments.
struct TocSelection {
    QStringList schemas;
    QStringList tables;  // schema.name
    bool isEmpty() const { return schemas.isEmpty() && tables.isEmpty(); }
};

// The entries of the selection, and the names asked for that the archive does not hold.
QList<TocEntry> selectEntries(const Toc &toc, const TocSelection &selection, QStringList *missing);
QString useListText(const QList<TocEntry> &entries);

} // namespace opsdeck
