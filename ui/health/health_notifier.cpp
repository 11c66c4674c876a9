#include "health/health_notifier.h"

#include "health_model.h"

#include <QSystemTrayIcon>

namespace opsdeck {

HealthNotifier::HealthNotifier(QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent), m_tray(tray)
{
}

void HealthNotifier::setModel(HealthModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model)
        connect(model, &HealthModel::transitioned, this, &HealthNotifier::onTransition);
}

bool HealthNotifier::worthNotifying(HealthStatus from, HealthStatus to)
{
    return isFailing(to) != isFailing(from);
}

void HealthNotifier::onTransition(const QString &service, HealthStatus from, HealthStatus to, const QString &reason)
{
    if (!m_enabled || !worthNotifying(from, to))
        return;
    const bool failing = isFailing(to);
    const QString title = failing ? tr("%1 is %2").arg(service, healthStatusLabel(to))
                                  : tr("%1 recovered").arg(service);
    const QString message = failing ? reason : tr("Now %1 (was %2).").arg(healthStatusLabel(to), healthStatusLabel(from));
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, message, failing ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information, 10000);
    Q_EMIT notified(title, message);
}

} // namespace opsdeck
