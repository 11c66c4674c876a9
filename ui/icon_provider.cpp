#include "icon_provider.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <algorithm>

namespace opsdeck {

namespace {

QPixmap drawIcon(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    QPainterPath tile;
    tile.addRoundedRect(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92), s * 0.2, s * 0.2);
    p.fillPath(tile, QColor(0x1e, 0x2a, 0x3a));
    // A pulse line: the heartbeat every ops console watches.
    QPainterPath pulse;
    pulse.moveTo(s * 0.14, s * 0.56);
    pulse.lineTo(s * 0.36, s * 0.56);
    pulse.lineTo(s * 0.45, s * 0.28);
    pulse.lineTo(s * 0.56, s * 0.76);
    pulse.lineTo(s * 0.64, s * 0.50);
    pulse.lineTo(s * 0.86, s * 0.50);
    QPen pen(QColor(0x4c, 0xd1, 0x7a), std::max(1.5, s * 0.08), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.drawPath(pulse);
    return pixmap;
}

} // namespace

QIcon badgedAppIcon(int count, const QColor &color)
{
    if (count <= 0)
        return appIcon();
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap = drawIcon(size);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal d = size * 0.58;
        const QRectF disc = QRectF(size - d, size - d, d, d).adjusted(0.5, 0.5, -0.5, -0.5);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(disc);
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(std::max(6, int(d * (count > 99 ? 0.4 : count > 9 ? 0.55 : 0.72))));
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(disc, Qt::AlignCenter, count > 99 ? QStringLiteral("99+") : QString::number(count));
        icon.addPixmap(pixmap);
    }
    return icon;
}

QIcon appIcon()
{
    static const QIcon icon = [] {
        QIcon i;
        for (int size : {16, 22, 32, 48, 64, 128, 256})
            i.addPixmap(drawIcon(size));
        return i;
    }();
    return icon;
}

} // namespace opsdeck
