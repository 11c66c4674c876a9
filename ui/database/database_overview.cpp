#include "database_overview.h"

#include "badge_tone.h"
#include "common/compact_units.h"
#include "common/display_text.h"
#include "db/database_monitor.h"
#include "time_series_chart.h"

#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

constexpr qint64 chartSpanMs = 10 * 60 * 1000;
constexpr qint64 minimumSpanMs = 2 * 60 * 1000;

QString perSecond(double value)
{
    return value >= 100 ? QString::number(value, 'f', 0) : QString::number(value, 'f', 1);
}

// A line of the trend: one value per point, a gap where the point has none.
template<typename Value>
TimeSeriesChart::Line trendLine(const DatabaseMonitor &m, const QString &key, const QString &label, Value value)
{
    TimeSeriesChart::Line line;
    line.key = key;
    line.label = label;
    for (const DatabaseTrendPoint &p : m.trend()) {
        if (const std::optional<double> v = value(p))
            line.points.push_back({p.atMs, *v});
    }
    return line;
}

} // namespace

DatabaseOverview::DatabaseOverview(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    int row = 0;
    addFigure(grid, row, 0, QStringLiteral("server"), tr("Server"));
    addFigure(grid, row, 2, QStringLiteral("uptime"), tr("Up"));
    addFigure(grid, row++, 4, QStringLiteral("size"), tr("Size"));
    addFigure(grid, row, 0, QStringLiteral("connections"), tr("Connections"));
    addFigure(grid, row, 2, QStringLiteral("commits"), tr("Commits/s"));
    addFigure(grid, row++, 4, QStringLiteral("rollbacks"), tr("Rollbacks/s"));
    addFigure(grid, row, 0, QStringLiteral("cache"), tr("Cache hit"));
    addFigure(grid, row, 2, QStringLiteral("deadlocks"), tr("Deadlocks"));
    addFigure(grid, row++, 4, QStringLiteral("temp"), tr("Temp files"));
    addFigure(grid, row, 0, QStringLiteral("longest"), tr("Longest xact"));
    addFigure(grid, row, 2, QStringLiteral("xmin"), tr("Oldest xmin age"));
    addFigure(grid, row++, 4, QStringLiteral("xid"), tr("XID age"));
    for (const int c : {1, 3, 5})
        grid->setColumnStretch(c, 1);
    layout->addLayout(grid);

    m_replication = new QLabel(this);
    m_replication->setObjectName(QStringLiteral("replicationLabel"));
    m_replication->setTextFormat(Qt::RichText);
    m_replication->setWordWrap(true);
    layout->addWidget(m_replication);

    auto *charts = new QGridLayout;
    auto chart = [this](const QString &name, const QString &title, ValueUnit unit) {
        auto *c = new TimeSeriesChart(this);
        c->setObjectName(name);
        c->setTitle(title);
        c->setUnit(unit);
        c->setMinimumHeight(150);
        c->setGapMs(15000);
        return c;
    };
    m_connections = chart(QStringLiteral("connectionsChart"), tr("Connections by state"), ValueUnit::None);
    m_transactions = chart(QStringLiteral("transactionsChart"), tr("Transactions per second"), ValueUnit::PerSecond);
    m_tuples = chart(QStringLiteral("tuplesChart"), tr("Tuples per second"), ValueUnit::PerSecond);
    m_wal = chart(QStringLiteral("walChart"), tr("WAL written per second"), ValueUnit::Bytes);
    charts->addWidget(m_connections, 0, 0);
    charts->addWidget(m_transactions, 0, 1);
    charts->addWidget(m_tuples, 1, 0);
    charts->addWidget(m_wal, 1, 1);
    layout->addLayout(charts, 1);
}

QLabel *DatabaseOverview::addFigure(QGridLayout *grid, int row, int column, const QString &key, const QString &label)
{
    auto *name = new QLabel(label, this);
    name->setForegroundRole(QPalette::PlaceholderText);
    auto *value = new QLabel(this);
    value->setObjectName(key + QStringLiteral("Figure"));
    value->setWordWrap(true);  // a long figure wraps rather than widen the page past the dock
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(name, row, column);
    grid->addWidget(value, row, column + 1);
    m_figures[key] = value;
    return value;
}

QString DatabaseOverview::figure(const QString &key) const
{
    const auto it = m_figures.find(key);
    return it == m_figures.end() ? QString() : it->second->text();
}

