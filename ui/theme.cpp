#include "theme.h"

#include <QApplication>
#include <QGuiApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

namespace opsdeck {

namespace {

// The platform's palette and style as they were before a mode of ours replaced them.
struct Platform {
    QPalette palette;
    QString style;
    bool saved = false;
};

Platform &platform()
{
    static Platform p;
    return p;
}

void savePlatform()
{
    Platform &p = platform();
    if (p.saved)
        return;
    p.palette = QGuiApplication::palette();
    p.style = QApplication::style() ? QApplication::style()->name() : QString();
    p.saved = true;
}

void setStyle(const QString &name)
{
    if (!name.isEmpty() && QApplication::style() && QApplication::style()->name().compare(name, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(name));
}

} // namespace

QString themeModeKey(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::Light: return QStringLiteral("light");
    case ThemeMode::Dark: return QStringLiteral("dark");
    case ThemeMode::System: break;
    }
    return QStringLiteral("system");
}

bool themeModeFromKey(const QString &key, ThemeMode *mode)
{
    for (ThemeMode m : {ThemeMode::System, ThemeMode::Light, ThemeMode::Dark}) {
        if (key.compare(themeModeKey(m), Qt::CaseInsensitive) == 0) {
            *mode = m;
            return true;
        }
    }
    return false;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, QColor(0x1c, 0x1e, 0x21));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf7));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe8));
    p.setColor(QPalette::ToolTipText, QColor(0x1c, 0x1e, 0x21));
    p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x6f, 0x75));
    p.setColor(QPalette::Text, QColor(0x1c, 0x1e, 0x21));
    p.setColor(QPalette::Button, QColor(0xe6, 0xe7, 0xe9));
    p.setColor(QPalette::ButtonText, QColor(0x1c, 0x1e, 0x21));
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x2b, 0x5f, 0xb3));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1a, 0x56, 0xb0));
    p.setColor(QPalette::Mid, QColor(0xc4, 0xc7, 0xcb));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8a, 0x8e, 0x93));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8a, 0x8e, 0x93));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8a, 0x8e, 0x93));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
    p.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x51));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::Mid, QColor(0x4e, 0x52, 0x57));
    p.setColor(QPalette::Dark, QColor(0x17, 0x18, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7a, 0x7e, 0x83));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7a, 0x7e, 0x83));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7a, 0x7e, 0x83));
    return p;
}

void applyTheme(ThemeMode mode)
{
    savePlatform();
    switch (mode) {
    case ThemeMode::System:
        setStyle(platform().style);
        QApplication::setPalette(platform().palette);
        break;
    case ThemeMode::Light:
        setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(lightPalette());
        break;
    case ThemeMode::Dark:
        setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        break;
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    // Qt 6.5 tells when the system's scheme changes: the platform palette then changes
    // with it, which "System" keeps; an explicit choice stays as chosen.
    static QMetaObject::Connection follow;
    QObject::disconnect(follow);
    if (mode == ThemeMode::System) {
        follow = QObject::connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, qApp, [] {
            platform().saved = false;
            QApplication::setPalette(QPalette());
            savePlatform();
        });
    }
#endif
}

} // namespace opsdeck
