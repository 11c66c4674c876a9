#include "deployments_panel.h"

#include "alerts/action_silence.h"
#include "badge_tone.h"
#include "database/record_table.h"
#include "deploy/docker_logs.h"
#include "deploy/docker_watcher.h"
#include "deployment_model.h"
#include "deployment_store.h"
#include "log_view.h"
#include "rollback_dialog.h"
#include "status_badge_delegate.h"
#include "version_matrix_model.h"

#include "common/compact_units.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

constexpr int logTailLines = 200;

} // namespace

DeploymentsPanel::DeploymentsPanel(QWidget *parent)
    : QWidget(parent), m_sorted(new QSortFilterProxyModel(this)), m_containers(new ContainerModel(this)), m_history(new DeployHistoryModel(this)),
      m_clock(new QTimer(this)), m_silence(new ActionSilence(this))
{
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("deploymentsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("deploymentPages"));
    layout->addWidget(m_pages, 1);

    // Services: the rows, the actions under them, the selected one's details below.
    auto *services = new QWidget(m_pages);
    auto *servicesLayout = new QVBoxLayout(services);
    servicesLayout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Vertical, services);
    split->setObjectName(QStringLiteral("deploymentSplit"));
    auto *top = new QWidget(split);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_deployments = newRecordTable(top, QStringLiteral("deploymentsView"), m_sorted);
    m_deployments->setSelectionMode(QAbstractItemView::SingleSelection);
    m_deployments->horizontalHeader()->setStretchLastSection(true);
    m_deployments->setItemDelegateForColumn(DeploymentModel::StatusColumn, new StatusBadgeDelegate([this](const QModelIndex &index) {
        const bool stale = m_store && m_store->model()->isStale();
        return StatusBadgeDelegate::Look{deploymentTone(DeploymentStatus(index.data(DeploymentModel::StatusRole).toInt())), stale};
    }, this));
    topLayout->addWidget(m_deployments, 1);
    m_emptyHint = new QLabel(top);
    m_emptyHint->setObjectName(QStringLiteral("deploymentsEmptyHint"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    topLayout->addWidget(m_emptyHint, 1);
    auto *actions = new QHBoxLayout;
    m_progress = new QLabel(top);
    m_progress->setObjectName(QStringLiteral("deployProgress"));
    m_progress->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actions->addWidget(m_progress, 1);
    m_restartButton = new QPushButton(tr("Restart"), top);
    m_restartButton->setObjectName(QStringLiteral("restartButton"));
    m_stopButton = new QPushButton(tr("Stop"), top);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_startButton = new QPushButton(tr("Start"), top);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_rollbackButton = new QPushButton(tr("Roll back…"), top);
    m_rollbackButton->setObjectName(QStringLiteral("rollbackButton"));
    for (QPushButton *b : {m_restartButton, m_stopButton, m_startButton, m_rollbackButton})
        actions->addWidget(b);
    topLayout->addLayout(actions);
    m_message = new QLabel(top);
    m_message->setObjectName(QStringLiteral("deployMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    topLayout->addWidget(m_message);

    m_details = new QTabWidget(split);
    m_details->setObjectName(QStringLiteral("deploymentDetails"));
    m_containerView = newRecordTable(m_details, QStringLiteral("containersView"), m_containers);
    m_containerView->horizontalHeader()->setStretchLastSection(true);
    for (int column : {ContainerModel::StateColumn, ContainerModel::HealthColumn, ContainerModel::RestartsColumn, ContainerModel::StartedColumn})
        m_containerView->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_details->addTab(m_containerView, tr("Replicas"));
    m_historyView = newRecordTable(m_details, QStringLiteral("historyView"), m_history);
    m_historyView->setSortingEnabled(false);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_details->addTab(m_historyView, tr("History"));
    m_logs = new LogView(m_details);
    m_logs->setObjectName(QStringLiteral("deploymentLogs"));
    m_details->addTab(m_logs, tr("Logs"));
    split->addWidget(top);
    split->addWidget(m_details);
    // The rows first: they are what is read at a glance; the details are opened.
    split->setSizes({600, 400});
    servicesLayout->addWidget(split);
    m_pages->addTab(services, tr("Services"));

    // Versions: every environment side by side.
    auto *versions = new QWidget(m_pages);
    auto *versionsLayout = new QVBoxLayout(versions);
    versionsLayout->setContentsMargins(0, 0, 0, 0);
    m_matrixHint = new QLabel(versions);
    m_matrixHint->setObjectName(QStringLiteral("matrixHint"));
    m_matrixHint->setWordWrap(true);
    versionsLayout->addWidget(m_matrixHint);
    m_matrixView = newRecordTable(versions, QStringLiteral("matrixView"), nullptr);
    m_matrixView->setSortingEnabled(false);
    m_matrixView->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_matrixView->horizontalHeader()->setMinimumSectionSize(110);
    versionsLayout->addWidget(m_matrixView, 1);
    m_pages->addTab(versions, tr("Versions"));

    m_sorted->setSortRole(DeploymentModel::SortRole);
    connect(m_restartButton, &QPushButton::clicked, this, &DeploymentsPanel::restartSelected);
    connect(m_stopButton, &QPushButton::clicked, this, &DeploymentsPanel::stopSelected);
    connect(m_startButton, &QPushButton::clicked, this, &DeploymentsPanel::startSelected);
    connect(m_rollbackButton, &QPushButton::clicked, this, &DeploymentsPanel::rollbackSelected);
    connect(m_details, &QTabWidget::currentChanged, this, &DeploymentsPanel::followLogs);
    // Ages move with the clock, and so does the age of a lost engine's rows.
    m_clock->setInterval(15000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        if (m_store)
            m_store->model()->refreshAges();
        updateStatusLine();
    });
    m_clock->start();
    connect(m_silence, &ActionSilence::lateNote, this, [this](const QString &note) { m_message->setText(m_message->text() + QStringLiteral("; ") + note.toHtmlEscaped()); });
    setStore(nullptr);
}

void DeploymentsPanel::setSession(ProfileSession *session)
{
    m_silence->setSession(session);
}

DeploymentsPanel::~DeploymentsPanel() = default;

void DeploymentsPanel::setStore(DeploymentStore *store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    m_sorted->setSourceModel(store ? store->model() : nullptr);
    m_matrixView->setModel(store ? store->matrix() : nullptr);
    if (store) {
        m_deployments->sortByColumn(DeploymentModel::NameColumn, Qt::AscendingOrder);
        // The short columns follow what they hold ("1/3, 2 healthy", "degraded"); the name is the
        // operator's to size. Set once the header has its sections: before, Qt 6.4 crashes.
        for (int column : {DeploymentModel::VersionColumn, DeploymentModel::ReplicasColumn, DeploymentModel::StatusColumn,
                           DeploymentModel::ChangedColumn})
            m_deployments->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
        connect(store, &DeploymentStore::currentChanged, this, &DeploymentsPanel::onStoreChanged);
        connect(m_deployments->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeploymentsPanel::onSelectionChanged);
        connect(store->matrix(), &QAbstractItemModel::modelReset, this, &DeploymentsPanel::onStoreChanged);
    }
    onStoreChanged();
}

void DeploymentsPanel::onStoreChanged()
{
    // Something is always selected, so the details below are never empty for no reason.
    if (!m_deployments->currentIndex().isValid() && m_sorted->rowCount() > 0)
        m_deployments->selectRow(0);
    const bool empty = m_sorted->rowCount() == 0;
    // The columns fit the first rows once; after that they are the operator's to size.
    if (!empty && !m_columnsFitted) {
        m_columnsFitted = true;
        m_deployments->resizeColumnToContents(DeploymentModel::NameColumn);
        QHeaderView *header = m_deployments->horizontalHeader();
        header->resizeSection(DeploymentModel::NameColumn, std::min(header->sectionSize(DeploymentModel::NameColumn) + 16, 260));
    }
    m_deployments->setVisible(!empty);
    m_emptyHint->setVisible(empty);
    m_details->setEnabled(!empty);
    onSelectionChanged();
    updateStatusLine();
    if (m_store) {
        const int drift = m_store->matrix()->driftCount();
        const int columns = int(m_store->matrix()->environments().size());
        m_matrixHint->setText(columns < 2 ? tr("Only %1 reads a Docker engine: give other profiles a \"docker\" object to compare their versions here.")
                                                .arg(m_store->current())
                              : drift == 0 ? tr("Every service runs the same version in every environment.")
                                           : tr("%n service(s) run different versions in different environments (highlighted).", nullptr, drift));
        m_matrixView->resizeColumnsToContents();
    }
    const QString now = summary();
    if (now != m_lastSummary) {
        m_lastSummary = now;
        Q_EMIT summaryChanged(now);
    }
}

QString DeploymentsPanel::summary() const
{
    if (!m_store)
        return {};
    int failed = 0, degraded = 0, rolling = 0;
    for (const Deployment &d : m_store->model()->rows()) {
        failed += d.status == DeploymentStatus::Failed;
        degraded += d.status == DeploymentStatus::Degraded;
        rolling += d.status == DeploymentStatus::Rolling;
    }
    QStringList parts;
    if (failed)
        parts << tr("%n failed", nullptr, failed);
    if (degraded)
        parts << tr("%n degraded", nullptr, degraded);
    if (rolling)
        parts << tr("%n rolling", nullptr, rolling);
    return parts.join(QLatin1String(", "));
}

void DeploymentsPanel::updateStatusLine()
{
    DockerWatcher *watcher = m_store ? m_store->currentWatcher() : nullptr;
    if (!m_store) {
        m_status->clear();
        m_emptyHint->setText(tr("No profile is open."));
        return;
    }
    if (!watcher) {
        const QString problem = m_store->currentProblem();
        m_status->setText(problem);
        m_emptyHint->setText(tr("No Docker engine for %1: %2").arg(m_store->current(), problem));
        return;
    }
    const DockerSnapshot &s = watcher->snapshot();
    switch (s.connection) {
    case DockerSnapshot::Connection::Live:
        m_status->setText(tr("Docker %1 at %2, live").arg(s.engineVersion, s.host));
        m_emptyHint->setText(tr("Docker at %1 runs no container.").arg(s.host));
        break;
    case DockerSnapshot::Connection::Unavailable:
        m_status->setText(tr("Docker is not available for %1 (%2). The panel fills in when it answers.").arg(s.environment, s.error));
        m_emptyHint->setText(tr("Docker is not available: %1").arg(s.error));
        break;
    case DockerSnapshot::Connection::Connecting:
        if (s.listedMs > 0)
            m_status->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                                  .arg(toneTextHtml(BadgeTone::Warning),
                                       tr("Reconnecting to Docker (%1); the rows are from %2 ago.")
                                           .arg(s.error.toHtmlEscaped(), compactDuration(QDateTime::currentMSecsSinceEpoch() - s.listedMs))));
        else
            m_status->setText(s.error.isEmpty() ? tr("Connecting to Docker at %1…").arg(s.host) : s.error);
        m_emptyHint->setText(tr("Connecting to Docker at %1…").arg(s.host));
        break;
    }
}

void DeploymentsPanel::onSelectionChanged()
{
    const QString name = selectedDeployment();
    m_containers->setContainers(selectedReplicas());
    if (m_containers->rowCount() > 0 && !m_replicaColumnsFitted) {
        m_replicaColumnsFitted = true;
        m_containerView->resizeColumnsToContents();
    }
    m_history->setChanges(m_store && !name.isEmpty() ? m_store->history(name) : QList<DeployChange>());
    if (name != m_logsFor) {
        m_logReader.reset();
        m_logs->clear();
        m_logsFor.clear();
        followLogs();
    }
    updateActions();
}

void DeploymentsPanel::followLogs()
{
    // Logs are followed only while they are looked at: a stream per replica is not free.
    if (m_details->currentWidget() != m_logs) {
        m_logReader.reset();
        m_logsFor.clear();
        return;
    }
    const QString name = selectedDeployment();
    DockerWatcher *watcher = m_store ? m_store->currentWatcher() : nullptr;
    if (name.isEmpty() || !watcher || name == m_logsFor)
        return;
    QList<DockerLogs::Target> targets;
    for (const DockerContainer &c : selectedReplicas())
        targets.append({c.id, c.name});
    m_logs->clear();
    m_logs->setShowSources(targets.size() > 1);
    m_logReader = std::make_unique<DockerLogs>(watcher->endpoint(), watcher->snapshot().apiVersion);
    connect(m_logReader.get(), &DockerLogs::lines, this, [this](const QList<ContainerLogLine> &lines) {
        QList<LogView::Line> out;
        out.reserve(lines.size());
        for (const ContainerLogLine &l : lines)
            out.append({l.container, l.line.text, l.line.stream == LogLine::Stream::Stderr});
        m_logs->appendLines(out);
    });
    connect(m_logReader.get(), &DockerLogs::streamEnded, this, [this](const QString &container, const QString &error) {
        m_logs->setStatus(error.isEmpty() ? tr("%1: the log stream ended (the container stopped)").arg(container)
                                          : tr("%1: %2").arg(container, error));
    });
    m_logsFor = name;
    m_logs->setStatus(tr("Following %n replica(s): the last %1 lines of each, then every new one.", nullptr, int(targets.size())).arg(logTailLines));
    m_logReader->start(targets, logTailLines, true);
}

QString DeploymentsPanel::selectedDeployment() const
{
    const QModelIndexList rows = m_deployments->selectionModel() ? m_deployments->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty() || !m_store)
        return {};
    const Deployment *d = m_store->model()->deployment(rows.first().data(DeploymentModel::KeyRole).toString());
    return d ? d->name : QString();
}

bool DeploymentsPanel::selectDeployment(const QString &name)
{
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        if (m_sorted->index(row, DeploymentModel::NameColumn).data().toString() == name) {
            m_pages->setCurrentIndex(0);
            m_deployments->selectRow(row);
            return true;
        }
    }
    return false;
}

