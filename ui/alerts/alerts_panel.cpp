#include "alerts/alerts_panel.h"
#include "badge_tone.h"

#include "alert_filter.h"
#include "alert_model.h"
#include "alerts/ack_dialog.h"
#include "alerts/ack_rules.h"
#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "alerts/alertmanager_api.h"
#include "alerts/database_alerts.h"
#include "alerts/silence_matchers.h"
#include "alerts/silences_dialog.h"
#include "common/compact_units.h"
#include "profile_session.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSet>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString esc(const std::string &s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

// The profile turned certificate checks off for this source (insecure_skip_verify).
bool skipsTlsVerification(const Profile &profile, AlertSourceKind kind, const QString &name)
{
    switch (kind) {
    case AlertSourceKind::Prometheus:
        return profile.prometheus && profile.prometheus->security.insecure;
    case AlertSourceKind::Alertmanager:
        return std::any_of(profile.alertmanagers.cbegin(), profile.alertmanagers.cend(),
                           [&name](const AlertmanagerConfig &a) { return a.name == name && a.security.insecure; });
    case AlertSourceKind::Database:
        return false;
    }
    return false;
}

bool isWebLink(const QString &url)
{
    return url.startsWith(QLatin1String("http://")) || url.startsWith(QLatin1String("https://"));
}

} // namespace

AlertsPanel::AlertsPanel(QWidget *parent)
    : QWidget(parent), m_proxy(new AlertFilterProxy(this))
{
    setObjectName(QStringLiteral("AlertsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    // The filter gets a row of its own: matchers are long, the dock may be narrow.
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("alertFilter"));
    m_filter->setAccessibleName(tr("Filter alerts"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter: severity=\"critical\", team=~\"ops|db\" or words"));
    layout->addWidget(m_filter);

    auto *bar = new QHBoxLayout;
    m_groupBy = new QComboBox(this);
    m_groupBy->setObjectName(QStringLiteral("groupByBox"));
    m_groupBy->addItem(tr("Group by alert name"), int(AlertModel::GroupBy::AlertName));
    m_groupBy->addItem(tr("Group by service"), int(AlertModel::GroupBy::Service));
    m_groupBy->addItem(tr("Group by severity"), int(AlertModel::GroupBy::Severity));
    m_groupBy->addItem(tr("Group by Alertmanager group"), int(AlertModel::GroupBy::AlertmanagerGroup));
    m_groupBy->addItem(tr("No grouping"), int(AlertModel::GroupBy::None));
    // Narrow enough that the Alerts dock can take a third of a laptop screen.
    m_groupBy->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_groupBy->setMinimumContentsLength(14);
    bar->addWidget(m_groupBy);
    m_hideSuppressed = new QCheckBox(tr("Hide silenced"), this);
    m_hideSuppressed->setObjectName(QStringLiteral("hideSuppressed"));
    m_hideSuppressed->setToolTip(tr("Hide silenced, inhibited and acknowledged alerts"));
    bar->addWidget(m_hideSuppressed);
    bar->addStretch();

    m_ackAction = new QAction(tr("Acknowledge…"), this);
    m_ackAction->setShortcut(QKeySequence(Qt::Key_A));
    m_ackAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_ackAction->setToolTip(tr("Acknowledge the selected alerts (A)"));
    m_unackAction = new QAction(tr("Unacknowledge"), this);
    m_unackAction->setShortcut(QKeySequence(Qt::Key_U));
    m_unackAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_unackAction->setToolTip(tr("Expire the acknowledgements of the selected alerts (U)"));
    m_silencesAction = new QAction(tr("Silences…"), this);
    m_silencesAction->setToolTip(tr("Every silence: active, pending, expired; extend, expire, create"));
    for (QAction *action : {m_ackAction, m_unackAction, m_silencesAction}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        bar->addWidget(button);
    }
    addAction(m_ackAction);
    addAction(m_unackAction);
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    focusFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(focusFilter, &QAction::triggered, m_filter, [this] { m_filter->setFocus(); m_filter->selectAll(); });
    addAction(focusFilter);
    layout->addLayout(bar);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_view = new QTreeView(splitter);
    m_view->setObjectName(QStringLiteral("alertsView"));
    m_view->setAccessibleName(tr("Alerts"));
    setFocusProxy(m_view);  // the panel brought forward (Ctrl+1…) puts the keyboard in its table
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AlertModel::SeverityColumn, Qt::DescendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);  // the summary takes what is left
    m_view->header()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->header(), &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu(this);
        for (int column = 0; column < m_proxy->columnCount(); ++column) {
            QAction *toggle = menu.addAction(m_proxy->headerData(column, Qt::Horizontal).toString());
            toggle->setCheckable(true);
            toggle->setChecked(!m_view->isColumnHidden(column));
            toggle->setEnabled(column != AlertModel::NameColumn);
            connect(toggle, &QAction::toggled, m_view, [this, column](bool on) { m_view->setColumnHidden(column, !on); });
        }
        menu.exec(m_view->header()->mapToGlobal(at));
    });
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_ackAction);
    m_view->addAction(m_unackAction);
    m_details = new QTextBrowser(splitter);
    m_details->setObjectName(QStringLiteral("alertDetails"));
    m_details->setOpenExternalLinks(true);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    m_splitter = splitter;
    layout->addWidget(splitter, 1);

    m_sources = new QLabel(this);
    m_sources->setObjectName(QStringLiteral("alertSources"));
    m_sources->setWordWrap(true);
    m_sources->setTextFormat(Qt::RichText);
    layout->addWidget(m_sources);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("alertMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    layout->addWidget(m_message);

    connect(m_groupBy, &QComboBox::currentIndexChanged, this, [this] {
        if (m_model) {
            m_model->setGroupBy(AlertModel::GroupBy(m_groupBy->currentData().toInt()));
            m_view->expandAll();
        }
    });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        const QString error = m_proxy->setFilterText(text);
        m_filter->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 1px solid %1; }").arg(toneTextHtml(BadgeTone::Bad)));
        m_filter->setToolTip(error);
        m_view->expandAll();
    });
    connect(m_hideSuppressed, &QCheckBox::toggled, m_proxy, &AlertFilterProxy::setHideSuppressed);
    connect(m_ackAction, &QAction::triggered, this, &AlertsPanel::acknowledgeSelected);
    connect(m_unackAction, &QAction::triggered, this, &AlertsPanel::unacknowledgeSelected);
    connect(m_silencesAction, &QAction::triggered, this, &AlertsPanel::showSilences);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        updateActions();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &AlertsPanel::updateDetails);
    // New groups arrive collapsed; an operator wants to see alerts, not folders.
    connect(m_proxy, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &where, int first, int last) {
        if (where.isValid())
            return;
        for (int row = first; row <= last; ++row)
            m_view->expand(m_proxy->index(row, 0));
    });
    updateActions();
}

