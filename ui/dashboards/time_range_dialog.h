#pragma once

#include <QDialog>

class QDateTimeEdit;

namespace opsdeck {

// Asks for a time range (from, to) in local time; "to" must come after "from".
class TimeRangeDialog : public QDialog
{
    Q_OBJECT
public:
    TimeRangeDialog(qint64 fromMs, qint64 toMs, QWidget *parent = nullptr);

    qint64 fromMs() const;
    qint64 toMs() const;

private:
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
};

} // namespace opsdeck
