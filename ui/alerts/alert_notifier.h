#pragma once

#include "alerts/alerts.h"

#include <QHash>
#include <QObject>
#include <QSet>

class QSystemTrayIcon;

namespace opsdeck {

// Desktop notifications for alerts: a new firing alert of a chosen severity
// (critical and warning by default), and an acknowledged alert that resolves.
// Each source's first answer is its baseline, so opening the console raises
// no storm; several new alerts in one poll make one notification. "Do not
// disturb" silences all of it; a sound is optional.
class AlertNotifier : public QObject
{
    Q_OBJECT
public:
    explicit AlertNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

    void setSeverities(const QSet<QString> &severities) { m_severities = severities; }
    void setDoNotDisturb(bool on) { m_doNotDisturb = on; }
    bool doNotDisturb() const { return m_doNotDisturb; }
    void setSound(bool on) { m_sound = on; }
    // Forget every baseline (a new profile).
    void reset();

    void onSnapshot(const AlertSnapshot &snapshot);

Q_SIGNALS:
    void notified(const QString &title, const QString &message);

private:
    void notify(const QString &title, const QString &message, bool critical);

    QSystemTrayIcon *m_tray;
    QSet<QString> m_severities{QStringLiteral("critical"), QStringLiteral("warning")};
    bool m_doNotDisturb = false;
    bool m_sound = false;
    struct Known {
        QSet<QString> keys;                 // alerts seen, so each notifies once
        QHash<QString, QString> acked;      // key → who acknowledged it, on the last poll
        QHash<QString, QString> names;      // key → "alertname on target", for the resolved notice
    };
    QHash<QString, Known> m_sources;        // absent until a source's first good answer
};

} // namespace opsdeck