AlertsPanel::~AlertsPanel() = default;

void AlertsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_splitterSized && m_splitter->height() > 100) {
        // The list first; the details need a few lines until an alert is chosen.
        const int total = m_splitter->height();
        m_splitter->setSizes({total * 7 / 10, total * 3 / 10});
        m_splitterSized = true;
    }
}

void AlertsPanel::setSession(ProfileSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    if (m_silencesDialog)
        m_silencesDialog->close();
    m_session = session;
    m_model = session ? session->alertModel() : nullptr;
    m_proxy->setSourceModel(m_model);
    m_pending.clear();
    m_message->hide();
    if (m_model) {
        m_model->setGroupBy(AlertModel::GroupBy(m_groupBy->currentData().toInt()));
        // countsChanged ends every merge: the details follow once a poll, not once per changed row.
        // The actions follow the selected alerts' state too: acknowledging one enables Unacknowledge.
        connect(m_model, &AlertModel::countsChanged, this, [this] {
            updateSummary();
            updateDetails();
            updateActions();
        });
        connect(m_model, &AlertModel::sourceChanged, this, &AlertsPanel::updateSources);
        connect(session->alertActions(), &AlertActions::finished, this, &AlertsPanel::onActionFinished);
        // The header has its sections only once a model is there.
        if (!m_columnsSized) {
            m_view->setColumnWidth(AlertModel::NameColumn, 150);
            m_view->setColumnWidth(AlertModel::SeverityColumn, 62);
            m_view->setColumnWidth(AlertModel::StateColumn, 92);
            m_view->setColumnWidth(AlertModel::TargetColumn, 105);
            m_view->setColumnWidth(AlertModel::SinceColumn, 64);
            m_view->setColumnWidth(AlertModel::AckColumn, 110);
            m_view->setColumnWidth(AlertModel::SourceColumn, 80);
            // The source is in the details and the tooltip; the header's menu brings the column back.
            m_view->setColumnHidden(AlertModel::SourceColumn, true);
            m_columnsSized = true;
        }
        m_view->expandAll();
    }
    updateSummary();
    updateSources();
    updateDetails();
    updateActions();
}

