#include "badge_tone.h"

namespace opsdeck {

QColor badgeColor(BadgeTone tone, bool dark)
{
    switch (tone) {
    case BadgeTone::Good: return dark ? QColor(0x2e, 0x8b, 0x57) : QColor(0x2f, 0x9e, 0x44);
    case BadgeTone::Warning: return dark ? QColor(0xc7, 0x8c, 0x10) : QColor(0xe0, 0x9f, 0x1f);
    case BadgeTone::Bad: return dark ? QColor(0xd0, 0x4a, 0x3a) : QColor(0xd9, 0x48, 0x3b);
    case BadgeTone::Critical: return dark ? QColor(0x9b, 0x1c, 0x8c) : QColor(0x8e, 0x24, 0xaa);
    case BadgeTone::Muted: return dark ? QColor(0x55, 0x5a, 0x60) : QColor(0xb0, 0xb5, 0xba);
    case BadgeTone::Neutral: break;
    }
    return dark ? QColor(0x4a, 0x6f, 0x9c) : QColor(0x5b, 0x7d, 0xb1);
}

QColor badgeTextColor(BadgeTone tone, bool dark)
{
    if (tone == BadgeTone::Warning)
        return QColor(0x1f, 0x1a, 0x00);
    if (tone == BadgeTone::Muted && !dark)
        return QColor(0x20, 0x24, 0x28);
    return Qt::white;
}

} // namespace opsdeck
