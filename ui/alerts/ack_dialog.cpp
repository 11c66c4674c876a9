#include "alerts/ack_dialog.h"
#include "badge_tone.h"

#include "alert_model.h"
#include "alerts/ack_rules.h"
#include "alerts/silence_matchers.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

enum DurationChoice { Minutes15, Hour1, Hours4, Custom, UntilResolved };

// "ACK:" alone says nothing: the comment must say why.
bool saysWhy(const QString &comment)
{
    QString rest = comment.trimmed();
    if (rest.startsWith(QLatin1String("ACK"), Qt::CaseInsensitive))
        rest = rest.mid(3);
    while (rest.startsWith(u':') || rest.startsWith(u' '))
        rest = rest.mid(1);
    return !rest.trimmed().isEmpty();
}

} // namespace

AckDialog::AckDialog(Mode mode, const std::vector<Alert> &selected, std::vector<Alert> current, const QString &operatorName,
                     const QStringList &alertmanagers, QWidget *parent)
    : QDialog(parent), m_mode(mode), m_current(std::move(current)), m_operator(operatorName)
{
    setObjectName(QStringLiteral("AckDialog"));
    setWindowTitle(mode == Mode::Acknowledge ? tr("Acknowledge alerts") : tr("New silence"));
    resize(720, 560);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(mode == Mode::Acknowledge
                                 ? tr("An acknowledgement is an Alertmanager silence. One silence per line; each line is a list of matchers such as alertname=\"HighLatency\", service=~\"api|web\".")
                                 : tr("One silence per line; each line is a list of matchers such as alertname=\"HighLatency\", service=~\"api|web\"."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_matchers = new QPlainTextEdit(this);
    m_matchers->setObjectName(QStringLiteral("matchersEdit"));
    m_matchers->setTabChangesFocus(true);
    QStringList lines;
    for (const Alert &a : selected) {
        const QString line = formatMatchers(defaultAckMatchers(a));
        if (!lines.contains(line))
            lines << line;
    }
    m_matchers->setPlainText(lines.join(u'\n'));
    m_matchers->setFixedHeight(m_matchers->fontMetrics().lineSpacing() * std::clamp(int(lines.size()) + 1, 3, 6) + 12);
    layout->addWidget(m_matchers);

    auto *form = new QFormLayout;
    m_alertmanager = new QComboBox(this);
    m_alertmanager->setObjectName(QStringLiteral("alertmanagerBox"));
    m_alertmanager->addItems(alertmanagers);
    for (const Alert &a : selected) {
        if (a.sourceKind == AlertSourceKind::Alertmanager && alertmanagers.contains(a.source)) {
            m_alertmanager->setCurrentText(a.source);
            break;
        }
    }
    if (alertmanagers.size() > 1)
        form->addRow(tr("Alertmanager:"), m_alertmanager);
    else
        m_alertmanager->hide();

    m_comment = new QLineEdit(this);
    m_comment->setObjectName(QStringLiteral("commentEdit"));
    m_comment->setText(mode == Mode::Acknowledge ? QStringLiteral("ACK: ") : QString());
    m_comment->setPlaceholderText(tr("Why: what you are doing about it, a ticket number…"));
    form->addRow(tr("Comment:"), m_comment);

    auto *durationRow = new QHBoxLayout;
    m_duration = new QComboBox(this);
    m_duration->setObjectName(QStringLiteral("durationBox"));
    m_duration->addItem(tr("15 minutes"), Minutes15);
    m_duration->addItem(tr("1 hour"), Hour1);
    m_duration->addItem(tr("4 hours"), Hours4);
    m_duration->addItem(tr("Custom"), Custom);
    if (mode == Mode::Acknowledge)
        m_duration->addItem(tr("Until resolved"), UntilResolved);
    m_duration->setCurrentIndex(1);
    m_customMinutes = new QSpinBox(this);
    m_customMinutes->setObjectName(QStringLiteral("customMinutes"));
    m_customMinutes->setRange(1, 30 * 24 * 60);
    m_customMinutes->setValue(120);
    m_customMinutes->setSuffix(tr(" min"));
    m_customMinutes->setVisible(false);
    durationRow->addWidget(m_duration);
    durationRow->addWidget(m_customMinutes);
    durationRow->addStretch();
    form->addRow(tr("Duration:"), durationRow);
    form->addRow(tr("Created by:"), new QLabel(operatorName, this));
    layout->addLayout(form);

    m_previewTitle = new QLabel(this);
    layout->addWidget(m_previewTitle);
    m_preview = new QTreeWidget(this);
    m_preview->setObjectName(QStringLiteral("previewList"));
    m_preview->setRootIsDecorated(false);
    m_preview->setUniformRowHeights(true);
    m_preview->setHeaderLabels({tr("Alert"), tr("Service / instance"), tr("State"), tr("Source")});
    m_preview->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(m_preview, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("problemLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1;").arg(toneTextHtml(BadgeTone::Bad)));
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(mode == Mode::Acknowledge ? tr("Acknowledge") : tr("Create silence"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_matchers, &QPlainTextEdit::textChanged, this, &AckDialog::revalidate);
    connect(m_comment, &QLineEdit::textChanged, this, &AckDialog::revalidate);
    connect(m_customMinutes, &QSpinBox::valueChanged, this, &AckDialog::revalidate);
    connect(m_duration, &QComboBox::currentIndexChanged, this, [this] {
        m_customMinutes->setVisible(m_duration->currentData().toInt() == Custom);
        revalidate();
    });
    revalidate();
}

void AckDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // Focus on the comment with the cursor after "ACK: ": typing must add to it, not replace it.
    QTimer::singleShot(0, this, [this] {
        m_comment->setFocus(Qt::OtherFocusReason);
        m_comment->deselect();
        m_comment->end(false);
    });
}

qint64 AckDialog::durationMs() const
{
    switch (m_duration->currentData().toInt()) {
    case Minutes15: return 15LL * 60 * 1000;
    case Hour1: return 60LL * 60 * 1000;
    case Hours4: return 4LL * 60 * 60 * 1000;
    case Custom: return qint64(m_customMinutes->value()) * 60 * 1000;
    default: return untilResolvedSliceMs;
    }
}

bool AckDialog::untilResolved() const
{
    return m_duration->currentData().toInt() == UntilResolved;
}

void AckDialog::revalidate()
{
    m_requests.clear();
    m_problem.clear();
    m_preview->clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::vector<std::vector<LabelMatcher>> silences;
    const QStringList lines = m_matchers->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (int i = 0; i < lines.size() && m_problem.isEmpty(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        const MatcherParse parsed = parseMatchers(lines[i]);
        if (!parsed.error.isEmpty()) {
            m_problem = tr("Line %1: %2").arg(i + 1).arg(parsed.error);
            break;
        }
        AckRequest request;
        request.matchers = fromLabelMatchers(parsed.matchers);
        request.comment = m_comment->text().trimmed();
        if (m_mode == Mode::Acknowledge && !request.comment.startsWith(QLatin1String("ACK"), Qt::CaseInsensitive))
            request.comment = QStringLiteral("ACK: ") + request.comment;
        request.durationMs = durationMs();
        request.untilResolved = untilResolved();
        Silence probe = makeAckSilence(request, m_operator, now);
        if (const QString invalid = validateSilence(probe, now); !invalid.isEmpty()) {
            m_problem = tr("Line %1: %2").arg(i + 1).arg(invalid);
            break;
        }
        silences.push_back(parsed.matchers);
        m_requests.push_back(std::move(request));
    }
    if (m_problem.isEmpty() && m_requests.empty())
        m_problem = tr("Write at least one line of matchers.");
    if (m_problem.isEmpty() && !saysWhy(m_comment->text()))
        m_problem = tr("Say why in the comment.");
    if (m_problem.isEmpty() && m_alertmanager->count() == 0)
        m_problem = tr("This profile has no Alertmanager to hold the silence.");

    int matched = 0;
    for (const Alert &a : m_current) {
        const bool hit = std::any_of(silences.begin(), silences.end(), [&](const auto &m) { return silenceMatches(m, a); });
        if (!hit)
            continue;
        ++matched;
        new QTreeWidgetItem(m_preview, {a.name(), a.target(), AlertModel::stateText(a.state), a.source});
    }
    if (silences.empty())
        m_previewTitle->setText(tr("Preview: nothing to match yet"));
    else if (matched == 1)
        m_previewTitle->setText(tr("Preview: 1 current alert matches"));
    else
        m_previewTitle->setText(tr("Preview: %1 current alerts match").arg(matched));
    if (!m_problem.isEmpty())
        m_requests.clear();
    m_error->setText(m_problem);
    m_error->setVisible(!m_problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

std::vector<AckRequest> AckDialog::requests() const
{
    return m_requests;
}

QString AckDialog::alertmanager() const
{
    return m_alertmanager->currentText();
}

int AckDialog::previewCount() const
{
    return m_preview->topLevelItemCount();
}

} // namespace opsdeck
