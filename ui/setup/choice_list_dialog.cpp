#include "setup/choice_list_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace opsdeck {

ChoiceListDialog::ChoiceListDialog(const QString &title, const QString &intro, const QList<Item> &items, bool exclusive,
                                   QWidget *parent)
    : QDialog(parent), m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("ChoiceListDialog"));
    setWindowTitle(title);
    auto *label = new QLabel(intro, this);
    label->setWordWrap(true);
    m_list->setAccessibleName(title);
    for (const Item &item : items) {
        auto *row = new QListWidgetItem(item.text, m_list);
        row->setToolTip(item.detail);
        row->setFlags(row->flags() | Qt::ItemIsUserCheckable);
        row->setCheckState(item.ticked ? Qt::Checked : Qt::Unchecked);
    }
    if (exclusive) {
        // Ticking one unticks the others: a profile watches one cluster.
        connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *changed) {
            if (changed->checkState() != Qt::Checked)
                return;
            const QSignalBlocker block(m_list);
            for (int i = 0; i < m_list->count(); ++i) {
                if (m_list->item(i) != changed)
                    m_list->item(i)->setCheckState(Qt::Unchecked);
            }
        });
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *add = buttons->addButton(tr("Add the ticked ones"), QDialogButtonBox::AcceptRole);
    add->setEnabled(!items.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(560, 380);
}

QList<int> ChoiceListDialog::chosen() const
{
    QList<int> out;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            out << i;
    }
    return out;
}

} // namespace opsdeck
