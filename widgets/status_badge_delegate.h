#pragma once

#include "badge_tone.h"

#include <QStyledItemDelegate>

#include <functional>

namespace opsdeck {

// Paints a cell as a rounded badge: the cell's text on a colour chosen by a
// tone function the owner supplies, so the delegate knows no backend. A cell
// the tone function marks "faded" (stale data) is drawn hatched and dimmed.
class StatusBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    struct Look {
        BadgeTone tone = BadgeTone::Neutral;
        bool faded = false;
    };
    using LookFunction = std::function<Look(const QModelIndex &)>;

    explicit StatusBadgeDelegate(LookFunction look, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    LookFunction m_look;
};

} // namespace opsdeck
