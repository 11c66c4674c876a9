#include "alerts/alertmanager_api.h"

#include "alerts/ack_rules.h"
#include "common/logging.h"
#include "common/rfc3339.h"
#include "metrics/json_fields.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace opsdeck {

namespace {

using json = nlohmann::json;

using json_fields::labels;
using json_fields::string;

qint64 timeOf(const json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return 0;
    return parseRfc3339Ms(it->get<std::string>()).value_or(0);
}

QStringList stringsOf(const json &object, const char *key)
{
    QStringList out;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_array())
        return out;
    for (const json &v : *it) {
        if (v.is_string())
            out << QString::fromStdString(v.get<std::string>());
    }
    return out;
}

Alert readAlert(const json &a, const QString &source)
{
    Alert alert;
    alert.source = source;
    alert.sourceKind = AlertSourceKind::Alertmanager;
    alert.labels = labels(a, "labels");
    alert.annotations = labels(a, "annotations");
    alert.fingerprint = string(a, "fingerprint");
    if (alert.fingerprint.isEmpty())
        alert.fingerprint = fingerprintOf(alert.labels);
    alert.startsAtMs = timeOf(a, "startsAt");
    alert.endsAtMs = timeOf(a, "endsAt");
    alert.updatedAtMs = timeOf(a, "updatedAt");
    alert.generatorUrl = string(a, "generatorURL");
    if (const auto status = a.find("status"); status != a.end() && status->is_object()) {
        alert.silencedBy = stringsOf(*status, "silencedBy");
        alert.inhibitedBy = stringsOf(*status, "inhibitedBy");
    }
    if (const auto receivers = a.find("receivers"); receivers != a.end() && receivers->is_array()) {
        for (const json &r : *receivers) {
            if (r.is_object())
                alert.receivers << string(r, "name");
        }
    }
    // Alertmanager only holds alerts that fire; Prometheus keeps pending ones to itself.
    alert.state = alert.silencedBy.isEmpty() ? (alert.inhibitedBy.isEmpty() ? AlertState::Firing : AlertState::Inhibited)
                                             : AlertState::Silenced;
    return alert;
}

Silence readSilence(const json &s)
{
    Silence silence;
    silence.id = string(s, "id");
    silence.createdBy = string(s, "createdBy");
    silence.comment = string(s, "comment");
    silence.startsAtMs = timeOf(s, "startsAt");
    silence.endsAtMs = timeOf(s, "endsAt");
    silence.updatedAtMs = timeOf(s, "updatedAt");
    if (const auto status = s.find("status"); status != s.end() && status->is_object())
        silence.state = string(*status, "state");
    if (const auto matchers = s.find("matchers"); matchers != s.end() && matchers->is_array()) {
        for (const json &m : *matchers) {
            if (!m.is_object())
                continue;
            SilenceMatcher matcher;
            matcher.name = string(m, "name").toStdString();
            matcher.value = string(m, "value").toStdString();
            matcher.isRegex = m.value("isRegex", false);
            matcher.isEqual = m.value("isEqual", true);  // absent before 0.22: always equal
            silence.matchers.push_back(std::move(matcher));
        }
    }
    return silence;
}

} // namespace

AmDecode decodeAlertGroups(const QByteArray &body, const QString &source)
{
    return json_fields::decode<AmDecode>(body, [&](const json &document, AmDecode &result) {
        if (!document.is_array()) {
            result.error = QStringLiteral("expected a list of alert groups");
            return;
        }
        QHash<QString, std::size_t> seen;
        for (const json &group : document) {
            if (!group.is_object())
                continue;
            const Labels groupLabels = labels(group, "labels");
            const auto alerts = group.find("alerts");
            if (alerts == group.end() || !alerts->is_array())
                continue;
            for (const json &a : *alerts) {
                if (!a.is_object())
                    continue;
                Alert alert = readAlert(a, source);
                const auto it = seen.constFind(alert.fingerprint);
                if (it != seen.constEnd()) {
                    Alert &known = result.alerts[*it];
                    for (const QString &r : std::as_const(alert.receivers)) {
                        if (!known.receivers.contains(r))
                            known.receivers << r;
                    }
                    continue;
                }
                alert.groupLabels = groupLabels;
                seen.insert(alert.fingerprint, result.alerts.size());
                result.alerts.push_back(std::move(alert));
            }
        }
    });
}

