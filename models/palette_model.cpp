#include "palette_model.h"

#include "common/fuzzy_match.h"

#include <QCoreApplication>

#include <algorithm>

namespace opsdeck {

QString paletteKindLabel(PaletteEntry::Kind kind)
{
    switch (kind) {
    case PaletteEntry::Kind::Panel: return QCoreApplication::translate("PaletteModel", "Panel");
    case PaletteEntry::Kind::Action: return QCoreApplication::translate("PaletteModel", "Action");
    case PaletteEntry::Kind::Service: return QCoreApplication::translate("PaletteModel", "Service");
    case PaletteEntry::Kind::Alert: return QCoreApplication::translate("PaletteModel", "Alert");
    case PaletteEntry::Kind::Database: return QCoreApplication::translate("PaletteModel", "Database");
    case PaletteEntry::Kind::Deployment: return QCoreApplication::translate("PaletteModel", "Deployment");
    }
    return {};
}

PaletteModel::PaletteModel(QObject *parent) : QAbstractListModel(parent) {}

void PaletteModel::setEntries(QList<PaletteEntry> entries)
{
    m_entries = std::move(entries);
    refilter();
}

void PaletteModel::setPattern(const QString &pattern)
{
    m_pattern = pattern.trimmed();
    refilter();
}

void PaletteModel::refilter()
{
    beginResetModel();
    m_shown.clear();
    // Words typed are matched one by one against the entry's kind and title, so
    // "alert latency" and "latency" both find the HighLatency alert.
    const QStringList words = m_pattern.split(u' ', Qt::SkipEmptyParts);
    std::vector<std::pair<int, int>> scored;  // score, entry
    for (int i = 0; i < m_entries.size(); ++i) {
        const PaletteEntry &e = m_entries[i];
        const QString kind = paletteKindLabel(e.kind);
        int total = 0;
        bool all = true;
        for (const QString &word : words) {
            std::optional<int> s = fuzzyScore(word, e.title);
            if (!s) {
                s = fuzzyScore(word, kind);
                if (s)
                    *s -= 200;  // the kind narrows, the title decides
            }
            if (!s) {
                all = false;
                break;
            }
            total += *s;
        }
        if (all)
            scored.emplace_back(total, i);
    }
    // Best first; equal scores keep the gathering order (panels, then actions…).
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[score, index] : scored) {
        if (m_shown.size() >= maxRows)
            break;
        m_shown << index;
    }
    endResetModel();
}

const PaletteEntry *PaletteModel::entryAt(int row) const
{
    return row >= 0 && row < m_shown.size() ? &m_entries[m_shown[row]] : nullptr;
}

int PaletteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

QVariant PaletteModel::data(const QModelIndex &index, int role) const
{
    const PaletteEntry *e = entryAt(index.row());
    if (!e)
        return {};
    switch (role) {
    case Qt::DisplayRole: return e->title;
    case Qt::ToolTipRole: return e->detail.isEmpty() ? e->title : e->title + QStringLiteral(" — ") + e->detail;
    case Qt::AccessibleTextRole: return QStringLiteral("%1: %2 %3").arg(paletteKindLabel(e->kind), e->title, e->detail);
    case DetailRole: return e->detail;
    case KindRole: return int(e->kind);
    case KindLabelRole: return paletteKindLabel(e->kind);
    default: return {};
    }
}

} // namespace opsdeck
