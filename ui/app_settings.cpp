#include "app_settings.h"

namespace opsdeck {

namespace Key {
const QString geometry = QStringLiteral("MainWindow/geometry");
const QString state = QStringLiteral("MainWindow/state.v%1").arg(AppSettings::layoutVersion);
const QString locked = QStringLiteral("MainWindow/panelsLocked");
const QString notifyHealth = QStringLiteral("Notifications/healthChanges");
const QString lastProfile = QStringLiteral("Session/lastProfile");
const QString theme = QStringLiteral("Appearance/theme");
const QString language = QStringLiteral("Appearance/language");
const QString alertSeverities = QStringLiteral("Notifications/alertSeverities");
const QString alertSound = QStringLiteral("Notifications/alertSound");
const QString doNotDisturb = QStringLiteral("Notifications/doNotDisturb");
} // namespace Key

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString &fileName)
    : m_settings(fileName, QSettings::IniFormat)
{
}

QByteArray AppSettings::windowGeometry() const { return m_settings.value(Key::geometry).toByteArray(); }
void AppSettings::setWindowGeometry(const QByteArray &g) { m_settings.setValue(Key::geometry, g); }
QByteArray AppSettings::windowState() const { return m_settings.value(Key::state).toByteArray(); }
void AppSettings::setWindowState(const QByteArray &s) { m_settings.setValue(Key::state, s); }
bool AppSettings::panelsLocked() const { return m_settings.value(Key::locked, false).toBool(); }
void AppSettings::setPanelsLocked(bool locked) { m_settings.setValue(Key::locked, locked); }
bool AppSettings::notifyHealthChanges() const { return m_settings.value(Key::notifyHealth, true).toBool(); }
void AppSettings::setNotifyHealthChanges(bool enabled) { m_settings.setValue(Key::notifyHealth, enabled); }
QStringList AppSettings::alertSeverities() const
{
    return m_settings.value(Key::alertSeverities, QStringList{QStringLiteral("critical"), QStringLiteral("warning")}).toStringList();
}
void AppSettings::setAlertSeverities(const QStringList &severities) { m_settings.setValue(Key::alertSeverities, severities); }
bool AppSettings::alertSound() const { return m_settings.value(Key::alertSound, false).toBool(); }
void AppSettings::setAlertSound(bool on) { m_settings.setValue(Key::alertSound, on); }
bool AppSettings::doNotDisturb() const { return m_settings.value(Key::doNotDisturb, false).toBool(); }
void AppSettings::setDoNotDisturb(bool on) { m_settings.setValue(Key::doNotDisturb, on); }
QString AppSettings::lastProfile() const { return m_settings.value(Key::lastProfile).toString(); }
void AppSettings::setLastProfile(const QString &profile) { m_settings.setValue(Key::lastProfile, profile); }
QString AppSettings::theme() const { return m_settings.value(Key::theme, QStringLiteral("system")).toString(); }
void AppSettings::setTheme(const QString &theme) { m_settings.setValue(Key::theme, theme); }
QString AppSettings::language() const { return m_settings.value(Key::language).toString(); }
void AppSettings::setLanguage(const QString &language) { m_settings.setValue(Key::language, language); }

} // namespace opsdeck