AmDecode decodeSilences(const QByteArray &body)
{
    return json_fields::decode<AmDecode>(body, [&](const json &document, AmDecode &result) {
        if (document.is_object()) {
            result.silences.push_back(readSilence(document));
            return;
        }
        if (!document.is_array()) {
            result.error = QStringLiteral("expected a list of silences");
            return;
        }
        for (const json &s : document) {
            if (s.is_object())
                result.silences.push_back(readSilence(s));
        }
    });
}

QByteArray encodeSilence(const Silence &silence)
{
    json matchers = json::array();
    for (const SilenceMatcher &m : silence.matchers)
        matchers.push_back({{"name", m.name}, {"value", m.value}, {"isRegex", m.isRegex}, {"isEqual", m.isEqual}});
    json body = {
        {"matchers", matchers},
        {"startsAt", formatRfc3339Ms(silence.startsAtMs).toStdString()},
        {"endsAt", formatRfc3339Ms(silence.endsAtMs).toStdString()},
        {"createdBy", silence.createdBy.toStdString()},
        {"comment", silence.comment.toStdString()},
    };
    if (!silence.id.isEmpty())
        body["id"] = silence.id.toStdString();
    return QByteArray::fromStdString(body.dump());
}

QString decodeSilenceId(const QByteArray &body)
{
    try {
        const json document = json::parse(body.constBegin(), body.constEnd());
        if (document.is_object())
            return string(document, "silenceID");
    } catch (const json::exception &) {
    }
    return {};
}

QString alertmanagerErrorText(const HttpResponse &response)
{
    if (!response.transportOk())
        return response.errorMessage;
    QString text;
    try {
        const json document = json::parse(response.body.constBegin(), response.body.constEnd());
        if (document.is_string())
            text = QString::fromStdString(document.get<std::string>());
        else if (document.is_object())
            text = document.contains("message") ? string(document, "message") : string(document, "error");
    } catch (const json::exception &) {
    }
    if (text.isEmpty())
        text = QString::fromUtf8(response.body.left(500)).trimmed();
    text = text.simplified();
    if (text.isEmpty())
        text = QStringLiteral("no explanation given");
    return QStringLiteral("HTTP %1: %2").arg(response.status).arg(text);
}

// ----- the client -----

namespace {

QString silencePath(const QString &silenceId)
{
    return QStringLiteral("/api/v2/silence/%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(silenceId)));
}

} // namespace

struct AlertmanagerClient::Write {
    enum class Kind { Create, Expire };
    Kind kind = Kind::Create;
    quint64 operation = 0;
    Silence silence;  // Create
    QString ackId;    // Create: the marker retries look for
    QString silenceId;  // Expire
    int member = 0;
    int attempts = 0;     // sends so far
    int maxAttempts = 2;
    int lookupsInRow = 0; // members asked in a row while confirming
    QStringList errors;
};

AlertmanagerClient::AlertmanagerClient(HttpClient *http, AlertmanagerConfig config, QObject *parent)
    : QObject(parent), m_http(http), m_config(std::move(config))
{
    qRegisterMetaType<AlertSnapshot>();
    qRegisterMetaType<SilenceWriteResult>();
    connect(m_http, &HttpClient::finished, this, &AlertmanagerClient::onFinished);
}

AlertmanagerClient::~AlertmanagerClient()
{
    if (m_http) {
        for (auto it = m_pending.constBegin(); it != m_pending.constEnd(); ++it)
            m_http->cancel(it.key());
    }
}

QUrl AlertmanagerClient::currentMember() const
{
    return m_config.urls.value(m_preferred);
}

QString AlertmanagerClient::memberName(int member) const
{
    return redactUrl(m_config.urls.value(member));
}

HttpRequest AlertmanagerClient::request(int member, const QString &path) const
{
    HttpRequest r = endpointRequest(apiUrl(m_config.urls.value(member), path), m_config.security, m_timeoutMs, 64LL * 1024 * 1024);
    r.auth = m_auth;
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return r;
}

quint64 AlertmanagerClient::send(const HttpRequest &request, Step step, quint64 operation)
{
    if (!m_http)
        return 0;
    const quint64 id = m_http->send(request);
    m_pending.insert(id, Pending{step, operation});
    return id;
}

void AlertmanagerClient::refresh()
{
    if (m_refresh.active || m_config.urls.isEmpty())
        return;
    m_refresh = Refresh{};
    m_refresh.active = true;
    m_refresh.member = m_preferred;
    sendRefresh();
}

void AlertmanagerClient::sendRefresh()
{
    send(request(m_refresh.member, QStringLiteral("/api/v2/alerts/groups")), Step::Groups, 0);
}

void AlertmanagerClient::onFinished(quint64 id, const HttpResponse &response)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    if (pending.operation == 0) {
        onRefreshAnswer(pending.step, response);
        return;
    }
    const auto write = m_writes.find(pending.operation);
    if (write != m_writes.end())
        onWriteAnswer(*write->second, pending.step, response);
}

