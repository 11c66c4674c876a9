#include "dashboards/variable_bar.h"

#include "prometheus/variable_resolver.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace opsdeck {

namespace {

const QString allData = QStringLiteral("$__all");

} // namespace

VariableBar::VariableBar(QWidget *parent)
    : QWidget(parent), m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    hide();
}

void VariableBar::setResolver(VariableResolver *resolver)
{
    if (m_resolver)
        disconnect(m_resolver, nullptr, this, nullptr);
    m_resolver = resolver;
    if (resolver)
        // Queued: a picker is rebuilt after the click that changed it has been handled,
        // never while its own menu action or list is still emitting.
        connect(resolver, &VariableResolver::optionsChanged, this, &VariableBar::updatePicker, Qt::QueuedConnection);
    rebuild();
}

void VariableBar::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_pickers.clear();
    bool any = false;
    if (m_resolver) {
        for (const DashboardVariable &v : m_resolver->variables()) {
            if (v.hidden)
                continue;
            any = true;
            auto *label = new QLabel(v.displayName() + u':', this);
            m_layout->addWidget(label);
            QWidget *picker = nullptr;
            const QString name = v.name;
            if (v.kind == DashboardVariable::Kind::Textbox) {
                auto *edit = new QLineEdit(this);
                connect(edit, &QLineEdit::editingFinished, this, [this, edit, name] {
                    if (m_resolver)
                        m_resolver->select(name, {edit->text()});
                });
                picker = edit;
            } else if (v.multi) {
                auto *button = new QToolButton(this);
                button->setPopupMode(QToolButton::InstantPopup);
                button->setMenu(new QMenu(button));
                picker = button;
            } else {
                auto *combo = new QComboBox(this);
                combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
                combo->setMaximumWidth(280);
                connect(combo, &QComboBox::activated, this, [this, combo, name](int index) {
                    if (!m_resolver)
                        return;
                    const QString value = combo->itemData(index).toString();
                    if (value == allData)
                        m_resolver->selectAll(name);
                    else
                        m_resolver->select(name, {value});
                });
                picker = combo;
            }
            picker->setObjectName(QStringLiteral("variable_%1").arg(name));
            label->setBuddy(picker);
            m_layout->addWidget(picker);
            m_layout->addSpacing(8);
            m_pickers.insert(name, picker);
            updatePicker(name);
        }
    }
    m_layout->addStretch(1);
    setVisible(any);
}

void VariableBar::updatePicker(const QString &name)
{
    QWidget *picker = m_pickers.value(name);
    if (!picker || !m_resolver)
        return;
    const DashboardVariable *variable = nullptr;
    for (const DashboardVariable &v : m_resolver->variables()) {
        if (v.name == name)
            variable = &v;
    }
    const QStringList options = m_resolver->options(name);
    const QStringList selected = m_resolver->selection(name);
    const bool all = m_resolver->isAllSelected(name);
    const QString error = m_resolver->error(name);
    const bool resolving = m_resolver->isResolving(name);
    QString tip = variable->kind == DashboardVariable::Kind::Query ? variable->query : QString();
    if (!error.isEmpty())
        tip = tr("No values: %1").arg(error) + u'\n' + tip;
    picker->setToolTip(tip.trimmed());

    if (auto *edit = qobject_cast<QLineEdit *>(picker)) {
        if (!edit->hasFocus())
            edit->setText(selected.value(0));
        return;
    }
    if (auto *combo = qobject_cast<QComboBox *>(picker)) {
        const QSignalBlocker blocker(combo);
        combo->clear();
        if (resolving && options.isEmpty()) {
            combo->addItem(tr("loading…"));
            combo->setEnabled(false);
            return;
        }
        if (options.isEmpty()) {
            combo->addItem(error.isEmpty() ? tr("(no values)") : tr("(unavailable)"));
            combo->setEnabled(false);
            return;
        }
        combo->setEnabled(true);
        if (variable->includeAll)
            combo->addItem(tr("All"), allData);
        for (const QString &o : options)
            combo->addItem(o, o);
        combo->setCurrentIndex(all ? 0 : std::max(0, combo->findData(selected.value(0))));
        return;
    }
    auto *button = qobject_cast<QToolButton *>(picker);
    QMenu *menu = button->menu();
    menu->clear();
    button->setEnabled(!options.isEmpty());
    if (options.isEmpty()) {
        button->setText(resolving ? tr("loading…") : error.isEmpty() ? tr("(no values)") : tr("(unavailable)"));
        return;
    }
    button->setText(all ? tr("All") : selected.isEmpty() ? tr("(none)") : selected.join(QStringLiteral(" + ")));
    if (variable->includeAll) {
        QAction *everything = menu->addAction(tr("All"));
        everything->setCheckable(true);
        everything->setChecked(all);
        connect(everything, &QAction::triggered, this, [this, name] {
            if (m_resolver)
                m_resolver->selectAll(name);
        });
        menu->addSeparator();
    }
    for (const QString &o : options) {
        QAction *action = menu->addAction(o);
        action->setCheckable(true);
        action->setChecked(!all && selected.contains(o));
        connect(action, &QAction::triggered, this, [this, name, o](bool checked) {
            if (!m_resolver)
                return;
            QStringList now = m_resolver->isAllSelected(name) ? QStringList() : m_resolver->selection(name);
            if (checked && !now.contains(o))
                now << o;
            else if (!checked)
                now.removeAll(o);
            if (now.isEmpty()) {
                // At least one value stays chosen, as in Grafana: check it again, once this click is done.
                QMetaObject::invokeMethod(this, [this, name] { updatePicker(name); }, Qt::QueuedConnection);
                return;
            }
            m_resolver->select(name, now);
        });
    }
}

} // namespace opsdeck
