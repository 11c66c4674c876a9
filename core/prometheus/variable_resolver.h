#pragma once

#include "dashboards/dashboard_variables.h"
#include "prometheus/prometheus_api.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace opsdeck {

// Finds the options of a dashboard's variables and keeps what is selected.
// Query variables ask Prometheus (label_values, label_names, metrics,
// query_result, series); a variable whose query names another ($job in
// label_values(node_uname_info{job="$job"}, instance)) is asked once that one
// is known, and again whenever its selection changes. A failed question is
// asked again after a while, and so is one that found nothing yet; until then
// the variable says why it has no options.
class VariableResolver : public QObject
{
    Q_OBJECT
public:
    explicit VariableResolver(QList<DashboardVariable> variables, QObject *parent = nullptr);

    // Where query variables are asked; without one they say so.
    void setClient(PrometheusClient *client);
    // The range label_values and friends look at (Grafana: the dashboard's range);
    // the dashboard moves it with the live range.
    void setTimeRange(qint64 fromMs, qint64 toMs);
    // Asks for every variable's options, in order (on load, after a profile change).
    void resolveAll();

    const QList<DashboardVariable> &variables() const { return m_variables; }
    QStringList options(const QString &name) const;  // without "All"
    bool isAllSelected(const QString &name) const;
    QStringList selection(const QString &name) const;  // the chosen values ("All": every option)
    QString error(const QString &name) const;          // why a variable has no options ("" if none)
    bool isResolving(const QString &name) const;
    // True when no variable waits for an answer: queries can be written.
    bool isReady() const;
    VariableValues values() const;

    void select(const QString &name, const QStringList &values);
    void selectAll(const QString &name);

    static constexpr int retryMs = 15000;

Q_SIGNALS:
    void optionsChanged(const QString &name);  // options, selection, error or resolving state
    void valuesChanged();                      // what the queries stand for changed

private:
    struct State {
        QStringList options;
        QStringList selected;
        bool all = false;
        bool resolving = false;
        bool chosen = false;  // a selection exists (saved or made); otherwise the default is taken
        QString error;
    };
    int indexOf(const QString &name) const;
    const State *stateOf(const QString &name) const;  // null for a name that is no variable
    // Variables after `index` that use it, directly or through another.
    QList<int> dependentsOf(int index) const;
    void resolveFrom(QList<int> queue);
    void resolveNext();
    void onAnswer(quint64 id, const PromApiResult &result);
    void setOptions(int index, QStringList options, const QString &error);
    void chooseSelection(int index);
    bool needsAnotherTry(int index) const;  // failed, or a query that found nothing

    QList<DashboardVariable> m_variables;
    QList<State> m_states;
    QPointer<PrometheusClient> m_client;
    QMetaObject::Connection m_connection;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QList<int> m_queue;  // variables still to ask, in order
    quint64 m_pendingId = 0;
    int m_pendingIndex = -1;
    QTimer m_retry;
};

} // namespace opsdeck