void AlertmanagerClient::onRefreshAnswer(Step step, const HttpResponse &response)
{
    if (!response.isSuccess()) {
        failRefreshMember(alertmanagerErrorText(response));
        return;
    }
    if (step == Step::Groups) {
        m_refresh.groups = decodeAlertGroups(response.body, m_config.name);
        if (!m_refresh.groups.ok) {
            failRefreshMember(QStringLiteral("alert groups: %1").arg(m_refresh.groups.error));
            return;
        }
        send(request(m_refresh.member, QStringLiteral("/api/v2/silences")), Step::Silences, 0);
        return;
    }
    AmDecode silences = decodeSilences(response.body);
    if (!silences.ok) {
        failRefreshMember(QStringLiteral("silences: %1").arg(silences.error));
        return;
    }
    AlertSnapshot taken;
    taken.source = m_config.name;
    taken.kind = AlertSourceKind::Alertmanager;
    taken.ok = true;
    taken.answeredBy = memberName(m_refresh.member);
    taken.fetchedAtMs = QDateTime::currentMSecsSinceEpoch();
    taken.alerts = std::move(m_refresh.groups.alerts);
    taken.silences = std::move(silences.silences);
    for (Alert &alert : taken.alerts)
        alert.state = classifyAlert(alert, taken.silences);
    if (!m_refresh.errors.isEmpty())
        taken.warnings = m_refresh.errors;  // members that failed before this one answered
    m_preferred = m_refresh.member;
    m_refresh.active = false;
    Q_EMIT snapshot(taken);
}

void AlertmanagerClient::failRefreshMember(const QString &why)
{
    m_refresh.errors << QStringLiteral("%1: %2").arg(memberName(m_refresh.member), why);
    ++m_refresh.tried;
    if (m_refresh.tried < m_config.urls.size()) {
        m_refresh.member = (m_refresh.member + 1) % int(m_config.urls.size());
        sendRefresh();
        return;
    }
    AlertSnapshot taken;
    taken.source = m_config.name;
    taken.kind = AlertSourceKind::Alertmanager;
    taken.fetchedAtMs = QDateTime::currentMSecsSinceEpoch();
    taken.error = m_refresh.errors.join(QLatin1String("; "));
    m_refresh.active = false;
    Q_EMIT snapshot(taken);
}

quint64 AlertmanagerClient::writeSilence(const Silence &silence)
{
    auto write = std::make_unique<Write>();
    write->kind = Write::Kind::Create;
    write->silence = silence;
    write->ackId = ackIdOf(silence.comment);
    // Without the marker a retry could not tell whether the first try landed.
    const QString refusal = write->ackId.isEmpty() ? QStringLiteral("the silence carries no ack marker; refusing to send it") : QString();
    return startWrite(std::move(write), refusal);
}

quint64 AlertmanagerClient::expireSilence(const QString &silenceId)
{
    auto write = std::make_unique<Write>();
    write->kind = Write::Kind::Expire;
    write->silenceId = silenceId;
    return startWrite(std::move(write), {});
}

quint64 AlertmanagerClient::startWrite(std::unique_ptr<Write> write, QString refusal)
{
    write->operation = m_nextOperation++;
    write->member = m_preferred;
    write->maxAttempts = std::max<int>(2, int(m_config.urls.size()));
    const quint64 operation = write->operation;
    Write &ref = *write;
    m_writes.emplace(operation, std::move(write));
    if (refusal.isEmpty() && m_config.urls.isEmpty())
        refusal = QStringLiteral("the Alertmanager has no URL");
    if (!refusal.isEmpty()) {
        // Answered later, like every write, so callers have one path.
        QMetaObject::invokeMethod(this, [this, operation, refusal] {
            finishWrite(operation, {false, {}, {}, 0, refusal, false});
        }, Qt::QueuedConnection);
        return operation;
    }
    attemptWrite(ref);
    return operation;
}

