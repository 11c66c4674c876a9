#pragma once

// The users' monitoring database as an alert source: the rows of
// alerts(id, timestamp, alert_type, severity, source, message, resolved) that
// are not resolved. Acknowledging such an alert marks it resolved.

#include "alerts/alerts.h"
#include "config/config.h"

#include <QObject>

#include <memory>

namespace opsdeck {

class PgWorker;

class DatabaseAlertSource : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseAlertSource(DatabaseConfig config, QObject *parent = nullptr);
    ~DatabaseAlertSource() override;

    const QString &name() const { return m_config.name; }
    void refresh();
    // Marks the row resolved; answers with resolved(). Idempotent: a row
    // already resolved counts as done.
    quint64 resolve(qint64 id);

    // The row as an alert: alertname = alert_type, severity, source and
    // alert_id as labels, the message as its summary.
    static Alert alertFromRow(const QString &sourceName, qint64 id, qint64 timestampMs, const QString &type,
                              const QString &severity, const QString &origin, const QString &message);

Q_SIGNALS:
    void snapshot(const opsdeck::AlertSnapshot &snapshot);
    void resolved(quint64 operation, bool ok, const QString &error);

private:
    DatabaseConfig m_config;
    std::unique_ptr<PgWorker> m_worker;
    bool m_refreshing = false;
    quint64 m_nextOperation = 1;
};

} // namespace opsdeck
