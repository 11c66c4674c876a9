#include "kube_rollback_dialog.h"

#include "alerts/silence_option.h"
#include "badge_tone.h"
#include "diff_view.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace opsdeck {

KubeRollbackDialog::KubeRollbackDialog(const Deployment &row, const KubeDeployment &deployment, const QList<KubeRevision> &revisions,
                                       bool canSilence, QWidget *parent)
    : QDialog(parent), m_row(row), m_deployment(deployment), m_revisions(revisions)
{
    setWindowTitle(tr("Roll back %1").arg(row.name));
    setObjectName(QStringLiteral("kubeRollbackDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *now = new QLabel(tr("revision %1: %2").arg(deployment.revision).arg(deployment.images.join(QLatin1String(", "))), this);
    now->setObjectName(QStringLiteral("rollbackCurrent"));
    now->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Runs now:"), now);
    m_revision = new QComboBox(this);
    m_revision->setObjectName(QStringLiteral("rollbackRevision"));
    // Newest first, the one that runs left out; the one before it first, as kubectl rollout undo picks it.
    for (auto it = m_revisions.crbegin(); it != m_revisions.crend(); ++it) {
        if (it->revision == deployment.revision)
            continue;
        const QString when = it->createdMs > 0 ? QDateTime::fromMSecsSinceEpoch(it->createdMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
        QString label = tr("revision %1: %2").arg(it->revision).arg(it->images.join(QLatin1String(", ")));
        if (!it->changeCause.isEmpty())
            label += QStringLiteral(" — ") + it->changeCause;
        if (!when.isEmpty())
            label += QStringLiteral(" (%1)").arg(when);
        m_revision->addItem(label, it->revision);
    }
    form->addRow(tr("Roll back to:"), m_revision);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("rollbackReason"));
    m_reason->setPlaceholderText(tr("Why: kept as the new revision's change-cause and in the audit log"));
    form->addRow(tr("Reason:"), m_reason);
    layout->addLayout(form);

    if (!row.managedBy.isEmpty()) {
        auto *gitops = new QLabel(this);
        gitops->setObjectName(QStringLiteral("rollbackGitOps"));
        gitops->setWordWrap(true);
        gitops->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                            .arg(toneTextHtml(BadgeTone::Warning),
                                 tr("%1 is managed by %2: it will put its own template back unless its sync is paused first. "
                                    "Roll back in Git, or pause the sync, for a rollback that stays.")
                                     .arg(row.name.toHtmlEscaped(), row.managedBy.toHtmlEscaped())));
        layout->addWidget(gitops);
    }
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("rollbackSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_diff = new DiffView(this);
    m_diff->setObjectName(QStringLiteral("rollbackDiff"));
    m_diff->setMinimumSize(560, 220);
    layout->addWidget(m_diff, 1);

    m_silence = new SilenceOption(tr("Silence in Alertmanager during the rollout:"), canSilence, this);
    m_silence->setDefaultMatchers(QStringLiteral("service=\"%1\"").arg(row.service));
    layout->addWidget(m_silence);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_go = buttons->addButton(tr("Roll back"), QDialogButtonBox::AcceptRole);
    m_go->setObjectName(QStringLiteral("rollbackGo"));
    m_go->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_revision, &QComboBox::currentIndexChanged, this, &KubeRollbackDialog::update);
    // Typing the reason or the matchers only decides the button: the diff is the revision's.
    connect(m_reason, &QLineEdit::textChanged, this, &KubeRollbackDialog::updateGo);
    connect(m_silence, &SilenceOption::changed, this, &KubeRollbackDialog::updateGo);
    update();
}

QStringList KubeRollbackDialog::diffLines() const
{
    return m_diff->markedLines();
}

QList<DiffView::Line> kubeDiffLines(const QList<TemplateDiffLine> &lines)
{
    QList<DiffView::Line> out;
    out.reserve(lines.size());
    for (const TemplateDiffLine &l : lines) {
        const auto kind = l.kind == TemplateDiffLine::Kind::Added     ? DiffView::Line::Kind::Added
                          : l.kind == TemplateDiffLine::Kind::Removed ? DiffView::Line::Kind::Removed
                                                                      : DiffView::Line::Kind::Same;
        out.append({kind, l.text});
    }
    return out;
}

qint64 KubeRollbackDialog::toRevision() const
{
    return m_revision->currentData().toLongLong();
}

void KubeRollbackDialog::setRevision(qint64 revision)
{
    const int index = m_revision->findData(revision);
    if (index >= 0)
        m_revision->setCurrentIndex(index);
}

QString KubeRollbackDialog::reason() const
{
    return m_reason->text().trimmed();
}

std::vector<SilenceMatcher> KubeRollbackDialog::silenceMatchers() const
{
    return m_silence->matchers();
}

void KubeRollbackDialog::update()
{
    const KubeRevision *target = nullptr;
    for (const KubeRevision &r : std::as_const(m_revisions)) {
        if (r.revision == toRevision())
            target = &r;
    }
    QString blocker;
    if (m_deployment.paused)
        blocker = tr("%1 is paused: resume it first (a paused Deployment rolls nothing out).").arg(m_row.name);
    else if (!target)
        blocker = tr("%1 keeps no other revision to go back to.").arg(m_row.name);
    else if (templatesMatch(target->podTemplate, m_deployment.podTemplate))
        blocker = tr("Revision %1 has the template that runs now: nothing would change.").arg(target->revision);

    m_diff->setLines(target ? kubeDiffLines(templateDiff(m_deployment.podTemplate, target->podTemplate)) : QList<DiffView::Line>());
    if (target && blocker.isEmpty())
        m_summary->setText(tr("From revision %1 to revision %2: %n line(s) of the pod template change (red goes, green comes). "
                              "The Deployment then rolls out as for any new template.",
                              nullptr, m_diff->changedLines())
                               .arg(m_deployment.revision)
                               .arg(target->revision));
    if (!blocker.isEmpty())
        m_summary->setText(QStringLiteral("<span style=\"color:%1\">%2</span>").arg(toneTextHtml(BadgeTone::Bad), blocker.toHtmlEscaped()));
    m_blocker = blocker;
    updateGo();
}

void KubeRollbackDialog::updateGo()
{
    const QString why = !m_blocker.isEmpty() ? m_blocker
                        : reason().isEmpty() ? tr("Give a reason: it is kept as the new revision's change-cause")
                                             : m_silence->problem();
    m_go->setEnabled(why.isEmpty());
    m_go->setToolTip(why);
}

} // namespace opsdeck