void AlertmanagerClient::attemptWrite(Write &write)
{
    ++write.attempts;
    write.lookupsInRow = 0;
    if (write.kind == Write::Kind::Create) {
        HttpRequest r = request(write.member, QStringLiteral("/api/v2/silences"));
        r.method = HttpRequest::Method::Post;
        r.body = encodeSilence(write.silence);
        r.contentType = QByteArrayLiteral("application/json");
        send(r, Step::Post, write.operation);
    } else {
        HttpRequest r = request(write.member, silencePath(write.silenceId));
        r.method = HttpRequest::Method::Delete;
        send(r, Step::Delete, write.operation);
    }
}

void AlertmanagerClient::onWriteAnswer(Write &write, Step step, const HttpResponse &response)
{
    const int members = int(m_config.urls.size());
    auto confirmOn = [&](int member) {
        write.member = member;
        ++write.lookupsInRow;
        if (write.kind == Write::Kind::Create)
            send(request(member, QStringLiteral("/api/v2/silences")), Step::Lookup, write.operation);
        else
            send(request(member, silencePath(write.silenceId)),
                 Step::Confirm, write.operation);
    };
    auto fail = [&](const QString &error, int status) {
        write.errors << QStringLiteral("%1: %2").arg(memberName(write.member), error);
        finishWrite(write.operation, {false, {}, memberName(write.member), status, write.errors.join(QLatin1String("; ")), false});
    };

    switch (step) {
    case Step::Post:
    case Step::Delete: {
        if (response.isSuccess()) {
            SilenceWriteResult result{true, {}, memberName(write.member), response.status, {}, false};
            result.silenceId = write.kind == Write::Kind::Create ? decodeSilenceId(response.body) : write.silenceId;
            if (result.silenceId.isEmpty()) {
                result.ok = false;
                result.error = QStringLiteral("Alertmanager accepted the silence but named no id: %1")
                                   .arg(QString::fromUtf8(response.body.left(200)));
            }
            m_preferred = write.member;
            finishWrite(write.operation, result);
            return;
        }
        if (response.transportOk() && response.status >= 400 && response.status < 500) {
            // The request itself is wrong (or the silence is gone): sending it again cannot help.
            write.errors << QStringLiteral("%1: %2").arg(memberName(write.member), alertmanagerErrorText(response));
            finishWrite(write.operation, {false, {}, memberName(write.member), response.status, alertmanagerErrorText(response), false});
            return;
        }
        // A timeout or a 5xx: the write may or may not have landed. Ask before sending again.
        write.errors << QStringLiteral("%1: %2").arg(memberName(write.member), alertmanagerErrorText(response));
        confirmOn(members > 1 ? (write.member + 1) % members : write.member);
        return;
    }
    case Step::Lookup:
    case Step::Confirm: {
        if (!response.isSuccess()) {
            write.errors << QStringLiteral("%1: %2").arg(memberName(write.member), alertmanagerErrorText(response));
            if (write.lookupsInRow < members) {
                confirmOn((write.member + 1) % members);
                return;
            }
            fail(QStringLiteral("no member answered; the outcome is unknown, check the silences before trying again"), 0);
            return;
        }
        const AmDecode decoded = decodeSilences(response.body);
        if (step == Step::Lookup) {
            for (const Silence &s : decoded.silences) {
                if (ackIdOf(s.comment) == write.ackId && s.state != u"expired"
                    && std::abs(s.endsAtMs - write.silence.endsAtMs) < 1000) {
                    finishWrite(write.operation, {true, s.id, memberName(write.member), response.status, {}, true});
                    return;
                }
            }
        } else if (!decoded.silences.empty() && decoded.silences.front().state == u"expired") {
            finishWrite(write.operation, {true, write.silenceId, memberName(write.member), response.status, {}, true});
            return;
        }
        if (write.attempts >= write.maxAttempts) {
            fail(QStringLiteral("gave up after %1 attempts").arg(write.attempts), 0);
            return;
        }
        attemptWrite(write);
        return;
    }
    case Step::Groups:
    case Step::Silences:
        break;
    }
}

void AlertmanagerClient::finishWrite(quint64 operation, SilenceWriteResult result)
{
    m_writes.erase(operation);
    Q_EMIT silenceWritten(operation, result);
}

} // namespace opsdeck