void DatabaseOverview::showMonitor(const DatabaseMonitor *monitor)
{
    if (!monitor || !monitor->snapshot().hasData()) {
        for (auto &[key, label] : m_figures)
            label->setText(QStringLiteral("–"));
        m_replication->clear();
        for (TimeSeriesChart *c : {m_connections, m_transactions, m_tuples, m_wal})
            c->setLines({});
        return;
    }
    const DatabaseSnapshot &s = monitor->snapshot();
    const PgServerSample &server = s.server;
    const pg::ActivitySummary a = pg::summarizeActivity(s.sessions, server.serverTimeMs);
    auto set = [this](const QString &key, const QString &text, BadgeTone tone = BadgeTone::Neutral, const QString &tip = {}) {
        QLabel *label = m_figures.at(key);
        label->setText(text);
        label->setToolTip(tip);
        label->setStyleSheet(tone == BadgeTone::Neutral ? QString() : QStringLiteral("color: %1").arg(toneTextHtml(tone)));
    };
    QString role = server.inRecovery ? tr("standby") : tr("primary");
    if (server.readOnly)
        role += tr(", read-only");
    set(QStringLiteral("server"), tr("PostgreSQL %1 · %2").arg(server.version.section(u' ', 0, 0), role), BadgeTone::Neutral,
        singleLine(server.version, 200));
    set(QStringLiteral("uptime"), compactDuration(server.serverTimeMs - server.startedAtMs));
    set(QStringLiteral("size"), server.databaseBytes > 0 ? compactBytes(double(server.databaseBytes)) : QStringLiteral("–"));
    const double used = server.maxConnections > 0 ? double(a.total) / server.maxConnections : 0;
    set(QStringLiteral("connections"),
        tr("%1 of %2: %3 active, %4 idle, %5 idle in xact, %6 waiting")
            .arg(a.total).arg(server.maxConnections).arg(a.active).arg(a.idle).arg(a.idleInTransaction).arg(a.waitingOnLock),
        used > 0.9 ? BadgeTone::Bad : used > 0.75 ? BadgeTone::Warning : BadgeTone::Neutral,
        tr("Client connections against max_connections; background processes are not counted"));
    if (s.rates) {
        const PgRates &r = *s.rates;
        const QString over = tr("Over the last %1 ms between two samples, by the server's clock").arg(r.intervalMs);
        set(QStringLiteral("commits"), perSecond(r.commitsPerS), BadgeTone::Neutral, over);
        set(QStringLiteral("rollbacks"), perSecond(r.rollbacksPerS), r.rollbacksPerS > r.commitsPerS * 0.1 && r.rollbacksPerS > 1
                                                                           ? BadgeTone::Warning : BadgeTone::Neutral, over);
        set(QStringLiteral("cache"), r.cacheHitRatio < 0 ? tr("no reads") : QStringLiteral("%1 %").arg(r.cacheHitRatio * 100, 0, 'f', 1),
            r.cacheHitRatio >= 0 && r.cacheHitRatio < 0.9 ? BadgeTone::Warning : BadgeTone::Neutral, over);
        set(QStringLiteral("temp"), tr("%1/s").arg(compactBytes(r.tempBytesPerS)));
    } else {
        for (const QString &key : {QStringLiteral("commits"), QStringLiteral("rollbacks"), QStringLiteral("cache"), QStringLiteral("temp")})
            set(key, QStringLiteral("–"), BadgeTone::Neutral, tr("A rate needs two samples in a row"));
    }
    set(QStringLiteral("deadlocks"), s.rates && s.rates->deadlocks > 0 ? tr("%1 (%2 new)").arg(server.deadlocks).arg(s.rates->deadlocks)
                                                                       : QString::number(server.deadlocks),
        s.rates && s.rates->deadlocks > 0 ? BadgeTone::Bad : BadgeTone::Neutral, tr("Since the statistics were last reset"));
    set(QStringLiteral("longest"), a.longestTransactionPid ? tr("%1 (pid %2)").arg(compactDuration(a.longestTransactionMs)).arg(a.longestTransactionPid)
                                                           : tr("none open"),
        a.longestTransactionMs > 3600 * 1000 ? BadgeTone::Bad : a.longestTransactionMs > 300 * 1000 ? BadgeTone::Warning : BadgeTone::Neutral,
        tr("A long transaction holds its locks and keeps vacuum from removing old rows"));
    set(QStringLiteral("xmin"), QString::number(server.oldestXminAge), server.oldestXminAge > 10'000'000 ? BadgeTone::Warning : BadgeTone::Neutral,
        tr("Transactions since the oldest snapshot a session still holds"));
    // Wraparound protection starts at autovacuum_freeze_max_age (200 million by default); the hard stop is near 2 billion.
    set(QStringLiteral("xid"), QString::number(server.frozenXidAge),
        server.frozenXidAge > 1'000'000'000 ? BadgeTone::Bad : server.frozenXidAge > 200'000'000 ? BadgeTone::Warning : BadgeTone::Neutral,
        tr("Transaction IDs since the oldest unfrozen one (wraparound at about 2 billion)"));

    QStringList replication;
    for (const PgReplica &r : s.replicas) {
        const QString lag = r.replayLagS < 0 ? tr("in sync") : tr("replay lag %1 s").arg(r.replayLagS, 0, 'f', 1);
        replication << tr("Standby <b>%1</b> (%2, %3): write %4 s, flush %5 s, %6, %7 behind")
                           .arg(singleLine(r.name, 64).toHtmlEscaped(), r.client.toHtmlEscaped(), r.syncState.toHtmlEscaped())
                           .arg(r.writeLagS < 0 ? 0 : r.writeLagS, 0, 'f', 1).arg(r.flushLagS < 0 ? 0 : r.flushLagS, 0, 'f', 1)
                           .arg(lag, compactBytes(r.replayBytesBehind));
    }
    for (const PgSlot &slot : s.replicationSlots) {
        replication << tr("Slot <b>%1</b> (%2, %3): retains %4 of WAL")
                           .arg(slot.name.toHtmlEscaped(), slot.type, slot.active ? tr("active") : tr("inactive"), compactBytes(slot.retainedBytes));
    }
    if (replication.isEmpty())
        replication << tr("No standby and no replication slot.");
    m_replication->setText(replication.join(QStringLiteral("<br>")));
    updateCharts(*monitor);
}

