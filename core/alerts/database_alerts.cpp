#include "alerts/database_alerts.h"

#include "db/pg_worker.h"

#include <QDateTime>
#include <QPointer>

#include <pqxx/pqxx>

#include <algorithm>

namespace opsdeck {

namespace {

constexpr int maxRows = 10000;

} // namespace

DatabaseAlertSource::DatabaseAlertSource(DatabaseConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_worker(std::make_unique<PgWorker>(m_config, 10000, QStringLiteral("alerts")))
{
    qRegisterMetaType<AlertSnapshot>();
}

DatabaseAlertSource::~DatabaseAlertSource() = default;

Alert DatabaseAlertSource::alertFromRow(const QString &sourceName, qint64 id, qint64 timestampMs, const QString &type,
                                        const QString &severity, const QString &origin, const QString &message)
{
    Alert alert;
    alert.source = sourceName;
    alert.sourceKind = AlertSourceKind::Database;
    alert.databaseId = id;
    alert.labels = {{"alert_id", std::to_string(id)},
                    {"alertname", type.toStdString()},
                    {"severity", severity.toStdString()},
                    {"source", origin.toStdString()}};
    std::sort(alert.labels.begin(), alert.labels.end());
    alert.annotations = {{"summary", message.toStdString()}};
    alert.fingerprint = fingerprintOf(alert.labels);
    alert.startsAtMs = timestampMs;
    alert.updatedAtMs = timestampMs;
    alert.state = AlertState::Firing;
    return alert;
}

void DatabaseAlertSource::refresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    QPointer<DatabaseAlertSource> self(this);
    const QString name = m_config.name;
    const std::string table = m_config.alertsTable.toStdString();
    const QString answeredBy = QStringLiteral("%1:%2/%3").arg(m_config.host).arg(m_config.port).arg(m_config.dbname);
    auto deliver = [self](AlertSnapshot taken) {
        deliverToOwner(self, [taken = std::move(taken)](DatabaseAlertSource *source) {
            source->m_refreshing = false;
            Q_EMIT source->snapshot(taken);
        });
    };
    PgJob job;
    job.run = [=](pqxx::connection &connection) {
        pqxx::read_transaction tx(connection);
        const std::string sql =
            "SELECT id, (extract(epoch FROM timestamp) * 1000)::bigint, alert_type, severity, source, message FROM "
            + tx.quote_name(table) + " WHERE resolved IS NOT TRUE ORDER BY timestamp DESC LIMIT "
            + std::to_string(maxRows);
        const pqxx::result rows = tx.exec(sql);
        AlertSnapshot taken;
        taken.source = name;
        taken.kind = AlertSourceKind::Database;
        taken.ok = true;
        taken.answeredBy = answeredBy;
        taken.fetchedAtMs = QDateTime::currentMSecsSinceEpoch();
        taken.alerts.reserve(size_t(rows.size()));
        for (const auto &row : rows) {
            auto text = [&](int column) { return QString::fromUtf8(row[column].c_str()); };
            taken.alerts.push_back(alertFromRow(name, row[0].as<qint64>(), row[1].as<qint64>(), text(2), text(3), text(4), text(5)));
        }
        if (rows.size() == maxRows)
            taken.warnings << QStringLiteral("showing the newest %1 open alerts only").arg(maxRows);
        deliver(std::move(taken));
    };
    job.onError = [=](const QString &error) {
        AlertSnapshot taken;
        taken.source = name;
        taken.kind = AlertSourceKind::Database;
        taken.error = error;
        taken.fetchedAtMs = QDateTime::currentMSecsSinceEpoch();
        deliver(std::move(taken));
    };
    m_worker->submit(std::move(job));
}

quint64 DatabaseAlertSource::resolve(qint64 id)
{
    const quint64 operation = m_nextOperation++;
    QPointer<DatabaseAlertSource> self(this);
    const std::string table = m_config.alertsTable.toStdString();
    auto deliver = [self, operation](bool ok, QString error) {
        deliverToOwner(self, [operation, ok, error](DatabaseAlertSource *source) { Q_EMIT source->resolved(operation, ok, error); });
    };
    PgJob job;
    job.run = [=](pqxx::connection &connection) {
        pqxx::work tx(connection);
        const pqxx::result exists = tx.exec("SELECT resolved FROM " + tx.quote_name(table) + " WHERE id = " + tx.quote(id));
        if (exists.empty()) {
            deliver(false, QStringLiteral("alert %1 is not in the table").arg(id));
            return;
        }
        // exec, not exec0: libpqxx 7.10 deprecates exec0, and an UPDATE without RETURNING has no rows.
        tx.exec("UPDATE " + tx.quote_name(table) + " SET resolved = true WHERE id = " + tx.quote(id));
        tx.commit();
        deliver(true, {});
    };
    job.onError = [=](const QString &error) { deliver(false, error); };
    m_worker->submit(std::move(job));
    return operation;
}

} // namespace opsdeck
