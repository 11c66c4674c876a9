#pragma once

#include "badge_tone.h"

#include <QWidget>

class QLabel;

namespace opsdeck {

// A coloured dot and a short text, for status bars: "Health: 3 ok, 1 down".
class StatusIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit StatusIndicator(QWidget *parent = nullptr);

    void setState(BadgeTone tone, const QString &text, const QString &toolTip = {});
    BadgeTone tone() const { return m_tone; }
    QString text() const;

private:
    class Dot;
    Dot *m_dot;
    QLabel *m_label;
    BadgeTone m_tone = BadgeTone::Muted;
};

} // namespace opsdeck
