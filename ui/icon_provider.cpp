#include "icon_provider.h"

#include <QFont>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace opsdeck {

namespace {

// The sizes resources/ carries; the window, the task bar and the tray pick among them.
constexpr int iconSizes[] = {16, 22, 24, 32, 48, 64, 128, 256};

QPixmap iconPixmap(int size)
{
    return QPixmap(QStringLiteral(":/icons/opsdeck-%1.png").arg(size));
}

} // namespace

QIcon badgedAppIcon(int count, const QColor &color)
{
    if (count <= 0)
        return appIcon();
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap = iconPixmap(size);
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
        for (int size : iconSizes)
            i.addPixmap(iconPixmap(size));
        return i;
    }();
    return icon;
}

} // namespace opsdeck
