#include "status_badge_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace opsdeck {

namespace {
constexpr int horizontalPadding = 8;
constexpr int verticalMargin = 3;

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}
} // namespace

StatusBadgeDelegate::StatusBadgeDelegate(LookFunction look, QObject *parent)
    : QStyledItemDelegate(parent), m_look(std::move(look))
{
}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    // Selection and focus backgrounds as the style draws them, then the badge on top.
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;

    const Look look = m_look(index);
    const bool dark = isDark(option.palette);
    QFont font = option.font;
    font.setBold(!look.faded);
    font.setItalic(look.faded);
    const QFontMetrics fm(font);
    // +2: elidedText() rounds differently from horizontalAdvance() and would cut a word that fits.
    const int width = std::min(fm.horizontalAdvance(text) + 2 * horizontalPadding + 2, option.rect.width() - 4);
    QRect badge(option.rect.left() + 4, option.rect.top() + verticalMargin, width,
                option.rect.height() - 2 * verticalMargin);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(badge, badge.height() / 2.0, badge.height() / 2.0);
    QColor fill = badgeColor(look.tone, dark);
    if (look.faded)
        fill.setAlpha(110);
    painter->fillPath(path, fill);
    if (look.faded) {
        // Hatching says "this is old news" without relying on colour alone.
        painter->setClipPath(path);
        painter->fillRect(badge, QBrush(badgeTextColor(look.tone, dark), Qt::BDiagPattern));
    }
    painter->setClipping(false);
    painter->setPen(badgeTextColor(look.tone, dark));
    painter->setFont(font);
    const QRect textRect = badge.adjusted(horizontalPadding, 0, -horizontalPadding, 0);
    painter->drawText(textRect, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, textRect.width() + 2));
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QFont bold = option.font;
    bold.setBold(true);
    const QString text = index.data(Qt::DisplayRole).toString();
    size.setWidth(QFontMetrics(bold).horizontalAdvance(text) + 2 * horizontalPadding + 12);
    size.setHeight(std::max(size.height(), QFontMetrics(option.font).height() + 2 * verticalMargin + 4));
    return size;
}

} // namespace opsdeck
