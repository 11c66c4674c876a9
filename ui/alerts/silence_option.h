#pragma once

// "Silence in Alertmanager during the …:" and the matchers beside it, for the
// dialogs of actions that are expected to set alerts off (a restore, a
// rollout). Hidden when the profile has no Alertmanager. The matchers follow a
// default (the action's target) until the operator writes their own.

#include "alerts/silence_matchers.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLineEdit;

namespace opsdeck {

class SilenceOption : public QWidget
{
    Q_OBJECT
public:
    SilenceOption(const QString &label, bool available, QWidget *parent = nullptr);

    QCheckBox *box() const { return m_box; }
    QLineEdit *edit() const { return m_matchers; }
    // The matchers shown until the operator edits them.
    void setDefaultMatchers(const QString &matchers);
    // What to silence: empty when not asked (or not available) or when the matchers do not parse.
    std::vector<SilenceMatcher> matchers() const;
    // Why the option holds the action back ("The alerts to silence: …"); empty when it does not.
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    QCheckBox *m_box;
    QLineEdit *m_matchers;
    bool m_available;
};

} // namespace opsdeck