void DeploymentsPanel::showPage(const QString &page)
{
    if (page == u"versions") {
        m_pages->setCurrentIndex(1);
        return;
    }
    m_pages->setCurrentIndex(0);
    if (page == u"logs")
        m_details->setCurrentWidget(m_logs);
    else if (page == u"history")
        m_details->setCurrentWidget(m_historyView);
}

QList<DockerContainer> DeploymentsPanel::selectedReplicas() const
{
    QList<DockerContainer> out;
    DockerWatcher *watcher = m_store ? m_store->currentWatcher() : nullptr;
    const QString name = selectedDeployment();
    if (!watcher || name.isEmpty())
        return out;
    const Deployment *d = nullptr;
    for (const Deployment &candidate : watcher->snapshot().deployments) {
        if (candidate.name == name)
            d = &candidate;
    }
    if (!d)
        return out;
    for (const DockerContainer &c : watcher->snapshot().containers) {
        if (d->containerIds.contains(c.id))
            out.append(c);
    }
    std::sort(out.begin(), out.end(), [](const DockerContainer &a, const DockerContainer &b) { return a.name < b.name; });
    return out;
}

void DeploymentsPanel::updateActions()
{
    const Profile *profile = m_store ? m_store->profile(m_store->current()) : nullptr;
    const bool readOnly = profile && profile->readOnly;
    DockerWatcher *watcher = m_store ? m_store->currentWatcher() : nullptr;
    const bool live = watcher && watcher->snapshot().connection == DockerSnapshot::Connection::Live;
    const bool can = live && !readOnly && !selectedDeployment().isEmpty() && !m_rollout;
    for (QPushButton *b : {m_restartButton, m_stopButton, m_startButton, m_rollbackButton}) {
        b->setEnabled(can);
        b->setToolTip(readOnly ? tr("Profile %1 is read-only").arg(profile->name)
                      : !live  ? tr("Docker is not live")
                      : m_rollout ? tr("Another action is running")
                                  : QString());
    }
}

