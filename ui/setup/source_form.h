#pragma once

#include "setup/profile_sources.h"

#include <QHash>
#include <QWidget>

class QFormLayout;

namespace opsdeck {

// The fields of one source, built from its kind's field list: a line edit, a
// spin box, a check box, a choice or a file, each with its label as accessible name.
class SourceForm : public QWidget
{
    Q_OBJECT
public:
    explicit SourceForm(QWidget *parent = nullptr);

    void setSource(const ProfileSource &source);
    // The fields as they are now, in the source's kind.
    ProfileSource source() const;
    QWidget *fieldWidget(const QString &key) const { return m_widgets.value(key); }

Q_SIGNALS:
    void edited();

private:
    QWidget *makeField(const SourceField &field);
    ProfileSource::Kind m_kind = ProfileSource::Kind::Service;
    QList<SourceField> m_fields;
    QHash<QString, QWidget *> m_widgets;
    QFormLayout *m_layout;
};

} // namespace opsdeck
