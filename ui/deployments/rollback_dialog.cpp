#include "rollback_dialog.h"

#include "alerts/silence_option.h"
#include "deploy/docker_rollout.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace opsdeck {

RollbackDialog::RollbackDialog(const Deployment &deployment, const QList<DockerContainer> &replicas, const QList<DeployChange> &history,
                               bool canSilence, QWidget *parent)
    : QDialog(parent), m_deployment(deployment), m_replicas(replicas)
{
    setWindowTitle(tr("Roll back %1").arg(deployment.name));
    setObjectName(QStringLiteral("rollbackDialog"));
    for (auto it = history.crbegin(); it != history.crend(); ++it) {
        if (it->kind == DeployChange::Kind::Deploy && !it->fromImage.isEmpty() && !deployment.images.contains(it->fromImage)
            && !m_candidates.contains(it->fromImage))
            m_candidates << it->fromImage;
    }
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *now = new QLabel(deployment.images.join(QLatin1String(", ")), this);
    now->setObjectName(QStringLiteral("rollbackCurrent"));
    now->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Runs now:"), now);
    m_image = new QComboBox(this);
    m_image->setObjectName(QStringLiteral("rollbackImage"));
    m_image->setEditable(true);
    m_image->addItems(m_candidates);
    m_image->setMinimumContentsLength(32);
    m_image->setToolTip(tr("The image to run: one this service ran before, or any other reference the engine has"));
    form->addRow(tr("Roll back to:"), m_image);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("rollbackReason"));
    m_reason->setPlaceholderText(tr("Why, for the audit log (e.g. p95 doubled after 1.4.3)"));
    form->addRow(tr("Reason:"), m_reason);
    layout->addLayout(form);
    m_plan = new QLabel(this);
    m_plan->setObjectName(QStringLiteral("rollbackPlan"));
    m_plan->setWordWrap(true);
    m_plan->setTextFormat(Qt::RichText);
    m_plan->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_plan);
    // The rollout window sets the service's alerts off (a replica down, a health check starting):
    // an acknowledgement for its length, expired when it ends.
    m_silence = new SilenceOption(tr("Silence in Alertmanager during the rollback:"), canSilence, this);
    m_silence->setDefaultMatchers(QStringLiteral("service=\"%1\"").arg(deployment.service));
    layout->addWidget(m_silence);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_go = m_buttons->addButton(tr("Roll back"), QDialogButtonBox::AcceptRole);
    m_go->setObjectName(QStringLiteral("rollbackGo"));
    m_go->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_image, &QComboBox::currentTextChanged, this, &RollbackDialog::updatePlan);
    connect(m_silence, &SilenceOption::changed, this, &RollbackDialog::updatePlan);
    updatePlan();
}

QString RollbackDialog::image() const
{
    return m_image->currentText().trimmed();
}

QString RollbackDialog::reason() const
{
    return m_reason->text().trimmed();
}

std::vector<SilenceMatcher> RollbackDialog::silenceMatchers() const
{
    return m_silence->matchers();
}

void RollbackDialog::setImage(const QString &image)
{
    m_image->setCurrentText(image);
}

void RollbackDialog::updatePlan()
{
    const QString target = image();
    const bool same = m_deployment.images.size() == 1 && m_deployment.images.first() == target;
    const QString silenceProblem = m_silence->problem();
    m_go->setEnabled(!target.isEmpty() && !same && silenceProblem.isEmpty());
    m_go->setToolTip(silenceProblem);
    if (target.isEmpty()) {
        m_plan->setText(m_candidates.isEmpty() ? tr("No earlier image of %1 is known yet: type the image to run.")
                                                     .arg(m_deployment.name.toHtmlEscaped())
                                               : tr("Pick the image to run."));
        return;
    }
    if (same) {
        m_plan->setText(tr("%1 already runs %2.").arg(m_deployment.name.toHtmlEscaped(), target.toHtmlEscaped()));
        return;
    }
    DockerRolloutRequest request;
    request.kind = DockerRolloutRequest::Kind::Rollback;
    request.deployment = m_deployment.name;
    request.fromImage = m_deployment.images.value(0);
    request.toImage = target;
    QString html = tr("<b>What will change, one replica at a time:</b>") + QStringLiteral("<ol>");
    for (const QString &line : DockerRollout::plan(request, m_replicas))
        html += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    html += QStringLiteral("</ol>");
    m_plan->setText(html);
}

} // namespace opsdeck
