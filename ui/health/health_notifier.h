#pragma once

#include "health/health_status.h"

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;

namespace opsdeck {

class HealthModel;

// Turns health transitions into desktop notifications: a service that goes
// down or becomes unreachable, and one that recovers. The first answer of each
// service is its baseline, so starting the console raises no storm.
class HealthNotifier : public QObject
{
    Q_OBJECT
public:
    explicit HealthNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

    void setModel(HealthModel *model);
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }

    // Whether a change from one state to another deserves a notification.
    static bool worthNotifying(HealthStatus from, HealthStatus to);

Q_SIGNALS:
    void notified(const QString &title, const QString &message);

private:
    void onTransition(const QString &service, HealthStatus from, HealthStatus to, const QString &reason);

    QSystemTrayIcon *m_tray;
    QPointer<HealthModel> m_model;
    bool m_enabled = true;
};

} // namespace opsdeck
