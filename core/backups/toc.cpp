#include "toc.h"

#include <QRegularExpression>
#include <QSet>

namespace opsdeck {

namespace {

// Types of more than one word, longest first so "FK CONSTRAINT" is not read as "FK".
const QStringList multiWordTypes = {
    QStringLiteral("MATERIALIZED VIEW DATA"), QStringLiteral("SEQUENCE OWNED BY"), QStringLiteral("DEFAULT ACL"),
    QStringLiteral("TABLE DATA"), QStringLiteral("SEQUENCE SET"), QStringLiteral("FK CONSTRAINT"),
    QStringLiteral("MATERIALIZED VIEW"), QStringLiteral("CHECK CONSTRAINT"), QStringLiteral("LARGE OBJECT"),
    QStringLiteral("BLOB DATA"), QStringLiteral("BLOBS"), QStringLiteral("EVENT TRIGGER"), QStringLiteral("FOREIGN TABLE"),
    QStringLiteral("TEXT SEARCH CONFIGURATION"), QStringLiteral("TEXT SEARCH DICTIONARY"), QStringLiteral("OPERATOR CLASS"),
    QStringLiteral("OPERATOR FAMILY"), QStringLiteral("ROW SECURITY"), QStringLiteral("STATISTICS DATA"),
    QStringLiteral("INDEX ATTACH"), QStringLiteral("TABLE ATTACH"), QStringLiteral("PUBLICATION TABLE"),
    QStringLiteral("POLICY"),
};

} // namespace

int Toc::tableCount() const
{
    int n = 0;
    for (const TocEntry &e : entries)
        n += e.type == QLatin1String("TABLE");
    return n;
}

Toc parseToc(const QString &listOutput)
{
    static const QRegularExpression head(QStringLiteral(R"(^(\d+);\s+\d+\s+\d+\s+(.*)$)"));
    static const QRegularExpression declared(QStringLiteral(R"(^;\s+TOC Entries:\s+(\d+))"));
    static const QRegularExpression dumpedBy(QStringLiteral(R"(^;\s+Dumped by pg_dump version:\s+(.*)$)"));
    Toc toc;
    for (const QString &raw : listOutput.split(u'\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(u';')) {
            if (const auto m = declared.match(line); m.hasMatch())
                toc.declaredEntries = m.captured(1).toInt();
            else if (const auto d = dumpedBy.match(line); d.hasMatch())
                toc.dumpedBy = d.captured(1).trimmed();
            continue;
        }
        const QRegularExpressionMatch m = head.match(line);
        if (!m.hasMatch())
            continue;
        TocEntry e;
        e.dumpId = m.captured(1).toInt();
        e.line = line;
        QString rest = m.captured(2);
        for (const QString &t : multiWordTypes) {
            if (rest.startsWith(t + u' ')) {
                e.type = t;
                rest = rest.mid(t.size() + 1);
                break;
            }
        }
        if (e.type.isEmpty()) {
            const qsizetype space = rest.indexOf(u' ');
            e.type = rest.left(space);
            rest = space < 0 ? QString() : rest.mid(space + 1);
        }
        // schema, name (may hold spaces: "orders orders_pkey"), owner last.
        QStringList words = rest.split(u' ', Qt::SkipEmptyParts);
        if (words.size() >= 3) {
            e.schema = words.takeFirst();
            e.owner = words.takeLast();
            e.name = words.join(u' ');
        } else if (words.size() == 2) {
            e.schema = words[0];
            e.name = words[1];
        }
        toc.entries << e;
    }
    return toc;
}

QList<TocEntry> selectEntries(const Toc &toc, const TocSelection &selection, QStringList *missing)
{
    const QSet<QString> schemas(selection.schemas.cbegin(), selection.schemas.cend());
    QSet<QString> tables(selection.tables.cbegin(), selection.tables.cend());
    QSet<QString> found;
    QList<TocEntry> out;
    for (const TocEntry &e : toc.entries) {
        bool take = false;
        if (e.type == QLatin1String("SCHEMA")) {
            take = schemas.contains(e.name);
            if (take)
                found.insert(e.name);
        } else if (schemas.contains(e.schema)) {
            take = true;
        } else {
            // The table itself, or an object named after it ("orders orders_pkey").
            const QString table = e.name.section(u' ', 0, 0);
            const QString key = e.schema + u'.' + table;
            if (tables.contains(key)) {
                take = e.type != QLatin1String("SCHEMA");
                if (e.type == QLatin1String("TABLE"))
                    found.insert(key);
            } else if (e.type.startsWith(QLatin1String("SEQUENCE"))) {
                // A serial column's sequence is named <table>_<column>_seq; its default needs it.
                for (const QString &t : selection.tables) {
                    const QString schema = t.section(u'.', 0, 0), name = t.section(u'.', 1);
                    if (e.schema == schema && table.startsWith(name + u'_') && table.endsWith(QLatin1String("_seq")))
                        take = true;
                }
            }
        }
        if (take)
            out << e;
    }
    if (missing) {
        for (const QString &s : selection.schemas)
            if (!found.contains(s))
                *missing << QStringLiteral("schema %1").arg(s);
        for (const QString &t : selection.tables)
            if (!found.contains(t))
                *missing << QStringLiteral("table %1").arg(t);
    }
    return out;
}

QString useListText(const QList<TocEntry> &entries)
{
    QString text;
    for (const TocEntry &e : entries)
        text += e.line + u'\n';
    return text;
}

} // namespace opsdeck
