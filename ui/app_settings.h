#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace opsdeck {

// Every persisted GUI setting, typed, with its key and default in one place.
class AppSettings
{
public:
    // The dock layout's format; bump it when panels change so old layouts fall back.
    static constexpr int layoutVersion = 6;  // 2: the Dashboards dock; 3: the Alerts dock; 4: the Database dock; 5: Backups; 6: Deployments

    AppSettings();
    explicit AppSettings(const QString &fileName);  // for tests

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    bool panelsLocked() const;
    void setPanelsLocked(bool locked);
    bool notifyHealthChanges() const;
    void setNotifyHealthChanges(bool enabled);
    QStringList alertSeverities() const;  // which new alerts notify
    void setAlertSeverities(const QStringList &severities);
    bool alertSound() const;
    void setAlertSound(bool on);
    bool doNotDisturb() const;
    void setDoNotDisturb(bool on);
    QString lastProfile() const;
    void setLastProfile(const QString &profile);
    QString theme() const;  // "system" (the default), "light" or "dark"
    void setTheme(const QString &theme);
    QString language() const;  // "zh_CN", "en"; empty: the system's
    void setLanguage(const QString &language);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace opsdeck