bool DeploymentsPanel::confirm(const DockerRolloutRequest &request, const QString &title)
{
    QMessageBox box(QMessageBox::Question, title,
                    tr("%1 %n replica(s) of %2 in %3?", nullptr, int(request.replicas.size())).arg(title, request.deployment, request.environment),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deployConfirm"));
    box.setInformativeText(DockerRollout::plan(request, selectedReplicas()).join(u'\n'));
    QPushButton *go = box.addButton(title, QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("deployConfirmGo"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == go;
}

void DeploymentsPanel::restartSelected()
{
    DockerRolloutRequest request;
    request.kind = DockerRolloutRequest::Kind::Restart;
    runRollout(request, tr("Restart"));
}

void DeploymentsPanel::stopSelected()
{
    DockerRolloutRequest request;
    request.kind = DockerRolloutRequest::Kind::Stop;
    runRollout(request, tr("Stop"));
}

void DeploymentsPanel::startSelected()
{
    DockerRolloutRequest request;
    request.kind = DockerRolloutRequest::Kind::Start;
    runRollout(request, tr("Start"));
}

void DeploymentsPanel::rollbackSelected()
{
    const QString name = selectedDeployment();
    if (name.isEmpty() || !m_store || m_rollout)
        return;
    const QList<DockerContainer> replicas = selectedReplicas();
    const Deployment *d = nullptr;
    for (const Deployment &candidate : m_store->model()->rows()) {
        if (candidate.name == name)
            d = &candidate;
    }
    if (!d)
        return;
    RollbackDialog dialog(*d, replicas, m_store->history(name), m_silence->available(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    DockerRolloutRequest request;
    request.kind = DockerRolloutRequest::Kind::Rollback;
    request.fromImage = d->images.value(0);
    request.toImage = dialog.image();
    request.reason = dialog.reason();
    runRollout(request, tr("Roll back"), dialog.silenceMatchers());
}

void DeploymentsPanel::runRollout(DockerRolloutRequest request, const QString &title, const std::vector<SilenceMatcher> &silence)
{
    DockerWatcher *watcher = m_store ? m_store->currentWatcher() : nullptr;
    const Profile *profile = m_store ? m_store->profile(m_store->current()) : nullptr;
    if (!watcher || !profile || m_rollout || selectedDeployment().isEmpty())
        return;
    request.environment = profile->name;
    request.deployment = selectedDeployment();
    for (const DockerContainer &c : selectedReplicas())
        request.replicas.append(c.id);
    // A rollback asked already, in its own dialog, with the plan in front of the operator.
    if (request.kind != DockerRolloutRequest::Kind::Rollback && !confirm(request, title))
        return;
    m_rollout = new DockerRollout(m_store->http(), watcher->endpoint(), watcher->snapshot().apiVersion, AuditLog(AuditLog::defaultPath()),
                                  AuditActor{profile->operatorName, profile->name, QStringLiteral("gui")}, profile->readOnly, request, this);
    m_message->clear();
    connect(m_rollout, &DockerRollout::progress, this, [this](const QString &step) { m_progress->setText(step); });
    connect(m_rollout, &DockerRollout::finished, this, [this, title, request](const DockerRolloutResult &result) {
        m_rollout->deleteLater();
        m_rollout = nullptr;
        m_progress->clear();
        m_silence->end();
        const QString note = m_silence->takeNote();
        m_message->setText(QStringLiteral("<span style=\"color:%1\">%2</span>%3")
                               .arg(toneTextHtml(result.ok ? BadgeTone::Good : BadgeTone::Bad), result.message.toHtmlEscaped(),
                                    note.isEmpty() ? QString() : QStringLiteral("; ") + note.toHtmlEscaped()));
        m_history->setChanges(m_store ? m_store->history(request.deployment) : QList<DeployChange>());
        updateActions();
        Q_EMIT actionFinished(tr("%1 %2").arg(title, request.deployment), result.message, result.ok);
    });
    updateActions();
    m_silence->begin(silence, tr("ACK: %1 of %2 in %3 to %4 (OpsDeck), expired when it ends")
                                  .arg(rolloutActionKey(request.kind), request.deployment, request.environment, request.toImage));
    m_rollout->start();
}

} // namespace opsdeck
