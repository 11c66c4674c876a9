#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

namespace opsdeck {

// Every persisted GUI setting, typed, with its key and default in one place.
class AppSettings
{
public:
    // The dock layout's format; bump it when panels change so old layouts fall back.
    static constexpr int layoutVersion = 2;  // 2: the Dashboards dock

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
    QString lastProfile() const;
    void setLastProfile(const QString &profile);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace opsdeck
