#include "alerts/silences_dialog.h"
#include "badge_tone.h"

#include "alert_model.h"
#include "alerts/ack_dialog.h"
#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "alerts/alertmanager_api.h"
#include "alerts/silence_matchers.h"
#include "profile_session.h"
#include "silence_model.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace opsdeck {

SilencesDialog::SilencesDialog(ProfileSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("SilencesDialog"));
    setWindowTitle(tr("Silences — %1").arg(session->profile().name));
    resize(980, 420);
    auto *layout = new QVBoxLayout(this);

    m_proxy->setSourceModel(session->silenceModel());
    m_proxy->setSortRole(SilenceModel::SortRole);
    m_proxy->setFilterRole(SilenceModel::StateKeyRole);
    m_proxy->setFilterRegularExpression(QStringLiteral("^(active|pending)$"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("silencesView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SilenceModel::EndsColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(SilenceModel::CommentColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(SilenceModel::MatchersColumn, 320);
    layout->addWidget(m_view, 1);

    auto *legend = new QLabel(tr("Bold amber: ends within 30 minutes. Grey with \"none\": matches no current alert."), this);
    legend->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(legend);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("silenceMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    m_showExpired = new QCheckBox(tr("Show expired"), this);
    m_showExpired->setObjectName(QStringLiteral("showExpired"));
    buttons->addWidget(m_showExpired);
    buttons->addStretch();
    const bool readOnly = session->profile().readOnly;
    auto *create = new QPushButton(tr("New silence…"), this);
    create->setObjectName(QStringLiteral("newSilenceButton"));
    auto *extend = new QPushButton(tr("Extend"), this);
    extend->setObjectName(QStringLiteral("extendButton"));
    auto *extendMenu = new QMenu(extend);
    extendMenu->addAction(tr("by 1 hour"), this, [this] { extendSelected(3600LL * 1000); });
    extendMenu->addAction(tr("by 4 hours"), this, [this] { extendSelected(4 * 3600LL * 1000); });
    extendMenu->addAction(tr("by 1 day"), this, [this] { extendSelected(24 * 3600LL * 1000); });
    extend->setMenu(extendMenu);
    auto *expire = new QPushButton(tr("Expire"), this);
    expire->setObjectName(QStringLiteral("expireButton"));
    auto *close = new QPushButton(tr("Close"), this);
    for (QPushButton *b : {create, extend, expire}) {
        b->setEnabled(!readOnly);
        if (readOnly)
            b->setToolTip(tr("The profile \"%1\" is read-only.").arg(session->profile().name));
        buttons->addWidget(b);
    }
    buttons->addWidget(close);
    layout->addLayout(buttons);

    connect(m_showExpired, &QCheckBox::toggled, this, [this](bool show) {
        m_proxy->setFilterRegularExpression(show ? QStringLiteral(".*") : QStringLiteral("^(active|pending)$"));
    });
    connect(create, &QPushButton::clicked, this, &SilencesDialog::createSilence);
    connect(expire, &QPushButton::clicked, this, &SilencesDialog::expireSelected);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(session->alertActions(), &AlertActions::finished, this, &SilencesDialog::onFinished);
}

SilencesDialog::Selected SilencesDialog::selected() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const int row = rows.isEmpty() ? -1 : m_proxy->mapToSource(rows.first()).row();
    const SilenceModel *model = m_session->silenceModel();
    const Silence *silence = model->silenceAt(row);
    AlertmanagerClient *client = m_session->alertSources()->alertmanager(model->alertmanagerAt(row));
    // Expired silences can be neither extended nor expired again.
    if (!silence || !client || silence->state == u"expired")
        return {};
    return {silence, client};
}

void SilencesDialog::extendSelected(qint64 byMs)
{
    const auto [silence, client] = selected();
    if (!silence)
        return;
    const qint64 from = std::max(silence->endsAtMs, QDateTime::currentMSecsSinceEpoch());
    m_pending.insert(m_session->alertActions()->extendSilence(client, *silence, from + byMs, QStringLiteral("silence-extend")));
    m_message->setText(tr("Extending…"));
}

void SilencesDialog::expireSelected()
{
    const auto [silence, client] = selected();
    if (!silence)
        return;
    const auto answer = QMessageBox::question(this, tr("Expire silence"),
                                              tr("Expire the silence %1 by %2?\nThe alerts it silences will notify again.")
                                                  .arg(formatMatchers(silence->matchers), silence->createdBy),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_pending.insert(m_session->alertActions()->expireSilence(client, silence->id, QStringLiteral("silence-expire")));
    m_message->setText(tr("Expiring…"));
}

void SilencesDialog::createSilence()
{
    QStringList names;
    for (const AlertmanagerClient *a : m_session->alertSources()->alertmanagers())
        names << a->config().name;
    AckDialog dialog(AckDialog::Mode::NewSilence, {}, m_session->alertModel()->alerts(), m_session->profile().operatorName, names, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AlertmanagerClient *client = m_session->alertSources()->alertmanager(dialog.alertmanager());
    if (!client)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const AckRequest &request : dialog.requests()) {
        Silence silence;
        silence.matchers = request.matchers;
        silence.startsAtMs = now;
        silence.endsAtMs = now + request.durationMs;
        silence.createdBy = m_session->profile().operatorName;
        silence.comment = request.comment.trimmed();
        m_pending.insert(m_session->alertActions()->createSilence(client, silence, QStringLiteral("silence-create")));
    }
    m_message->setText(tr("Creating…"));
}

void SilencesDialog::onFinished(quint64 operation, const ActionOutcome &outcome)
{
    if (!m_pending.remove(operation))
        return;
    m_message->setStyleSheet(outcome.ok ? QString() : QStringLiteral("color: %1;").arg(toneTextHtml(BadgeTone::Bad)));
    m_message->setText(outcome.ok ? tr("Done: silence %1.").arg(outcome.silenceId) : tr("Failed: %1").arg(outcome.error));
}

} // namespace opsdeck
