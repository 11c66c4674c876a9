#include "wall_mode.h"

#include "alert_model.h"
#include "common/compact_units.h"
#include "db/database_monitor.h"
#include "health_model.h"
#include "main_window.h"
#include "profile_session.h"
#include "state_keeper.h"
#include "badge_tone.h"

#include <QDateTime>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QTimer>
#include <QToolBar>

namespace opsdeck {

namespace {

constexpr double wallTypeScale = 1.4;  // read from across the room

// Columns sized for the usual type would cut the larger one ("unreac…"): scale them with it.
void scaleColumns(QWidget *window, double factor)
{
    for (QHeaderView *header : window->findChildren<QHeaderView *>()) {
        if (header->orientation() != Qt::Horizontal)
            continue;
        for (int i = 0; i < header->count(); ++i) {
            if (header->sectionResizeMode(i) == QHeaderView::Interactive || header->sectionResizeMode(i) == QHeaderView::Fixed)
                header->resizeSection(i, int(header->sectionSize(i) * factor + 0.5));
        }
    }
}

} // namespace

WallMode::WallMode(MainWindow *window)
    : QObject(window),
      m_window(window),
      m_rotate(new QTimer(this)),
      m_bannerTimer(new QTimer(this)),
      m_banner(new QToolBar(window)),
      m_bannerText(new QLabel(m_banner))
{
    m_banner->setObjectName(QStringLiteral("wallBanner"));
    m_banner->setMovable(false);
    m_banner->setFloatable(false);
    m_banner->addWidget(m_bannerText);
    m_bannerText->setObjectName(QStringLiteral("wallBannerText"));
    m_bannerText->setWordWrap(true);
    // Across the whole top of the screen, not a box in its corner.
    m_bannerText->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_bannerText->setMargin(8);
    m_bannerText->setAccessibleName(tr("Stale data"));
    m_window->addToolBar(Qt::TopToolBarArea, m_banner);
    m_window->insertToolBarBreak(m_banner);
    m_banner->hide();
    connect(m_rotate, &QTimer::timeout, this, &WallMode::showNext);
    m_bannerTimer->setInterval(1000);
    connect(m_bannerTimer, &QTimer::timeout, this, &WallMode::refreshBanner);
}

QStringList WallMode::parsePanels(const QString &list, const QStringList &known, QString *error)
{
    QStringList out;
    for (QString name : list.split(u',', Qt::SkipEmptyParts)) {
        name = name.trimmed().toLower();
        const QString dock = name + QStringLiteral("Dock");
        if (!known.contains(dock)) {
            *error = QStringLiteral("no panel \"%1\" (there are: %2)")
                         .arg(name, QStringList(known).replaceInStrings(QStringLiteral("Dock"), QString()).join(QStringLiteral(", ")));
            return {};
        }
        out << dock;
    }
    return out;
}

void WallMode::enter(const WallOptions &options)
{
    if (m_active)
        return;
    m_active = true;
    m_options = options;
    m_stateBefore = m_window->saveState();
    m_fontBefore = m_window->font();
    m_wasMaximized = m_window->isMaximized();
    m_rotation = options.panels;
    if (m_rotation.isEmpty()) {
        for (const QDockWidget *dock : m_window->findChildren<QDockWidget *>())
            m_rotation << dock->objectName();
    }
    // Read-only whatever the profile says: the session is opened again without its actions.
    m_window->setForcedReadOnly(true);
    QFont large = m_window->font();
    large.setPointSizeF(large.pointSizeF() * wallTypeScale);
    m_window->setFont(large);
    scaleColumns(m_window, wallTypeScale);
    m_window->menuBar()->hide();
    for (QToolBar *bar : m_window->findChildren<QToolBar *>()) {
        if (bar != m_banner && bar->parentWidget() == m_window)
            bar->hide();
    }
    m_window->showFullScreen();
    m_index = -1;
    showNext();
    if (m_rotation.size() > 1)
        m_rotate->start(std::max(1, options.intervalS) * 1000);
    m_bannerTimer->start();
    refreshBanner();
}

void WallMode::leave()
{
    if (!m_active)
        return;
    m_active = false;
    m_rotate->stop();
    m_bannerTimer->stop();
    m_banner->hide();
    m_window->setFont(m_fontBefore);
    scaleColumns(m_window, 1.0 / wallTypeScale);
    m_window->menuBar()->show();
    for (QToolBar *bar : m_window->findChildren<QToolBar *>()) {
        if (bar != m_banner && bar->parentWidget() == m_window)
            bar->show();
    }
    m_window->restoreState(m_stateBefore);
    if (m_wasMaximized)
        m_window->showMaximized();
    else
        m_window->showNormal();
    m_window->setForcedReadOnly(false);
}

QString WallMode::currentPanel() const
{
    return m_index >= 0 && m_index < m_rotation.size() ? m_rotation[m_index] : QString();
}

void WallMode::showNext()
{
    if (m_rotation.isEmpty())
        return;
    m_index = (m_index + 1) % int(m_rotation.size());
    // One panel at a time, the whole screen for it.
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        dock->setVisible(dock->objectName() == m_rotation[m_index]);
}

QString WallMode::staleText() const
{
    const ProfileSession *session = m_window->session();
    if (!session)
        return {};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList parts;
    if (const StateKeeper *keeper = m_window->stateKeeper(); keeper && keeper->restoredSavedAtMs() > 0)
        parts << tr("showing the last known state, %1 old").arg(compactDuration(now - keeper->restoredSavedAtMs()));
    const HealthModel *health = session->healthModel();
    for (int row = 0; row < health->serviceCount(); ++row) {
        if (!health->isStale(row) || health->isRestored(row))
            continue;
        const QModelIndex index = health->index(row, 0);
        const QDateTime at = index.data(HealthModel::CheckedAtRole).toDateTime();
        const QString name = index.data(HealthModel::ServiceNameRole).toString();
        parts << (at.isValid() ? tr("%1: no answer for %2").arg(name, compactDuration(now - at.toMSecsSinceEpoch()))
                               : tr("%1: no answer yet").arg(name));
    }
    for (const AlertModel::SourceState &s : session->alertModel()->sources()) {
        if (s.stale && !s.restored && s.lastGoodAtMs > 0)
            parts << tr("alerts from %1: %2 old").arg(s.name, compactDuration(now - s.lastGoodAtMs));
    }
    for (const DatabaseMonitor *m : session->databaseMonitors()) {
        const DatabaseSnapshot &s = m->snapshot();
        if (s.hasData() && !s.restored && s.isStale(now, m->intervalMs()))
            parts << tr("database %1: %2 old").arg(m->config().name, compactDuration(now - s.lastGoodAtMs));
    }
    return parts.isEmpty() ? QString() : tr("Stale data — %1").arg(parts.join(QStringLiteral(" · ")));
}

void WallMode::refreshBanner()
{
    const QString text = staleText();
    m_banner->setVisible(m_active && !text.isEmpty());
    if (text.isEmpty())
        return;
    m_bannerText->setText(QStringLiteral("⚠ ") + text);
    QFont large = m_window->font();  // already the wall's type; the banner a step above it
    large.setPointSizeF(large.pointSizeF() * 1.15);
    large.setBold(true);
    m_bannerText->setFont(large);
    m_bannerText->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; }")
                                    .arg(badgeColor(BadgeTone::Warning, isDarkPalette()).name(),
                                         badgeTextColor(BadgeTone::Warning, isDarkPalette()).name()));
}

} // namespace opsdeck
