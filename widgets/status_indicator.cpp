#include "status_indicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

namespace opsdeck {

class StatusIndicator::Dot : public QWidget
{
public:
    explicit Dot(QWidget *parent) : QWidget(parent) { setFixedSize(10, 10); }
    BadgeTone tone = BadgeTone::Muted;

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(badgeColor(tone, palette().color(QPalette::Window).lightness() < 128));
        p.drawEllipse(rect().adjusted(1, 1, -1, -1));
    }
};

StatusIndicator::StatusIndicator(QWidget *parent)
    : QWidget(parent), m_dot(new Dot(this)), m_label(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(5);
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
}

void StatusIndicator::setState(BadgeTone tone, const QString &text, const QString &toolTip)
{
    m_tone = tone;
    m_dot->tone = tone;
    m_dot->update();
    m_label->setText(text);
    setToolTip(toolTip);
}

QString StatusIndicator::text() const
{
    return m_label->text();
}

} // namespace opsdeck
