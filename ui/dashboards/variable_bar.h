#pragma once

#include <QHash>
#include <QPointer>
#include <QWidget>

class QHBoxLayout;

namespace opsdeck {

class VariableResolver;

// The pickers of a dashboard's variables, as Grafana shows them above its
// panels: a list for a single value, a menu of check boxes for several, a
// text field for a textbox. Each says when its options are being fetched or
// could not be, and why.
class VariableBar : public QWidget
{
    Q_OBJECT
public:
    explicit VariableBar(QWidget *parent = nullptr);

    // Null, or a dashboard without visible variables, hides the bar.
    void setResolver(VariableResolver *resolver);
    // The picker of a variable (QComboBox, QToolButton or QLineEdit), for tests.
    QWidget *picker(const QString &name) const { return m_pickers.value(name); }

private:
    void rebuild();
    void updatePicker(const QString &name);

    QPointer<VariableResolver> m_resolver;
    QHBoxLayout *m_layout;
    QHash<QString, QWidget *> m_pickers;
};

} // namespace opsdeck
