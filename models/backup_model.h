#pragma once

#include "backups/backup_catalogue.h"
#include "keyed_table_model.h"

#include <QDateTime>
#include <QHash>

#include <functional>

namespace opsdeck {

// The backup catalogue as rows, newest first: when each backup was taken and
// of which database, its size, whether and how it was verified, who took it
// and why (its label; a restore's safety copy says so), and its id for the
// command line. Backups retention would delete are marked, with the reason,
// before anything is deleted.
class BackupModel : public KeyedTableModel<BackupEntry, QString>
{
    Q_OBJECT
public:
    enum Column { TakenColumn, DatabaseColumn, SizeColumn, VerifiedColumn, OperatorColumn, LabelColumn, IdColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, IdRole };

    explicit BackupModel(QObject *parent = nullptr);
    void setEntries(QList<BackupEntry> entries);
    // id -> why retention would delete it ("older than 30 days").
    void setPruneCandidates(QHash<QString, QString> candidates);
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    // The ages move with the clock: repaint them without re-reading the catalogue.
    void refreshAges();

    const BackupEntry *entry(const QString &id) const;
    int pruneCandidateCount() const { return int(m_prune.size()); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "✓ test restore, 2 h ago", "not verified", "✗ failed 5 min ago" — for the table and the dialogs.
    static QString verificationText(const BackupEntry &e, const QDateTime &now);

protected:
    QString keyOf(const BackupEntry &e) const override { return e.manifest.id; }

private:
    QHash<QString, QString> m_prune;
    std::function<QDateTime()> m_now = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace opsdeck