void DatabaseOverview::updateCharts(const DatabaseMonitor &m)
{
    // The last ten minutes, or less while there is less: a minute of data is not squeezed into a corner.
    const qint64 to = m.snapshot().server.serverTimeMs;
    const qint64 first = m.trend().empty() ? to : m.trend().front().atMs;
    const qint64 from = std::max(to - chartSpanMs, std::min(first, to - minimumSpanMs));
    for (TimeSeriesChart *c : {m_connections, m_transactions, m_tuples, m_wal})
        c->setTimeRange(from, to);
    auto count = [](int pg::ActivitySummary::*member) {
        return [member](const DatabaseTrendPoint &p) { return std::optional<double>(p.activity.*member); };
    };
    std::vector<TimeSeriesChart::Line> connections;
    connections.push_back(trendLine(m, QStringLiteral("active"), tr("active"), count(&pg::ActivitySummary::active)));
    connections.push_back(trendLine(m, QStringLiteral("idle"), tr("idle"), count(&pg::ActivitySummary::idle)));
    connections.push_back(trendLine(m, QStringLiteral("idletx"), tr("idle in xact"), count(&pg::ActivitySummary::idleInTransaction)));
    connections.push_back(trendLine(m, QStringLiteral("waiting"), tr("waiting on lock"), count(&pg::ActivitySummary::waitingOnLock)));
    // max_connections is drawn once it is near enough to matter: a line at 100 would flatten 8 connections to nothing.
    const int maxConnections = m.snapshot().server.maxConnections;
    int peak = 0;
    for (const DatabaseTrendPoint &p : m.trend())
        peak = std::max(peak, p.activity.total);
    m_connections->setTitle(tr("Connections by state (max %1)").arg(maxConnections));
    m_connections->setThresholds(peak * 2 > maxConnections ? QList<TimeSeriesChart::Threshold>{{double(maxConnections), tr("max_connections")}}
                                                           : QList<TimeSeriesChart::Threshold>{});
    m_connections->setLines(std::move(connections));

    auto rate = [](double PgRates::*member) {
        return [member](const DatabaseTrendPoint &p) { return p.rates ? std::optional<double>((*p.rates).*member) : std::nullopt; };
    };
    std::vector<TimeSeriesChart::Line> transactions;
    transactions.push_back(trendLine(m, QStringLiteral("commits"), tr("commits"), rate(&PgRates::commitsPerS)));
    transactions.push_back(trendLine(m, QStringLiteral("rollbacks"), tr("rollbacks"), rate(&PgRates::rollbacksPerS)));
    m_transactions->setLines(std::move(transactions));
    std::vector<TimeSeriesChart::Line> tuples;
    tuples.push_back(trendLine(m, QStringLiteral("read"), tr("read"), rate(&PgRates::tuplesReadPerS)));
    tuples.push_back(trendLine(m, QStringLiteral("written"), tr("written"), rate(&PgRates::tuplesWrittenPerS)));
    m_tuples->setLines(std::move(tuples));
    std::vector<TimeSeriesChart::Line> wal;
    wal.push_back(trendLine(m, QStringLiteral("wal"), tr("WAL"), rate(&PgRates::walBytesPerS)));
    wal.push_back(trendLine(m, QStringLiteral("temp"), tr("temp files"), rate(&PgRates::tempBytesPerS)));
    m_wal->setLines(std::move(wal));
}

} // namespace opsdeck
