#include "setup/source_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

namespace opsdeck {

SourceForm::SourceForm(QWidget *parent) : QWidget(parent), m_layout(new QFormLayout(this))
{
    m_layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
}

QWidget *SourceForm::makeField(const SourceField &field)
{
    switch (field.type) {
    case SourceField::Type::Number: {
        auto *spin = new QSpinBox(this);
        spin->setRange(field.min, field.max);
        connect(spin, &QSpinBox::valueChanged, this, &SourceForm::edited);
        return spin;
    }
    case SourceField::Type::Bool: {
        auto *check = new QCheckBox(this);
        connect(check, &QCheckBox::toggled, this, &SourceForm::edited);
        return check;
    }
    case SourceField::Type::Choice: {
        auto *combo = new QComboBox(this);
        for (const QString &choice : field.choices)
            combo->addItem(choice.isEmpty() ? tr("(libpq's default)") : choice, choice);
        connect(combo, &QComboBox::currentIndexChanged, this, &SourceForm::edited);
        return combo;
    }
    case SourceField::Type::File:
    case SourceField::Type::Folder: {
        // A line edit the value lives in, and a button that browses for it.
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(field.placeholder);
        connect(edit, &QLineEdit::textEdited, this, &SourceForm::edited);
        auto *browse = new QToolButton(this);
        browse->setText(tr("Browse…"));
        browse->setAccessibleName(tr("Browse for %1").arg(field.label));
        const bool folder = field.type == SourceField::Type::Folder;
        connect(browse, &QToolButton::clicked, this, [this, edit, folder, label = field.label] {
            const QString chosen = folder ? QFileDialog::getExistingDirectory(this, label, edit->text())
                                          : QFileDialog::getOpenFileName(this, label, edit->text());
            if (!chosen.isEmpty()) {
                edit->setText(chosen);
                Q_EMIT edited();
            }
        });
        auto *row = new QWidget(this);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(edit, 1);
        layout->addWidget(browse);
        row->setProperty("edit", QVariant::fromValue(static_cast<QObject *>(edit)));
        edit->setAccessibleName(field.label);
        return row;
    }
    case SourceField::Type::Password: {
        auto *edit = new QLineEdit(this);
        edit->setEchoMode(QLineEdit::Password);
        edit->setPlaceholderText(field.placeholder);
        connect(edit, &QLineEdit::textEdited, this, &SourceForm::edited);
        return edit;
    }
    case SourceField::Type::Text:
        break;
    }
    auto *edit = new QLineEdit(this);
    edit->setPlaceholderText(field.placeholder);
    connect(edit, &QLineEdit::textEdited, this, &SourceForm::edited);
    return edit;
}

void SourceForm::setSource(const ProfileSource &source)
{
    // Filling the fields is not an edit: nothing is stored back while they are built.
    const QSignalBlocker quiet(this);
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_widgets.clear();
    m_kind = source.kind;
    m_fields = ProfileSources::fieldsOf(source.kind);
    for (const SourceField &field : std::as_const(m_fields)) {
        QWidget *w = makeField(field);
        w->setObjectName(field.key);
        if (w->accessibleName().isEmpty())
            w->setAccessibleName(field.label);
        const QVariant value = source.fields.value(field.key);
        if (auto *edit = qobject_cast<QLineEdit *>(w))
            edit->setText(value.toString());
        else if (auto *spin = qobject_cast<QSpinBox *>(w))
            spin->setValue(value.toInt());
        else if (auto *check = qobject_cast<QCheckBox *>(w))
            check->setChecked(value.toBool());
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
        else if (auto *inner = qobject_cast<QLineEdit *>(w->property("edit").value<QObject *>()))
            inner->setText(value.toString());
        m_layout->addRow(field.label, w);
        m_widgets.insert(field.key, w);
    }
}

ProfileSource SourceForm::source() const
{
    ProfileSource out{m_kind, {}};
    for (const SourceField &field : m_fields) {
        QWidget *w = m_widgets.value(field.key);
        if (!w)
            continue;
        if (auto *edit = qobject_cast<QLineEdit *>(w))
            out.fields.insert(field.key, edit->text());
        else if (auto *spin = qobject_cast<QSpinBox *>(w))
            out.fields.insert(field.key, spin->value());
        else if (auto *check = qobject_cast<QCheckBox *>(w))
            out.fields.insert(field.key, check->isChecked());
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            out.fields.insert(field.key, combo->currentData().toString());
        else if (auto *inner = qobject_cast<QLineEdit *>(w->property("edit").value<QObject *>()))
            out.fields.insert(field.key, inner->text());
    }
    return out;
}

} // namespace opsdeck
