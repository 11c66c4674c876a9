#include "state_keeper.h"

#include "alert_model.h"
#include "common/logging.h"
#include "db/database_monitor.h"
#include "deployment_model.h"
#include "deployment_store.h"
#include "health_model.h"
#include "profile_session.h"
#include "state/state_codec.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <QTimer>

#include <mutex>

namespace opsdeck {

namespace {

// Writes go one at a time, and an older picture never overwrites a newer one
// (two saves of a part can be queued when a session ends right after a tick).
std::mutex writeMutex;
QHash<QString, qint64> newestWritten;  // file path → saved_at; under writeMutex

// The writes not yet known to have ended, by folder (GUI thread only): a session of
// the same profile opened again at once (wall mode, a reload) reads what the last
// one saved, not the file before it.
QHash<QString, QList<QFuture<void>>> &pendingWrites()
{
    static QHash<QString, QList<QFuture<void>>> pending;
    return pending;
}

bool anyHealthRestored(const HealthModel *model)
{
    for (int row = 0; row < model->serviceCount(); ++row) {
        if (model->isRestored(row))
            return true;
    }
    return false;
}

} // namespace

StateKeeper::StateKeeper(ProfileSession *session, DeploymentStore *deployments, QObject *parent)
    : QObject(parent),
      m_session(session),
      m_deployments(deployments),
      m_files(LastKnownState::folderFor(session->profile().name)),
      m_saveTimer(new QTimer(this)),
      m_checkTimer(new QTimer(this))
{
    connect(m_saveTimer, &QTimer::timeout, this, &StateKeeper::saveNow);
    m_checkTimer->setInterval(1000);
    connect(m_checkTimer, &QTimer::timeout, this, &StateKeeper::checkRestored);
}

StateKeeper::~StateKeeper()
{
    saveNow();
}

void StateKeeper::restore()
{
    using Part = LastKnownState::Part;
    // Milliseconds at most: small local files, and only right after the same profile's session ended.
    for (QFuture<void> &write : pendingWrites().take(m_files.folder()))
        write.waitForFinished();
    if (const auto loaded = m_files.load(Part::Health)) {
        const QList<ServiceHealth> services = state::healthFromJson(loaded->payload.toArray());
        for (const ServiceHealth &h : services)
            m_session->healthModel()->restoreHealth(h);
        if (anyHealthRestored(m_session->healthModel()))
            m_restoredAt.insert(Part::Health, loaded->savedAtMs);
    }
    if (const auto loaded = m_files.load(Part::Alerts)) {
        for (const AlertSnapshot &s : state::alertsFromJson(loaded->payload.toArray()))
            m_session->alertModel()->restoreSnapshot(s);
        m_restoredAt.insert(Part::Alerts, loaded->savedAtMs);
    }
    if (const auto loaded = m_files.load(Part::Databases)) {
        for (const DatabaseSnapshot &s : state::databasesFromJson(loaded->payload.toArray())) {
            if (DatabaseMonitor *m = m_session->databaseMonitor(s.database))
                m->restore(s);
        }
        m_restoredAt.insert(Part::Databases, loaded->savedAtMs);
    }
    if (const auto loaded = m_files.load(Part::Deployments); loaded && m_deployments) {
        m_deployments->restoreCurrent(state::deploymentsFromJson(loaded->payload.toArray()));
        m_restoredAt.insert(Part::Deployments, loaded->savedAtMs);
    }
    checkRestored();
    if (!m_restoredAt.isEmpty()) {
        logInfo(QStringLiteral("last known state: %1 shown from %2 until fresh data arrives")
                    .arg(m_files.folder(), QDateTime::fromMSecsSinceEpoch(restoredSavedAtMs()).toString(Qt::ISODate)));
    }
}

void StateKeeper::start(int intervalMs)
{
    m_saveTimer->start(intervalMs);
    m_checkTimer->start();
}

void StateKeeper::saveNow()
{
    using Part = LastKnownState::Part;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    QList<ServiceHealth> health;
    const HealthModel *healthModel = m_session->healthModel();
    for (int row = 0; row < healthModel->serviceCount(); ++row) {
        const QString name = healthModel->data(healthModel->index(row, 0), HealthModel::ServiceNameRole).toString();
        if (std::optional<ServiceHealth> h = healthModel->lastHealth(name))
            health << *h;
    }
    if (!health.isEmpty())
        write(Part::Health, state::healthToJson(health), now);

    QList<AlertSnapshot> alerts;
    for (const AlertModel::SourceState &s : m_session->alertModel()->sources()) {
        if (s.lastGoodAtMs <= 0)
            continue;
        AlertSnapshot snapshot;
        snapshot.source = s.name;
        snapshot.kind = s.kind;
        snapshot.ok = true;
        snapshot.answeredBy = s.answeredBy;
        snapshot.fetchedAtMs = s.lastGoodAtMs;
        snapshot.alerts = s.alerts;
        snapshot.silences = s.silences;
        snapshot.warnings = s.warnings;
        alerts << snapshot;
    }
    if (!alerts.isEmpty())
        write(Part::Alerts, state::alertsToJson(alerts), now);

    QList<DatabaseSnapshot> databases;
    for (const DatabaseMonitor *m : m_session->databaseMonitors()) {
        if (m->snapshot().hasData())
            databases << m->snapshot();
    }
    if (!databases.isEmpty())
        write(Part::Databases, state::databasesToJson(databases), now);

    if (m_deployments && m_deployments->current() == m_session->profile().name) {
        QList<Deployment> rows;
        for (const Deployment &d : m_deployments->model()->rows()) {
            if (d.runsOnEngine())  // the services' own rows are live
                rows << d;
        }
        write(Part::Deployments, state::deploymentsToJson(rows), now);
    }
}

void StateKeeper::write(LastKnownState::Part part, const QJsonValue &payload, qint64 nowMs)
{
    const QByteArray bytes = m_files.encode(part, payload, nowMs);
    if (bytes.isEmpty())
        return;
    const LastKnownState files = m_files;
    // The global pool: QCoreApplication waits for it on exit, so the last save lands.
    QList<QFuture<void>> &pending = pendingWrites()[files.folder()];
    pending.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
    pending << QtConcurrent::run(QThreadPool::globalInstance(), [files, part, bytes, nowMs] {
        const std::lock_guard lock(writeMutex);
        const QString key = files.folder() + u'/' + LastKnownState::partName(part);
        if (newestWritten.value(key) > nowMs)
            return;
        if (const QString error = files.write(part, bytes); !error.isEmpty())
            logWarn(QStringLiteral("last known state: %1").arg(error));
        else
            newestWritten.insert(key, nowMs);
    });
}

qint64 StateKeeper::restoredSavedAtMs() const
{
    qint64 oldest = 0;
    for (qint64 at : m_restoredAt)
        oldest = oldest == 0 ? at : std::min(oldest, at);
    return oldest;
}

void StateKeeper::checkRestored()
{
    using Part = LastKnownState::Part;
    const qsizetype before = m_restoredAt.size();
    if (!anyHealthRestored(m_session->healthModel()))
        m_restoredAt.remove(Part::Health);
    const auto &sources = m_session->alertModel()->sources();
    if (std::none_of(sources.begin(), sources.end(), [](const AlertModel::SourceState &s) { return s.restored; }))
        m_restoredAt.remove(Part::Alerts);
    const auto &monitors = m_session->databaseMonitors();
    if (std::none_of(monitors.begin(), monitors.end(), [](const DatabaseMonitor *m) { return m->snapshot().restored; }))
        m_restoredAt.remove(Part::Databases);
    if (!m_deployments || !m_deployments->showsRestored())
        m_restoredAt.remove(Part::Deployments);
    if (!m_restoredAt.isEmpty() || m_restoredAt.size() != before)
        Q_EMIT restoredChanged();
}

} // namespace opsdeck
