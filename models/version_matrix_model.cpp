#include "version_matrix_model.h"

#include "deployment_model.h"

#include <QSet>

#include <algorithm>

namespace opsdeck {

VersionMatrixModel::VersionMatrixModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void VersionMatrixModel::setEnvironments(const QStringList &environments)
{
    if (environments == m_environments)
        return;
    beginResetModel();
    m_environments = environments;
    for (auto it = m_cells.begin(); it != m_cells.end();) {
        if (!environments.contains(it.key()))
            it = m_cells.erase(it);
        else
            ++it;
    }
    endResetModel();
    rebuildRows();
}

void VersionMatrixModel::setDeployments(const QString &environment, const QList<Deployment> &deployments, const QString &unavailable)
{
    if (!m_environments.contains(environment))
        return;
    QHash<QString, Cell> cells;
    for (const Deployment &d : deployments)
        cells.insert(d.name, Cell{d.version, d.status, d.images});
    const bool headerChanged = m_unavailable.value(environment) != unavailable;
    if (unavailable.isEmpty())
        m_unavailable.remove(environment);
    else
        m_unavailable.insert(environment, unavailable);
    m_cells.insert(environment, cells);
    rebuildRows();
    if (headerChanged) {
        const int column = int(m_environments.indexOf(environment)) + 1;
        Q_EMIT headerDataChanged(Qt::Horizontal, column, column);
    }
}

void VersionMatrixModel::rebuildRows()
{
    QSet<QString> names;
    for (const auto &cells : std::as_const(m_cells)) {
        for (auto it = cells.cbegin(); it != cells.cend(); ++it)
            names.insert(it.key());
    }
    QStringList sorted(names.cbegin(), names.cend());
    std::sort(sorted.begin(), sorted.end());
    if (sorted != m_names) {
        // Few rows, changing rarely (a service added or gone): a reset is cheaper than a diff to read.
        beginResetModel();
        m_names = sorted;
        endResetModel();
    } else if (!m_names.isEmpty()) {
        Q_EMIT dataChanged(index(0, 0), index(int(m_names.size()) - 1, columnCount() - 1));
    }
}

bool VersionMatrixModel::drifts(int row) const
{
    const QString &name = m_names.at(row);
    QSet<QString> versions;
    for (const QString &environment : m_environments) {
        const auto cell = m_cells.value(environment).constFind(name);
        if (cell != m_cells.value(environment).cend() && !cell->version.isEmpty())
            versions.insert(cell->version);
    }
    return versions.size() > 1;
}

int VersionMatrixModel::driftCount() const
{
    int n = 0;
    for (int row = 0; row < m_names.size(); ++row)
        n += drifts(row) ? 1 : 0;
    return n;
}

int VersionMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

int VersionMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_environments.size()) + 1;
}

QVariant VersionMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_names.size())
        return {};
    const QString &name = m_names.at(index.row());
    if (index.column() == 0) {
        if (role == Qt::DisplayRole || role == NameRole)
            return name;
        if (role == DriftRole)
            return drifts(index.row());
        return {};
    }
    const QString &environment = m_environments.at(index.column() - 1);
    const QHash<QString, Cell> &cells = m_cells[environment];
    const auto cell = cells.constFind(name);
    const bool present = cell != cells.cend();
    switch (role) {
    case Qt::DisplayRole:
        return present ? cell->version : QStringLiteral("—");
    case Qt::ToolTipRole: {
        QStringList lines;
        for (const QString &env : m_environments) {
            const auto other = m_cells.value(env).constFind(name);
            if (other != m_cells.value(env).cend())
                lines << QStringLiteral("%1: %2 (%3)").arg(env, other->version, deploymentStatusText(other->status));
        }
        if (present && cell->images.size() > 1)
            lines << tr("rolling: %1").arg(cell->images.join(QLatin1String(", ")));
        return lines.join(u'\n');
    }
    case Qt::ForegroundRole:
        if (!present)
            return toneTextColor(BadgeTone::Muted);
        if (cell->status == DeploymentStatus::Failed || cell->status == DeploymentStatus::Degraded)
            return toneTextColor(deploymentTone(cell->status));
        return {};
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::BackgroundRole:
        if (present && drifts(index.row())) {
            QColor tint = badgeColor(BadgeTone::Warning, isDarkPalette());
            tint.setAlpha(70);
            return tint;
        }
        return {};
    case DriftRole:
        return present && drifts(index.row());
    case ToneRole:
        return present ? int(deploymentTone(cell->status)) : int(BadgeTone::Muted);
    case NameRole:
        return name;
    case EnvironmentRole:
        return environment;
    }
    return {};
}

QVariant VersionMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (section == 0)
        return role == Qt::DisplayRole ? QVariant(tr("Service")) : QVariant();
    const QString &environment = m_environments.value(section - 1);
    const QString why = m_unavailable.value(environment);
    if (role == Qt::DisplayRole)
        return why.isEmpty() ? environment : tr("%1 (not read)").arg(environment);
    if (role == Qt::ToolTipRole)
        return why.isEmpty() ? QVariant() : QVariant(why);
    if (role == Qt::ForegroundRole && !why.isEmpty())
        return toneTextColor(BadgeTone::Muted);
    return {};
}

} // namespace opsdeck
