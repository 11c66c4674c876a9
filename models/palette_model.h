#pragma once

// What the command palette (Ctrl+K) can reach, and what of it matches what is
// typed, best first: panels, the window's actions, services, alerts, databases
// and deployments. The window gathers the entries each time the palette opens
// (they follow the live models); the model only ranks them.

#include <QAbstractListModel>
#include <QList>

#include <functional>

namespace opsdeck {

struct PaletteEntry {
    enum class Kind { Panel, Action, Service, Alert, Database, Deployment };
    Kind kind = Kind::Action;
    QString title;   // what is matched and shown
    QString detail;  // shown beside it: a shortcut, a status
    std::function<void()> run;
};

QString paletteKindLabel(PaletteEntry::Kind kind);  // translated: "Panel", "Action", "Service"…

class PaletteModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { DetailRole = Qt::UserRole + 1, KindRole, KindLabelRole };

    explicit PaletteModel(QObject *parent = nullptr);

    void setEntries(QList<PaletteEntry> entries);
    // What was typed; the rows become the entries that match, best first.
    void setPattern(const QString &pattern);
    const PaletteEntry *entryAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    static constexpr int maxRows = 200;  // more is not a choice, it is a list

private:
    void refilter();

    QList<PaletteEntry> m_entries;
    QString m_pattern;
    QList<int> m_shown;  // indexes into m_entries
};

} // namespace opsdeck