std::vector<Alert> AlertsPanel::selectedAlerts() const
{
    std::vector<Alert> out;
    if (!m_model)
        return out;
    QSet<QString> seen;
    auto add = [&](const QModelIndex &proxyIndex) {
        const QModelIndex source = m_proxy->mapToSource(proxyIndex);
        if (const Alert *a = m_model->alertAt(source)) {
            if (!seen.contains(source.data(AlertModel::RowKeyRole).toString())) {
                seen.insert(source.data(AlertModel::RowKeyRole).toString());
                out.push_back(*a);
            }
        }
    };
    for (const QModelIndex &row : m_view->selectionModel()->selectedRows()) {
        if (row.data(AlertModel::IsGroupRole).toBool()) {
            for (int r = 0; r < m_proxy->rowCount(row); ++r)
                add(m_proxy->index(r, 0, row));
        } else {
            add(row);
        }
    }
    return out;
}

void AlertsPanel::updateSummary()
{
    QString summary;
    if (m_model) {
        const auto counts = m_model->openCountsBySeverity();
        QStringList parts;
        for (const char *severity : {"critical", "warning", "info"}) {
            if (const int n = counts.value(QString::fromLatin1(severity)))
                parts << tr("%1 %2").arg(n).arg(QString::fromLatin1(severity));
        }
        int other = 0;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (it.key() != u"critical" && it.key() != u"warning" && it.key() != u"info")
                other += it.value();
        }
        if (other)
            parts << tr("%1 other").arg(other);
        summary = parts.isEmpty() ? (m_model->alertCount() ? tr("all handled") : tr("none firing")) : parts.join(QStringLiteral(" · "));
    }
    if (summary != m_summary) {
        m_summary = summary;
        Q_EMIT summaryChanged(summary);
    }
}

void AlertsPanel::updateSources()
{
    if (!m_model || m_model->sources().isEmpty()) {
        m_sources->setText(m_session ? tr("This profile has no alert source.") : QString());
        return;
    }
    QStringList parts;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const AlertModel::SourceState &s : m_model->sources()) {
        QString text;
        if (s.fetchedAtMs == 0) {
            text = tr("%1: waiting").arg(esc(s.name));
        } else if (s.restored) {
            text = QStringLiteral("<span style='color:%1'>%2</span>")
                       .arg(toneTextHtml(BadgeTone::Warning),
                            tr("%1: last known, %2 old — waiting for an answer").arg(esc(s.name), compactDuration(now - s.lastGoodAtMs)));
        } else if (s.stale) {
            const QString since = s.lastGoodAtMs ? tr("data from %1 ago").arg(compactDuration(now - s.lastGoodAtMs)) : tr("no data yet");
            text = QStringLiteral("<span style='color:%1'>%2</span>")
                       .arg(toneTextHtml(BadgeTone::Bad), tr("%1: stale (%2) — %3").arg(esc(s.name), since, esc(s.error)));
        } else {
            text = tr("%1: ok via %2").arg(esc(s.name), esc(s.answeredBy));
            if (!s.warnings.isEmpty())
                text += QStringLiteral(" <span style='color:%1'>(%2)</span>").arg(toneTextHtml(BadgeTone::Warning), esc(s.warnings.join(QLatin1String("; "))));
        }
        if (skipsTlsVerification(m_session->profile(), s.kind, s.name))
            text += QStringLiteral(" <span style='color:%1'>(%2)</span>").arg(toneTextHtml(BadgeTone::Warning), tr("TLS not verified"));
        parts << text;
    }
    m_sources->setText(parts.join(QStringLiteral(" · ")));
}

