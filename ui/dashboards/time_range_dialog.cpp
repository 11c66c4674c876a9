#include "dashboards/time_range_dialog.h"

#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPushButton>

namespace opsdeck {

TimeRangeDialog::TimeRangeDialog(qint64 fromMs, qint64 toMs, QWidget *parent)
    : QDialog(parent),
      m_from(new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(fromMs), this)),
      m_to(new QDateTimeEdit(QDateTime::fromMSecsSinceEpoch(toMs), this))
{
    setWindowTitle(tr("Custom time range"));
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setDisplayFormat(format);
        edit->setCalendarPopup(true);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto validate = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(m_from->dateTime() < m_to->dateTime());
    };
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, validate);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("From:"), m_from);
    form->addRow(tr("To:"), m_to);
    form->addRow(buttons);
    validate();
}

qint64 TimeRangeDialog::fromMs() const
{
    return m_from->dateTime().toMSecsSinceEpoch();
}

qint64 TimeRangeDialog::toMs() const
{
    return m_to->dateTime().toMSecsSinceEpoch();
}

} // namespace opsdeck
