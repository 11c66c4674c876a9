#include "deployments_panel.h"

#include "alerts/action_silence.h"
#include "badge_tone.h"
#include "database/record_table.h"
#include "deploy/docker_logs.h"
#include "deploy/docker_watcher.h"
#include "deployment_model.h"
#include "deployment_store.h"
#include "diff_view.h"
#include "kube/kube_connection.h"
#include "kube_revision_model.h"
#include "kube_rollback_dialog.h"
#include "log_view.h"
#include "rollback_dialog.h"
#include "status_badge_delegate.h"
#include "version_matrix_model.h"

#include "common/compact_units.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
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
      m_revisions(new KubeRevisionModel(this)), m_clock(new QTimer(this)), m_silence(new ActionSilence(this))
{
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("deploymentsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);  // every part is escaped; the tones are spans
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
    m_deployments->setAccessibleName(tr("Deployments"));
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
    // A Deployment's own: shown instead of stop and start when one is selected.
    m_scaleButton = new QPushButton(tr("Scale…"), top);
    m_scaleButton->setObjectName(QStringLiteral("scaleButton"));
    m_pauseButton = new QPushButton(tr("Pause rollout"), top);
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    for (QPushButton *b : {m_restartButton, m_stopButton, m_startButton, m_scaleButton, m_pauseButton, m_rollbackButton})
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
    m_containerView->setAccessibleName(tr("Replicas"));
    m_containerView->horizontalHeader()->setStretchLastSection(true);
    for (int column : {ContainerModel::StateColumn, ContainerModel::HealthColumn, ContainerModel::RestartsColumn, ContainerModel::StartedColumn})
        m_containerView->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_details->addTab(m_containerView, tr("Replicas"));
    m_historyView = newRecordTable(m_details, QStringLiteral("historyView"), m_history);
    m_historyView->setAccessibleName(tr("History"));
    m_historyView->setSortingEnabled(false);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_details->addTab(m_historyView, tr("History"));
    // Newest first, whatever order the revisions came in (a rollback makes an old ReplicaSet the newest).
    auto *revisionsSorted = new QSortFilterProxyModel(this);
    revisionsSorted->setSourceModel(m_revisions);
    revisionsSorted->setSortRole(KubeRevisionModel::RevisionRole);
    revisionsSorted->sort(KubeRevisionModel::RevisionColumn, Qt::DescendingOrder);
    // The revisions above; below, what the one selected changed from the one before, or, with two
    // selected, how they differ.
    auto *revisionsSplit = new QSplitter(Qt::Vertical, m_details);
    revisionsSplit->setObjectName(QStringLiteral("revisionsSplit"));
    m_revisionView = newRecordTable(revisionsSplit, QStringLiteral("revisionsView"), revisionsSorted);
    m_revisionView->setAccessibleName(tr("Revisions"));
    m_revisionView->setSortingEnabled(false);
    m_revisionView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_revisionView->horizontalHeader()->setStretchLastSection(true);
    m_revisionDiff = new DiffView(revisionsSplit);
    m_revisionDiff->setObjectName(QStringLiteral("revisionDiff"));
    m_revisionDiff->setPlaceholderText(tr("Select a revision to see what it changed in the pod template; select two to compare them."));
    revisionsSplit->addWidget(m_revisionView);
    revisionsSplit->addWidget(m_revisionDiff);
    revisionsSplit->setSizes({200, 200});
    m_revisionPage = revisionsSplit;
    m_details->addTab(revisionsSplit, tr("Revisions"));
    connect(m_revisionView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeploymentsPanel::showRevisionDiff);
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
    m_matrixView->setAccessibleName(tr("Versions in every environment"));
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
    connect(m_scaleButton, &QPushButton::clicked, this, &DeploymentsPanel::scaleSelected);
    connect(m_pauseButton, &QPushButton::clicked, this, &DeploymentsPanel::pauseOrResumeSelected);
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
        m_matrixHint->setText(columns < 2 ? tr("Only %1 is read: give other profiles a \"docker\" or \"kubernetes\" object to compare their versions here.")
                                                .arg(m_store->current())
                              : drift == 0 ? tr("Every service runs the same version in every environment.")
                                           : tr("%n service(s) run different versions in different environments (highlighted).", nullptr, drift));
        m_matrixView->resizeColumnsToContents();
    }
    if (m_rollbackWhenReady && m_store && !isBusy()) {
        KubeConnection *cluster = currentKube();
        for (const Deployment &d : m_store->model()->rows()) {
            if (d.source == u"kubernetes" && cluster && cluster->watcher()->revisions(d.name).size() > 1 && selectDeployment(d.name)) {
                m_rollbackWhenReady = false;
                // Not from inside the store's signal: the dialog runs its own event loop.
                QTimer::singleShot(0, this, &DeploymentsPanel::rollbackSelected);
                break;
            }
        }
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

QString DeploymentsPanel::kubeStatusLine() const
{
    KubeConnection *kube = currentKube();
    if (!kube)
        return {};
    const KubeSnapshot &s = kube->watcher()->snapshot();
    const QString where = kube->namespaces().isEmpty() ? tr("every namespace") : kube->namespaces().join(QLatin1String(", "));
    QString line;
    switch (s.connection) {
    case KubeSnapshot::Connection::Live:
        line = tr("Kubernetes %1 (%2), live").arg(s.context, where).toHtmlEscaped();
        break;
    case KubeSnapshot::Connection::Unavailable:
        line = s.listedMs > 0 ? QStringLiteral("<span style=\"color:%1\">%2</span>")
                                    .arg(toneTextHtml(BadgeTone::Warning),
                                         tr("Kubernetes %1: %2; the rows are from %3 ago.")
                                             .arg(s.context, s.error, compactDuration(QDateTime::currentMSecsSinceEpoch() - s.listedMs))
                                             .toHtmlEscaped())
                              : tr("Kubernetes %1 is not available (%2). The panel fills in when it answers.").arg(s.context, s.error).toHtmlEscaped();
        break;
    case KubeSnapshot::Connection::Connecting:
        line = tr("Connecting to Kubernetes %1 at %2…").arg(s.context, s.server).toHtmlEscaped();
        break;
    }
    // Said every time, beside the data: nothing proves this cluster is the one it claims to be.
    if (s.insecure)
        line += QStringLiteral(" <span style=\"color:%1\">%2</span>")
                    .arg(toneTextHtml(BadgeTone::Warning), tr("(TLS not verified: insecure-skip-tls-verify)").toHtmlEscaped());
    return line;
}

void DeploymentsPanel::updateStatusLine()
{
    DockerWatcher *watcher = m_store ? m_store->currentWatcher() : nullptr;
    if (!m_store) {
        m_status->clear();
        m_emptyHint->setText(tr("No profile is open."));
        return;
    }
    const QString kube = kubeStatusLine();
    auto show = [this, &kube](const QString &docker) {
        QStringList lines;
        if (!docker.isEmpty())
            lines << docker;
        if (!kube.isEmpty())
            lines << kube;
        m_status->setText(lines.join(QLatin1String("<br>")));
    };
    if (!watcher) {
        const QString problem = m_store->currentProblem();
        // A profile with a cluster and no engine is not a problem to shout about.
        show(currentKube() ? QString() : problem.toHtmlEscaped());
        m_emptyHint->setText(currentKube() ? tr("No Deployment in the namespaces watched.")
                                           : tr("No Docker engine for %1: %2").arg(m_store->current(), problem));
        return;
    }
    const DockerSnapshot &s = watcher->snapshot();
    switch (s.connection) {
    case DockerSnapshot::Connection::Live:
        show(tr("Docker %1 at %2, live").arg(s.engineVersion, s.host).toHtmlEscaped());
        m_emptyHint->setText(tr("Docker at %1 runs no container.").arg(s.host));
        break;
    case DockerSnapshot::Connection::Unavailable:
        show(tr("Docker is not available for %1 (%2). The panel fills in when it answers.").arg(s.environment, s.error).toHtmlEscaped());
        m_emptyHint->setText(tr("Docker is not available: %1").arg(s.error));
        break;
    case DockerSnapshot::Connection::Connecting:
        if (s.listedMs > 0)
            show(QStringLiteral("<span style=\"color:%1\">%2</span>")
                     .arg(toneTextHtml(BadgeTone::Warning),
                          tr("Reconnecting to Docker (%1); the rows are from %2 ago.")
                              .arg(s.error.toHtmlEscaped(), compactDuration(QDateTime::currentMSecsSinceEpoch() - s.listedMs))));
        else
            show((s.error.isEmpty() ? tr("Connecting to Docker at %1…").arg(s.host) : s.error).toHtmlEscaped());
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
    // A Deployment shows its revisions; a Compose service its replicas and logs.
    const bool kube = selectedIsKube();
    KubeConnection *cluster = currentKube();
    m_revisions->setRevisions(kube && cluster ? cluster->watcher()->revisions(name) : QList<KubeRevision>());
    if (m_revisions->rowCount() > 0 && !m_revisionColumnsFitted) {
        // The short columns fit what they hold once; the change-cause takes the rest.
        m_revisionColumnsFitted = true;
        for (int column : {KubeRevisionModel::RevisionColumn, KubeRevisionModel::CreatedColumn, KubeRevisionModel::ImageColumn})
            m_revisionView->resizeColumnToContents(column);
    }
    // The newest revision selected by default: what the latest rollout changed is the first question.
    if (m_revisionView->selectionModel()->selectedRows().isEmpty() && m_revisionView->model()->rowCount() > 0)
        m_revisionView->selectRow(0);
    showRevisionDiff();
    m_details->setTabVisible(m_details->indexOf(m_revisionPage), kube);
    m_details->setTabVisible(m_details->indexOf(m_containerView), !kube);
    m_details->setTabVisible(m_details->indexOf(m_logs), !kube);
    // Moving between a Deployment and a Compose service opens what the other has first.
    if (!m_lastSelectionKube || *m_lastSelectionKube != kube)
        m_details->setCurrentWidget(kube ? m_revisionPage : static_cast<QWidget *>(m_containerView));
    m_lastSelectionKube = kube;
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
    if (page == u"rollback") {
        m_rollbackWhenReady = true;
        onStoreChanged();
        return;
    }
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
    const bool kube = selectedIsKube();
    const Deployment *row = selectedRow();
    bool live = false;
    if (kube) {
        KubeConnection *cluster = currentKube();
        live = cluster && cluster->watcher()->snapshot().connection == KubeSnapshot::Connection::Live;
    } else {
        DockerWatcher *watcher = m_store ? m_store->currentWatcher() : nullptr;
        live = watcher && watcher->snapshot().connection == DockerSnapshot::Connection::Live;
    }
    // A service without a container or a Deployment has nothing to act on.
    const bool actionable = row && row->runsOnEngine();
    const bool can = live && !readOnly && actionable && !isBusy();
    m_stopButton->setVisible(!kube);
    m_startButton->setVisible(!kube);
    m_scaleButton->setVisible(kube);
    m_pauseButton->setVisible(kube);
    m_pauseButton->setText(row && row->paused ? tr("Resume rollout") : tr("Pause rollout"));
    for (QPushButton *b : {m_restartButton, m_stopButton, m_startButton, m_scaleButton, m_pauseButton, m_rollbackButton}) {
        b->setEnabled(can);
        b->setToolTip(readOnly   ? tr("Profile %1 is read-only").arg(profile->name)
                      : !live    ? (kube ? tr("Kubernetes is not live") : tr("Docker is not live"))
                      : isBusy() ? tr("Another action is running")
                                 : QString());
    }
    if (can && row->paused) {
        m_restartButton->setEnabled(false);
        m_restartButton->setToolTip(tr("The rollout is paused: resume it first"));
    }
}

bool DeploymentsPanel::confirm(const DockerRolloutRequest &request, const QString &title)
{
    return askToGo(title, tr("%1 %n replica(s) of %2 in %3?", nullptr, int(request.replicas.size())).arg(title, request.deployment, request.environment),
                   DockerRollout::plan(request, selectedReplicas()).join(u'\n'));
}

bool DeploymentsPanel::askToGo(const QString &title, const QString &question, const QString &details)
{
    QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deployConfirm"));
    box.setInformativeText(details);
    QPushButton *go = box.addButton(title, QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("deployConfirmGo"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == go;
}

void DeploymentsPanel::actionEnded(const QString &title, const QString &target, bool ok, const QString &message)
{
    m_progress->clear();
    m_silence->end();
    const QString note = m_silence->takeNote();
    m_message->setText(QStringLiteral("<span style=\"color:%1\">%2</span>%3")
                           .arg(toneTextHtml(ok ? BadgeTone::Good : BadgeTone::Bad), message.toHtmlEscaped(),
                                note.isEmpty() ? QString() : QStringLiteral("; ") + note.toHtmlEscaped()));
    updateActions();
    Q_EMIT actionFinished(tr("%1 %2").arg(title, target), message, ok);
}

void DeploymentsPanel::restartSelected()
{
    if (selectedIsKube()) {
        KubeActionRequest request;
        request.kind = KubeActionRequest::Kind::Restart;
        runKubeAction(request, tr("Restart"),
                      tr("Restart every pod of %1? The Deployment rolls out new pods as for a new template "
                         "(kubectl rollout restart), within its maxUnavailable and maxSurge.")
                          .arg(selectedDeployment()));
        return;
    }
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
    if (name.isEmpty() || !m_store || isBusy())
        return;
    if (selectedIsKube()) {
        KubeConnection *cluster = currentKube();
        const KubeDeployment *deployment = cluster ? cluster->watcher()->deployment(name) : nullptr;
        if (!deployment)
            return;
        KubeRollbackDialog dialog(*selectedRow(), *deployment, cluster->watcher()->revisions(name), m_silence->available(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        KubeActionRequest request;
        request.kind = KubeActionRequest::Kind::Rollback;
        request.toRevision = dialog.toRevision();
        request.reason = dialog.reason();
        runKubeAction(request, tr("Roll back"), {}, dialog.silenceMatchers());
        return;
    }
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
    if (!watcher || !profile || isBusy() || selectedDeployment().isEmpty())
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
        m_history->setChanges(m_store ? m_store->history(request.deployment) : QList<DeployChange>());
        actionEnded(title, request.deployment, result.ok, result.message);
    });
    updateActions();
    m_silence->begin(silence, tr("ACK: %1 of %2 in %3 to %4 (OpsDeck), expired when it ends")
                                  .arg(rolloutActionKey(request.kind), request.deployment, request.environment, request.toImage));
    m_rollout->start();
}

const Deployment *DeploymentsPanel::selectedRow() const
{
    const QModelIndexList rows = m_deployments->selectionModel() ? m_deployments->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty() || !m_store)
        return nullptr;
    return m_store->model()->deployment(rows.first().data(DeploymentModel::KeyRole).toString());
}

bool DeploymentsPanel::selectedIsKube() const
{
    const Deployment *row = selectedRow();
    return row && row->source == u"kubernetes";
}

KubeConnection *DeploymentsPanel::currentKube() const
{
    return m_store ? m_store->kube(m_store->current()) : nullptr;
}

void DeploymentsPanel::scaleSelected()
{
    const Deployment *row = selectedRow();
    if (!row || !selectedIsKube() || isBusy())
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("scaleDialog"));
    dialog.setWindowTitle(tr("Scale %1").arg(row->name));
    dialog.setLabelText(tr("Replicas of %1 (now %2):").arg(row->name).arg(row->desired));
    dialog.setInputMode(QInputDialog::IntInput);
    dialog.setIntRange(0, 1000);
    dialog.setIntValue(row->desired);
    dialog.setOkButtonText(tr("Scale"));
    if (dialog.exec() != QDialog::Accepted || dialog.intValue() == row->desired)
        return;
    KubeActionRequest request;
    request.kind = KubeActionRequest::Kind::Scale;
    request.replicas = dialog.intValue();
    // The count was asked in the dialog; to 0 is asked once more, as it stops the service.
    runKubeAction(request, tr("Scale"),
                  request.replicas == 0 ? tr("Scale %1 to 0? Every pod stops: the service is down until it is scaled up again.").arg(row->name)
                                        : QString());
}

void DeploymentsPanel::pauseOrResumeSelected()
{
    const Deployment *row = selectedRow();
    if (!row || !selectedIsKube())
        return;
    KubeActionRequest request;
    request.kind = row->paused ? KubeActionRequest::Kind::Resume : KubeActionRequest::Kind::Pause;
    runKubeAction(request, row->paused ? tr("Resume") : tr("Pause"),
                  row->paused ? tr("Resume the rollouts of %1? A template changed while paused rolls out now.").arg(row->name)
                              : tr("Pause the rollouts of %1? Changes to its template wait until it is resumed; scaling still works.")
                                    .arg(row->name));
}

void DeploymentsPanel::runKubeAction(KubeActionRequest request, const QString &title, const QString &question,
                                     const std::vector<SilenceMatcher> &silence)
{
    KubeConnection *cluster = currentKube();
    const Profile *profile = m_store ? m_store->profile(m_store->current()) : nullptr;
    const Deployment *row = selectedRow();
    if (!cluster || !profile || !row || isBusy())
        return;
    request.environment = profile->name;
    request.nameSpace = row->project;
    request.name = row->service;
    const QString target = row->name;
    if (!question.isEmpty()
        && !askToGo(title, question, tr("Sent to %1 as a dry run first: nothing changes if the server refuses it.").arg(cluster->api()->serverText())))
        return;
    m_kubeAction = new KubeRollout(cluster->api(), AuditLog(AuditLog::defaultPath()),
                                   AuditActor{profile->operatorName, profile->name, QStringLiteral("gui")}, profile->readOnly, request, this);
    m_message->clear();
    connect(m_kubeAction, &KubeRollout::progress, this, [this](const QString &step) { m_progress->setText(step); });
    connect(m_kubeAction, &KubeRollout::finished, this, [this, title, target](const KubeActionResult &result) {
        m_kubeAction->deleteLater();
        m_kubeAction = nullptr;
        actionEnded(title, target, result.ok, result.message);
    });
    updateActions();
    if (!silence.empty())
        m_silence->begin(silence, tr("ACK: %1 of %2 in %3 to revision %4 (OpsDeck), expired when it ends")
                                      .arg(kubeActionKey(request.kind), target, request.environment)
                                      .arg(request.toRevision));
    m_kubeAction->start();
}

void DeploymentsPanel::showRevisionDiff()
{
    KubeConnection *cluster = currentKube();
    const QModelIndexList rows = m_revisionView->selectionModel()->selectedRows();
    const QList<KubeRevision> revisions = cluster && selectedIsKube() ? cluster->watcher()->revisions(selectedDeployment()) : QList<KubeRevision>();
    auto find = [&](qint64 revision) -> const KubeRevision * {
        for (const KubeRevision &r : revisions) {
            if (r.revision == revision)
                return &r;
        }
        return nullptr;
    };
    const KubeRevision *from = nullptr;
    const KubeRevision *to = nullptr;
    if (rows.size() == 1) {
        to = find(rows.first().data(KubeRevisionModel::RevisionRole).toLongLong());
        // The one before it: revisions are sorted oldest first.
        for (const KubeRevision &r : revisions) {
            if (to && r.revision < to->revision)
                from = &r;
        }
    } else if (rows.size() == 2) {
        const qint64 a = rows[0].data(KubeRevisionModel::RevisionRole).toLongLong();
        const qint64 b = rows[1].data(KubeRevisionModel::RevisionRole).toLongLong();
        from = find(std::min(a, b));
        to = find(std::max(a, b));
    }
    if (!to) {
        m_revisionDiff->setLines({});
        return;
    }
    // The first revision has nothing before it: its whole template, as it came.
    m_revisionDiff->setLines(kubeDiffLines(templateDiff(from ? from->podTemplate : QByteArray("{}"), to->podTemplate)));
    m_revisionDiff->setToolTip(from ? tr("Revision %1 → revision %2").arg(from->revision).arg(to->revision) : tr("Revision %1").arg(to->revision));
}

} // namespace opsdeck