void AlertsPanel::updateActions()
{
    const bool readOnly = m_session && m_session->profile().readOnly;
    const std::vector<Alert> selected = selectedAlerts();
    const bool anyAcked = std::any_of(selected.begin(), selected.end(), [](const Alert &a) { return a.state == AlertState::Acknowledged; });
    m_ackAction->setEnabled(m_session && !readOnly && !selected.empty());
    m_unackAction->setEnabled(m_session && !readOnly && anyAcked);
    m_silencesAction->setEnabled(m_session && !m_session->alertSources()->alertmanagers().empty());
    const QString why = readOnly ? tr("The profile \"%1\" is read-only.").arg(m_session->profile().name) : QString();
    m_ackAction->setStatusTip(why);
    if (readOnly)
        m_ackAction->setToolTip(why);
}

void AlertsPanel::updateDetails()
{
    const QModelIndex current = m_view->currentIndex();
    const Alert *alert = m_model && current.isValid() ? m_model->alertAt(m_proxy->mapToSource(current.siblingAtColumn(0))) : nullptr;
    if (!alert) {
        if (!m_model)
            m_details->clear();
        else if (m_model->alertCount() == 0)
            m_details->setHtml(tr("<p>No alerts. All quiet.</p>"));
        else
            m_details->setHtml(tr("<p style='color:gray'>Select an alert to see its labels, annotations, links and who acknowledged it.</p>"));
        return;
    }
    QString html = QStringLiteral("<h3>%1 <small>%2 · %3</small></h3>")
                       .arg(esc(alert->name()), esc(alert->severity()), esc(AlertModel::stateText(alert->state)));
    if (alert->startsAtMs > 0)
        html += tr("<p>Since %1 · from %2</p>").arg(esc(QLocale().toString(QDateTime::fromMSecsSinceEpoch(alert->startsAtMs), QLocale::ShortFormat)), esc(alert->source));
    for (const char *name : {"summary", "description", "message"}) {
        const std::string v = alert->annotation(name);
        if (!v.empty())
            html += QStringLiteral("<p>%1</p>").arg(esc(v));
    }
    QStringList links;
    if (isWebLink(alert->generatorUrl))
        links << QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(alert->generatorUrl), tr("Source query"));
    const QString runbook = QString::fromStdString(alert->annotation("runbook_url"));
    if (isWebLink(runbook))
        links << QStringLiteral("<a href=\"%1\">%2</a>").arg(esc(runbook), tr("Runbook"));
    if (!links.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(links.join(QStringLiteral(" · ")));
    if (m_model) {
        if (const Silence *ack = acknowledgementOf(*alert, m_model->silencesOf(alert->source))) {
            const QString until = isUntilResolved(ack->comment)
                                      ? tr("until resolved")
                                      : tr("until %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(ack->endsAtMs), QLocale::ShortFormat));
            html += tr("<p><b>Acknowledged by %1</b> %2: %3</p>").arg(esc(ack->createdBy), esc(until), esc(commentForPeople(ack->comment)));
        } else if (!alert->silencedBy.isEmpty()) {
            html += tr("<p>Silenced by %1</p>").arg(esc(alert->silencedBy.join(QLatin1String(", "))));
        }
    }
    if (!alert->inhibitedBy.isEmpty())
        html += tr("<p>Inhibited by %1</p>").arg(esc(alert->inhibitedBy.join(QLatin1String(", "))));
    if (m_deployLookup) {
        const QString lastDeploy = m_deployLookup(*alert);
        if (!lastDeploy.isEmpty())
            html += tr("<p><b>Last change before it started:</b> %1</p>").arg(esc(lastDeploy));
    }
    html += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    for (const auto &[k, v] : alert->labels)
        html += QStringLiteral("<tr><td><code>%1</code></td><td><code>%2</code></td></tr>").arg(esc(k), esc(v));
    for (const auto &[k, v] : alert->annotations) {
        if (k != "summary" && k != "description" && k != "runbook_url")
            html += QStringLiteral("<tr><td><i>%1</i></td><td>%2</td></tr>").arg(esc(k), esc(v));
    }
    html += QStringLiteral("</table>");
    m_details->setHtml(html);
}

void AlertsPanel::report(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: %1;").arg(toneTextHtml(BadgeTone::Bad)) : QString());
    m_message->show();
}

void AlertsPanel::acknowledgeSelected()
{
    if (!m_session || m_session->profile().readOnly)
        return;
    const std::vector<Alert> selected = selectedAlerts();
    std::vector<Alert> fromDatabase, others;
    for (const Alert &a : selected)
        (a.sourceKind == AlertSourceKind::Database ? fromDatabase : others).push_back(a);
    if (!fromDatabase.empty())
        resolveInDatabase(fromDatabase);
    if (!others.empty())
        sendAcks(others);
}

void AlertsPanel::resolveInDatabase(const std::vector<Alert> &alerts)
{
    const auto answer = QMessageBox::question(
        this, tr("Resolve in the monitoring database"),
        tr("The monitoring database has no silences: acknowledging marks these %n alert(s) resolved in its table. Go ahead?", nullptr, int(alerts.size())),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    for (const Alert &a : alerts) {
        if (DatabaseAlertSource *source = m_session->alertSources()->database(a.source))
            m_pending.insert(m_session->alertActions()->resolveDatabaseAlert(source, a.databaseId, a.name()));
    }
    report(tr("Resolving %n alert(s)…", nullptr, int(alerts.size())), false);
}

void AlertsPanel::sendAcks(const std::vector<Alert> &alerts)
{
    QStringList names;
    for (const AlertmanagerClient *a : m_session->alertSources()->alertmanagers())
        names << a->config().name;
    AckDialog dialog(AckDialog::Mode::Acknowledge, alerts, m_model->alerts(), m_session->profile().operatorName, names, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AlertmanagerClient *client = m_session->alertSources()->alertmanager(dialog.alertmanager());
    if (!client)
        return;
    const auto requests = dialog.requests();
    for (const AckRequest &request : requests)
        m_pending.insert(m_session->alertActions()->acknowledge(client, request));
    report(tr("Sending %n acknowledgement(s)…", nullptr, int(requests.size())), false);
}

void AlertsPanel::unacknowledgeSelected()
{
    if (!m_session || m_session->profile().readOnly)
        return;
    struct Target {
        AlertmanagerClient *client;
        Silence silence;
    };
    std::vector<Target> targets;
    QSet<QString> seen;
    for (const Alert &a : selectedAlerts()) {
        AlertmanagerClient *client = m_session->alertSources()->alertmanager(a.source);
        const Silence *ack = client ? acknowledgementOf(a, m_model->silencesOf(a.source)) : nullptr;
        if (ack && !seen.contains(ack->id)) {
            seen.insert(ack->id);
            targets.push_back({client, *ack});
        }
    }
    if (targets.empty())
        return;
    QStringList lines;
    for (const Target &t : targets)
        lines << tr("%1 by %2: %3").arg(formatMatchers(t.silence.matchers), t.silence.createdBy, t.silence.comment);
    const auto answer = QMessageBox::question(this, tr("Unacknowledge"),
                                              tr("Expire these acknowledgements? The alerts will notify again.\n\n%1").arg(lines.join(u'\n')),
                                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    for (const Target &t : targets)
        m_pending.insert(m_session->alertActions()->expireSilence(t.client, t.silence.id, QStringLiteral("unack")));
    report(tr("Expiring %n acknowledgement(s)…", nullptr, int(targets.size())), false);
}

void AlertsPanel::showSilences()
{
    if (!m_session)
        return;
    if (!m_silencesDialog)
        m_silencesDialog = new SilencesDialog(m_session, this);
    m_silencesDialog->show();
    m_silencesDialog->raise();
    m_silencesDialog->activateWindow();
}

void AlertsPanel::onActionFinished(quint64 operation, const ActionOutcome &outcome)
{
    if (!m_pending.remove(operation))
        return;
    if (!outcome.ok) {
        report(tr("Failed: %1").arg(outcome.error), true);
        return;
    }
    if (m_message->styleSheet().isEmpty())  // an error of the same batch stays visible
        report(outcome.silenceId.isEmpty() ? tr("Done.") : tr("Done: silence %1 on %2.").arg(outcome.silenceId, outcome.answeredBy), false);
}

} // namespace opsdeck
