#include "badge_tone.h"

#include <QGuiApplication>
#include <QPalette>

namespace opsdeck {

QColor badgeColor(BadgeTone tone, bool dark)
{
    switch (tone) {
    case BadgeTone::Good: return dark ? QColor(0x28, 0x7a, 0x4c) : QColor(0x22, 0x80, 0x3a);
    case BadgeTone::Warning: return dark ? QColor(0xc7, 0x8c, 0x10) : QColor(0xe0, 0x9f, 0x1f);
    case BadgeTone::Bad: return dark ? QColor(0xb9, 0x3a, 0x2c) : QColor(0xc0, 0x39, 0x2b);
    case BadgeTone::Critical: return dark ? QColor(0x9b, 0x1c, 0x8c) : QColor(0x8e, 0x24, 0xaa);
    case BadgeTone::Muted: return dark ? QColor(0x55, 0x5a, 0x60) : QColor(0xb0, 0xb5, 0xba);
    case BadgeTone::Neutral: break;
    }
    return dark ? QColor(0x4a, 0x6f, 0x9c) : QColor(0x4a, 0x6a, 0x9c);
}

QColor badgeTextColor(BadgeTone tone, bool dark)
{
    if (tone == BadgeTone::Warning)
        return QColor(0x1f, 0x1a, 0x00);
    if (tone == BadgeTone::Muted && !dark)
        return QColor(0x20, 0x24, 0x28);
    return Qt::white;
}

QColor toneTextColor(BadgeTone tone, bool dark)
{
    switch (tone) {
    case BadgeTone::Good: return dark ? QColor(0x5c, 0xc2, 0x7e) : QColor(0x1a, 0x6e, 0x2e);
    case BadgeTone::Warning: return dark ? QColor(0xe8, 0xb0, 0x3a) : QColor(0x93, 0x59, 0x00);
    case BadgeTone::Bad: return dark ? QColor(0xf0, 0x6e, 0x5e) : QColor(0xc6, 0x28, 0x28);
    case BadgeTone::Critical: return dark ? QColor(0xd0, 0x7a, 0xe0) : QColor(0x8e, 0x24, 0xaa);
    case BadgeTone::Muted: return dark ? QColor(0x9a, 0xa0, 0xa6) : QColor(0x66, 0x66, 0x66);
    case BadgeTone::Neutral: break;
    }
    return dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x56, 0xb0);
}

bool isDarkPalette()
{
    const QPalette palette = QGuiApplication::palette();
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor toneTextColor(BadgeTone tone)
{
    return toneTextColor(tone, isDarkPalette());
}

QString toneTextHtml(BadgeTone tone)
{
    return toneTextColor(tone).name(QColor::HexRgb);
}

} // namespace opsdeck
