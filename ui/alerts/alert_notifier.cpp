#include "alerts/alert_notifier.h"

#include "alerts/alert_sources.h"

#include <QApplication>
#include <QSystemTrayIcon>

namespace opsdeck {

AlertNotifier::AlertNotifier(QSystemTrayIcon *tray, QObject *parent) : QObject(parent), m_tray(tray) {}

void AlertNotifier::reset()
{
    m_sources.clear();
}

void AlertNotifier::onSnapshot(const AlertSnapshot &snapshot)
{
    if (!snapshot.ok)
        return;  // a failed poll says nothing about the alerts
    const bool baseline = !m_sources.contains(snapshot.source);
    Known &known = m_sources[snapshot.source];
    QStringList fresh;
    bool critical = false;
    QSet<QString> present;
    QHash<QString, QString> acked;
    QHash<QString, QString> names;
    for (const Alert &a : snapshot.alerts) {
        const QString key = a.fingerprint;
        present.insert(key);
        const QString target = a.target();
        names.insert(key, target.isEmpty() ? a.name() : tr("%1 on %2").arg(a.name(), target));
        if (const Silence *ack = acknowledgementOf(a, snapshot.silences))
            acked.insert(key, ack->createdBy);
        if (known.keys.contains(key))
            continue;
        known.keys.insert(key);
        // Pending alerts may never fire; silenced ones are someone's already.
        if (baseline || a.state != AlertState::Firing || !m_severities.contains(a.severity().toLower()))
            continue;
        critical |= a.severity().compare(QLatin1String("critical"), Qt::CaseInsensitive) == 0;
        QString line = tr("%1: %2").arg(a.severity().toUpper(), names.value(key));
        const std::string summary = a.annotation("summary");
        if (!summary.empty())
            line += QStringLiteral(" — ") + QString::fromStdString(summary);
        fresh << line;
    }
    QStringList resolved;
    for (auto it = known.acked.cbegin(); it != known.acked.cend(); ++it) {
        if (!present.contains(it.key()))
            resolved << tr("%1 (acknowledged by %2)").arg(known.names.value(it.key()), it.value());
    }
    // Keys of alerts that went away may fire again later and deserve a new notice.
    for (auto it = known.keys.begin(); it != known.keys.end();) {
        if (!present.contains(*it))
            it = known.keys.erase(it);
        else
            ++it;
    }
    known.acked = acked;
    known.names = names;

    if (!fresh.isEmpty()) {
        const QString title = fresh.size() == 1 ? tr("New alert") : tr("%n new alerts", nullptr, int(fresh.size()));
        QStringList shown = fresh.mid(0, 5);
        if (fresh.size() > 5)
            shown << tr("…and %n more", nullptr, int(fresh.size() - 5));
        notify(title, shown.join(u'\n'), critical);
    }
    if (!resolved.isEmpty())
        notify(tr("Resolved"), resolved.join(u'\n'), false);
}

void AlertNotifier::notify(const QString &title, const QString &message, bool critical)
{
    if (m_doNotDisturb)
        return;
    Q_EMIT notified(title, message);
    if (m_tray && QSystemTrayIcon::isSystemTrayAvailable() && m_tray->isVisible())
        m_tray->showMessage(title, message, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning, 15000);
    if (m_sound)
        QApplication::beep();
}

} // namespace opsdeck
