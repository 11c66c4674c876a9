#include "backup_model.h"

#include "badge_tone.h"
#include "common/compact_units.h"
#include "common/display_text.h"

#include <QBrush>
#include <QFont>

#include <algorithm>

namespace opsdeck {

BackupModel::BackupModel(QObject *parent) : KeyedTableModel(parent)
{
}

void BackupModel::setEntries(QList<BackupEntry> entries)
{
    std::stable_sort(entries.begin(), entries.end(), [](const BackupEntry &a, const BackupEntry &b) {
        return a.manifest.startedAt > b.manifest.startedAt;
    });
    replaceRows(std::vector<BackupEntry>(entries.begin(), entries.end()));
}

void BackupModel::setPruneCandidates(QHash<QString, QString> candidates)
{
    m_prune = std::move(candidates);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void BackupModel::refreshAges()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, TakenColumn), index(rowCount() - 1, VerifiedColumn), {Qt::DisplayRole, Qt::ToolTipRole});
}

const BackupEntry *BackupModel::entry(const QString &id) const
{
    return rowAt(rowOf(id));
}

int BackupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BackupModel::verificationText(const BackupEntry &e, const QDateTime &now)
{
    const BackupVerification *v = e.lastVerification();
    if (!v)
        return tr("not verified");
    const QString method = v->method == QLatin1String("test-restore") ? tr("test restore")
                         : v->method == QLatin1String("toc")          ? tr("checksums and contents")
                                                                      : tr("checksums");
    const QString ago = compactDuration(v->at.msecsTo(now));
    return v->ok ? tr("✓ %1, %2 ago").arg(method, ago) : tr("✗ failed %1 ago (%2)").arg(ago, method);
}

QVariant BackupModel::data(const QModelIndex &index, int role) const
{
    const BackupEntry *e = rowAt(index.row());
    if (!e)
        return {};
    const BackupManifest &m = e->manifest;
    const QDateTime now = m_now();
    const auto prune = m_prune.constFind(m.id);
    const bool pruned = prune != m_prune.cend();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TakenColumn: return tr("%1 ago").arg(compactDuration(m.startedAt.msecsTo(now)));
        case DatabaseColumn: return singleLine(m.database, 64);
        case SizeColumn: return compactBytes(double(m.sizeBytes()));
        case VerifiedColumn: return verificationText(*e, now);
        case OperatorColumn: return singleLine(m.operatorName, 40);
        case LabelColumn:
            if (pruned)
                return m.label.isEmpty() ? tr("(retention would delete it)") : tr("%1 (retention would delete it)").arg(singleLine(m.label, 80));
            return singleLine(m.label, 120);
        case IdColumn: return m.id;
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case TakenColumn: return m.startedAt;
        case SizeColumn: return m.sizeBytes();
        case VerifiedColumn: return e->lastVerification() ? e->lastVerification()->at : QDateTime();
        default: return data(index, Qt::DisplayRole);
        }
    case IdRole:
        return m.id;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TakenColumn:
            return tr("Started %1, took %2\nPostgreSQL %3, pg_dump %4, %5 format")
                .arg(m.startedAt.toLocalTime().toString(Qt::ISODate), compactDuration(m.startedAt.msecsTo(m.finishedAt)),
                     m.serverVersion, m.pgDumpVersion, m.format);
        case DatabaseColumn:
            return tr("%1 on %2:%3").arg(m.dbname, m.host).arg(m.port);
        case SizeColumn:
            return tr("%1 bytes in %n file(s); the database was %2", nullptr, int(m.files.size()))
                .arg(m.sizeBytes()).arg(compactBytes(double(m.databaseSizeBytes)));
        case VerifiedColumn:
            if (const BackupVerification *v = e->lastVerification())
                return tr("%1 by %2: %3").arg(v->at.toLocalTime().toString(Qt::ISODate), v->operatorName, v->detail);
            return tr("Verify recomputes every checksum and reads the whole table of contents; a test restore also restores it into a scratch database");
        case LabelColumn:
            return pruned ? tr("Retention would delete this backup: %1").arg(prune.value()) : QVariant();
        case IdColumn:
            return tr("The id for opsdeck-cli backup verify / restore");
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == VerifiedColumn) {
            const BackupVerification *v = e->lastVerification();
            if (v && !v->ok)
                return QBrush(toneTextColor(BadgeTone::Bad));
            if (v && v->ok)
                return QBrush(toneTextColor(BadgeTone::Good));
        }
        if (pruned)
            return QBrush(toneTextColor(BadgeTone::Muted));
        return {};
    case Qt::FontRole:
        if (pruned) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant BackupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TakenColumn: return tr("Taken");
    case DatabaseColumn: return tr("Database");
    case SizeColumn: return tr("Size");
    case VerifiedColumn: return tr("Verified");
    case OperatorColumn: return tr("By");
    case LabelColumn: return tr("Label");
    case IdColumn: return tr("ID");
    }
    return {};
}

} // namespace opsdeck
