#include "silence_option.h"

#include "metrics/label_matcher.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLineEdit>

namespace opsdeck {

SilenceOption::SilenceOption(const QString &label, bool available, QWidget *parent)
    : QWidget(parent), m_available(available)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_box = new QCheckBox(label, this);
    m_box->setObjectName(QStringLiteral("silenceAlerts"));
    m_matchers = new QLineEdit(this);
    m_matchers->setObjectName(QStringLiteral("silenceMatchers"));
    m_matchers->setToolTip(tr("Matchers in Alertmanager's syntax, e.g. service=\"api\" or alertname=~\"Database.*\""));
    row->addWidget(m_box);
    row->addWidget(m_matchers, 1);
    setVisible(available);
    connect(m_box, &QCheckBox::toggled, this, &SilenceOption::changed);
    connect(m_matchers, &QLineEdit::textChanged, this, &SilenceOption::changed);
}

void SilenceOption::setDefaultMatchers(const QString &matchers)
{
    if (!m_matchers->isModified())
        m_matchers->setText(matchers);
}

std::vector<SilenceMatcher> SilenceOption::matchers() const
{
    // Asked after the dialog closed: whether the option was offered, not whether it shows now.
    if (!m_available || !m_box->isChecked())
        return {};
    const MatcherParse parsed = parseMatchers(m_matchers->text());
    return parsed.error.isEmpty() ? fromLabelMatchers(parsed.matchers) : std::vector<SilenceMatcher>();
}

QString SilenceOption::problem() const
{
    if (!m_available || !m_box->isChecked())
        return {};
    const MatcherParse parsed = parseMatchers(m_matchers->text());
    if (!parsed.error.isEmpty() || parsed.matchers.empty())
        return tr("The alerts to silence: %1").arg(parsed.error.isEmpty() ? tr("no matcher") : parsed.error);
    return {};
}

} // namespace opsdeck
