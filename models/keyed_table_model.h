#pragma once

// A table whose rows are plain values with an identity (a backend's pid, a
// statement's key, a table's name). Each update merges instead of resetting:
// rows that went away are removed in contiguous ranges, rows still there are
// updated in place, new rows are appended, and one dataChanged covers the
// rows kept. Selection, sort and scroll survive every poll (STYLE.md, habit 7).

#include <QAbstractTableModel>

#include <unordered_map>
#include <vector>

namespace opsdeck {

template<typename Row, typename Key, typename Hash = std::hash<Key>>
class KeyedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    const std::vector<Row> &rows() const { return m_rows; }
    const Row *rowAt(int row) const { return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)] : nullptr; }
    int rowOf(const Key &key) const
    {
        const auto it = m_rowOf.find(key);
        return it == m_rowOf.end() ? -1 : it->second;
    }

protected:
    virtual Key keyOf(const Row &row) const = 0;

    void replaceRows(std::vector<Row> next)
    {
        std::unordered_map<Key, size_t, Hash> nextAt;
        nextAt.reserve(next.size());
        for (size_t i = 0; i < next.size(); ++i)
            nextAt.emplace(keyOf(next[i]), i);

        // Remove what is gone, from the back, a contiguous range at a time.
        for (int last = int(m_rows.size()) - 1; last >= 0;) {
            if (nextAt.count(keyOf(m_rows[size_t(last)]))) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !nextAt.count(keyOf(m_rows[size_t(first - 1)])))
                --first;
            beginRemoveRows({}, first, last);
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
            endRemoveRows();
            last = first - 1;
        }
        // Update the rest in place; what is left of `next` is new.
        std::vector<bool> taken(next.size(), false);
        for (Row &row : m_rows) {
            const size_t i = nextAt.at(keyOf(row));
            row = std::move(next[i]);
            taken[i] = true;
        }
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
        std::vector<Row> added;
        for (size_t i = 0; i < next.size(); ++i) {
            if (!taken[i])
                added.push_back(std::move(next[i]));
        }
        if (!added.empty()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
            for (Row &row : added)
                m_rows.push_back(std::move(row));
            endInsertRows();
        }
        m_rowOf.clear();
        m_rowOf.reserve(m_rows.size());
        for (size_t i = 0; i < m_rows.size(); ++i)
            m_rowOf.emplace(keyOf(m_rows[i]), int(i));
    }

private:
    std::vector<Row> m_rows;
    std::unordered_map<Key, int, Hash> m_rowOf;
};

} // namespace opsdeck
