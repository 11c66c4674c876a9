#pragma once

// Alertmanager API v2: decoding its answers (any version from 0.22 on), and a
// client for one cluster. A cluster is a list of member URLs: reads go to the
// member that answered last and fail over to the next on errors; writes
// (silences) are idempotent across retries through the ack id in the comment.

#include "alerts/alerts.h"
#include "config/config.h"
#include "net/http_client.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace opsdeck {

struct AmDecode {
    bool ok = false;
    QString error;
    std::vector<Alert> alerts;
    std::vector<Silence> silences;
};

// /api/v2/alerts/groups: alerts that sit in several groups (several receivers)
// are reported once, with the receivers merged.
AmDecode decodeAlertGroups(const QByteArray &body, const QString &source);
// /api/v2/silences, or one silence from /api/v2/silence/{id} (an object).
AmDecode decodeSilences(const QByteArray &body);
// The POST /api/v2/silences body; id is sent when set (an update).
QByteArray encodeSilence(const Silence &silence);
// {"silenceID": "..."}; empty when the answer has none.
QString decodeSilenceId(const QByteArray &body);
// Alertmanager's own words from an error answer (a JSON string, an object
// with "message" or "error", or text), shortened to one line.
QString alertmanagerErrorText(const HttpResponse &response);

// What a write came to.
struct SilenceWriteResult {
    bool ok = false;
    QString silenceId;
    QString answeredBy;  // the member that took it
    int httpStatus = 0;
    QString error;       // Alertmanager's message as it is, or what failed on the way
    bool deduplicated = false;  // a retry found the silence an earlier attempt had created
};

class AlertmanagerClient : public QObject
{
    Q_OBJECT
public:
    AlertmanagerClient(HttpClient *http, AlertmanagerConfig config, QObject *parent = nullptr);
    ~AlertmanagerClient() override;

    const AlertmanagerConfig &config() const { return m_config; }
    void setAuth(const HttpAuth &auth) { m_auth = auth; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // The member reads start with: the one that answered last.
    QUrl currentMember() const;

    // Reads alerts (by group) and silences from one member; emits snapshot().
    void refresh();

    // Creates (or, with an id, updates) a silence. The comment must carry an
    // ack marker (ackMarker()): on a timeout or a 5xx the client looks for a
    // silence with that marker before sending again, so a slow answer never
    // makes a second silence. A 4xx is never retried.
    quint64 writeSilence(const Silence &silence);
    quint64 expireSilence(const QString &silenceId);

Q_SIGNALS:
    void snapshot(const opsdeck::AlertSnapshot &snapshot);
    void silenceWritten(quint64 operation, const opsdeck::SilenceWriteResult &result);

private:
    struct Write;
    enum class Step { Groups, Silences, Post, Lookup, Delete, Confirm };

    HttpRequest request(int member, const QString &path) const;
    quint64 send(const HttpRequest &request, Step step, quint64 operation);
    void onFinished(quint64 id, const HttpResponse &response);
    void onRefreshAnswer(Step step, const HttpResponse &response);
    void failRefreshMember(const QString &why);
    void sendRefresh();
    void onWriteAnswer(Write &write, Step step, const HttpResponse &response);
    quint64 startWrite(std::unique_ptr<Write> write, QString refusal);
    void attemptWrite(Write &write);
    void finishWrite(quint64 operation, SilenceWriteResult result);
    QString memberName(int member) const;

    QPointer<HttpClient> m_http;
    AlertmanagerConfig m_config;
    HttpAuth m_auth;
    int m_timeoutMs = 10000;
    int m_preferred = 0;  // index into m_config.urls

    struct Refresh {
        bool active = false;
        int member = 0;
        int tried = 0;
        QStringList errors;
        AmDecode groups;
    } m_refresh;

    struct Pending {
        Step step;
        quint64 operation;  // 0 for refresh
    };
    QHash<quint64, Pending> m_pending;
    std::map<quint64, std::unique_ptr<Write>> m_writes;
    quint64 m_nextOperation = 1;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::SilenceWriteResult)
