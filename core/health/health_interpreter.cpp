#include "health/health_interpreter.h"

#include <QRegularExpression>
#include <QStringDecoder>

#include <nlohmann/json.hpp>

using json = nlohmann::json;

namespace opsdeck {

namespace {

// A health answer bigger than this is not a health answer; the HTTP layer caps
// bodies too, this guards callers that hand us bytes from elsewhere.
constexpr qsizetype maxHealthBody = 1024 * 1024;
constexpr qsizetype maxReasonChars = 160;

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString clip(QString text)
{
    text = text.simplified();
    if (text.size() > maxReasonChars)
        text = text.left(maxReasonChars - 1) + QChar(0x2026);
    return text;
}

// What the HTTP status alone says.
HealthStatus statusFromHttp(int code)
{
    if (code >= 200 && code < 300)
        return HealthStatus::Healthy;
    if (code == 429)
        return HealthStatus::Degraded;
    if (code >= 500)
        return HealthStatus::Down;
    return HealthStatus::Unknown;  // 3xx, 401, 403, 404...: we are not reading a health report
}

bool isValidUtf8(QByteArrayView bytes)
{
    if (bytes.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(bytes);
    return !decoder.hasError();
}

QByteArrayView trimmedView(QByteArrayView bytes)
{
    qsizetype begin = 0, end = bytes.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(bytes[begin])))
        ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(bytes[end - 1])))
        --end;
    return bytes.sliced(begin, end - begin);
}

QString htmlTitle(const QString &html)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                          QRegularExpression::CaseInsensitiveOption
                                              | QRegularExpression::DotMatchesEverythingOption);
    const auto match = title.match(html);
    return match.hasMatch() ? clip(match.captured(1)) : QString();
}

// Fields of the common JSON shape that are facts about the service, not components.
bool isMetaKey(const std::string &key)
{
    static const char *const meta[] = {"status", "version", "releaseId", "release_id", "serviceId",
                                       "service", "name", "description", "output", "notes", "links",
                                       "timestamp", "time", "uptime", "uptime_seconds", "hostname",
                                       "host", "build", "git", "commit", "environment", "env"};
    for (const char *m : meta) {
        if (key == m)
            return true;
    }
    return false;
}

QString wordOf(const json &value)
{
    if (value.is_string())
        return qs(value.get<std::string>());
    if (value.is_boolean())
        return value.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

HealthComponent componentFromObject(const QString &name, const json &object)
{
    HealthComponent c;
    c.name = name;
    const QString word = object.contains("status") ? wordOf(object["status"]) : QString();
    if (!healthStatusFromWord(word, &c.status))
        c.status = HealthStatus::Unknown;
    c.detail = word;
    // The message sits beside the status (health+json) or in details (Spring).
    const json *holders[] = {&object, object.contains("details") && object["details"].is_object()
                                          ? &object["details"] : nullptr};
    for (const json *holder : holders) {
        if (!holder)
            continue;
        for (const char *key : {"output", "message", "error", "description"}) {
            if (holder->contains(key) && (*holder)[key].is_string()) {
                const QString text = qs((*holder)[key].get<std::string>());
                if (!text.isEmpty()) {
                    c.detail += (c.detail.isEmpty() ? QString() : QStringLiteral(": ")) + clip(text);
                    return c;
                }
            }
        }
    }
    return c;
}

// Spring Boot: components (or, before 2.2, details) nest; flatten them as a/b.
void collectSpring(const json &object, const QString &prefix, QList<HealthComponent> &out, int depth)
{
    if (depth > 8)
        return;
    for (const char *key : {"components", "details"}) {
        if (!object.contains(key) || !object[key].is_object())
            continue;
        for (auto it = object[key].begin(); it != object[key].end(); ++it) {
            if (!it->is_object() || !it->contains("status"))
                continue;
            const QString name = prefix.isEmpty() ? qs(it.key()) : prefix + u'/' + qs(it.key());
            out << componentFromObject(name, *it);
            collectSpring(*it, name, out, depth + 1);
        }
        break;
    }
}

// health+json: "checks": {"name:measurement": [ {componentId, status, output, ...}, ... ]}
void collectHealthJsonChecks(const json &checks, QList<HealthComponent> &out)
{
    for (auto it = checks.begin(); it != checks.end(); ++it) {
        const QString key = qs(it.key());
        const json &entries = *it;
        if (entries.is_object()) {
            out << componentFromObject(key, entries);
            continue;
        }
        if (!entries.is_array())
            continue;
        for (const json &entry : entries) {
            if (!entry.is_object())
                continue;
            QString name = key;
            if (entries.size() > 1 && entry.contains("componentId") && entry["componentId"].is_string())
                name += u'[' + qs(entry["componentId"].get<std::string>()) + u']';
            out << componentFromObject(name, entry);
        }
    }
}

// The common shape: sibling fields whose value is a status word or an object with a status.
void collectFlat(const json &object, const QString &prefix, QList<HealthComponent> &out, int depth)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (depth == 0 && isMetaKey(it.key()))
            continue;
        const QString name = prefix.isEmpty() ? qs(it.key()) : prefix + u'/' + qs(it.key());
        if (it->is_string() || it->is_boolean()) {
            HealthComponent c;
            c.name = name;
            c.detail = wordOf(*it);
            if (healthStatusFromWord(c.detail, &c.status))
                out << c;
        } else if (it->is_object()) {
            if (it->contains("status"))
                out << componentFromObject(name, *it);
            else if (depth == 0)  // e.g. "checks": {"db": "ok"}
                collectFlat(*it, it.key() == "checks" ? QString() : name, out, depth + 1);
        }
    }
}

QString findVersion(const json &root)
{
    for (const char *key : {"version", "releaseId", "release_id", "app_version", "build_version"}) {
        if (root.contains(key) && (root[key].is_string() || root[key].is_number()))
            return root[key].is_string() ? qs(root[key].get<std::string>()) : qs(root[key].dump());
    }
    for (const char *key : {"build", "app", "info"}) {
        if (root.contains(key) && root[key].is_object() && root[key].contains("version")
            && root[key]["version"].is_string())
            return qs(root[key]["version"].get<std::string>());
    }
    return {};
}

QString failingComponents(const QList<HealthComponent> &components)
{
    QStringList parts;
    for (const HealthComponent &c : components) {
        if (c.status != HealthStatus::Healthy)
            parts << (c.detail.isEmpty() ? c.name + QStringLiteral(": ") + healthStatusKey(c.status)
                                         : c.name + QStringLiteral(": ") + c.detail);
    }
    return clip(parts.join(QStringLiteral(", ")));
}

// Combines the body's verdict with the HTTP status and writes the reason.
void settle(HealthVerdict &v, int httpStatus, bool bodyHasStatus, const QString &bodyWord, const QString &bodyNote)
{
    const HealthStatus fromHttp = statusFromHttp(httpStatus);
    const QString failing = failingComponents(v.components);

    if (bodyHasStatus && v.status == HealthStatus::Healthy && !failing.isEmpty()) {
        v.status = HealthStatus::Degraded;
        v.reason = failing;
    } else if (v.status == HealthStatus::Healthy) {
        // What was checked says more than repeating the status.
        QStringList checked;
        for (const HealthComponent &c : v.components)
            checked << c.name + u' ' + (c.detail.isEmpty() ? healthStatusKey(c.status) : c.detail);
        v.reason = checked.isEmpty() ? QStringLiteral("healthy") : clip(checked.join(QStringLiteral(" · ")));
    } else {
        QStringList parts;
        if (!bodyWord.isEmpty())
            parts << bodyWord;
        if (!failing.isEmpty())
            parts << failing;
        if (!bodyNote.isEmpty())
            parts << bodyNote;
        v.reason = clip(parts.join(QStringLiteral(": ")));
    }

    if (fromHttp != HealthStatus::Healthy && static_cast<int>(fromHttp) >= static_cast<int>(v.status)) {
        v.reason = v.reason.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus)
                                      : QStringLiteral("HTTP %1 (%2)").arg(httpStatus).arg(v.reason);
        v.status = fromHttp;
    }
}

HealthVerdict interpretJson(int httpStatus, const json &root)
{
    HealthVerdict v;
    if (!root.is_object()) {
        v.status = statusFromHttp(httpStatus);
        v.shape = HealthVerdict::Shape::HttpStatusOnly;
        v.reason = QStringLiteral("HTTP %1: JSON without a status field").arg(httpStatus);
        return v;
    }
    const QString word = root.contains("status") ? wordOf(root["status"]) : QString();
    v.version = findVersion(root);

    if (root.contains("checks") && root["checks"].is_object()
        && (word == u"pass" || word == u"warn" || word == u"fail" || root.contains("releaseId"))) {
        v.shape = HealthVerdict::Shape::HealthJson;
        collectHealthJsonChecks(root["checks"], v.components);
    } else if ((root.contains("components") && root["components"].is_object())
               || word == u"UP" || word == u"DOWN" || word == u"OUT_OF_SERVICE" || word == u"UNKNOWN") {
        v.shape = HealthVerdict::Shape::SpringActuator;
        collectSpring(root, QString(), v.components, 0);
    } else {
        v.shape = HealthVerdict::Shape::OpsDeckJson;
        collectFlat(root, QString(), v.components, 0);
    }

    QString note;
    for (const char *key : {"output", "description", "message", "error"}) {
        if (root.contains(key) && root[key].is_string()) {
            note = clip(qs(root[key].get<std::string>()));
            break;
        }
    }

    bool hasStatus = false;
    if (!word.isEmpty()) {
        hasStatus = healthStatusFromWord(word, &v.status);
        if (!hasStatus) {
            v.status = HealthStatus::Unknown;
            note = QStringLiteral("unrecognised status \"%1\"").arg(clip(word));
        }
    } else if (!v.components.isEmpty()) {
        v.status = HealthStatus::Healthy;
        for (const HealthComponent &c : v.components)
            v.status = worse(v.status, c.status == HealthStatus::Unknown ? HealthStatus::Degraded : c.status);
    } else {
        // Nothing in the body says how it is: only the HTTP status does.
        v.status = statusFromHttp(httpStatus);
        v.shape = HealthVerdict::Shape::HttpStatusOnly;
        v.reason = QStringLiteral("HTTP %1: JSON without a status field").arg(httpStatus);
        return v;
    }
    settle(v, httpStatus, hasStatus, hasStatus ? word : QString(), note);
    return v;
}

HealthVerdict fromHttpOnly(int httpStatus, const QString &what)
{
    HealthVerdict v;
    v.shape = HealthVerdict::Shape::HttpStatusOnly;
    v.status = statusFromHttp(httpStatus);
    v.reason = what.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus)
                              : QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(what);
    return v;
}

} // namespace

bool healthStatusFromWord(QStringView word, HealthStatus *status)
{
    struct Entry {
        const char *word;
        HealthStatus status;
    };
    static const Entry table[] = {
        {"healthy", HealthStatus::Healthy},   {"ok", HealthStatus::Healthy},
        {"up", HealthStatus::Healthy},        {"pass", HealthStatus::Healthy},
        {"passed", HealthStatus::Healthy},    {"green", HealthStatus::Healthy},
        {"ready", HealthStatus::Healthy},     {"live", HealthStatus::Healthy},
        {"alive", HealthStatus::Healthy},     {"serving", HealthStatus::Healthy},
        {"available", HealthStatus::Healthy}, {"true", HealthStatus::Healthy},
        {"connected", HealthStatus::Healthy}, {"running", HealthStatus::Healthy},
        {"degraded", HealthStatus::Degraded}, {"warn", HealthStatus::Degraded},
        {"warning", HealthStatus::Degraded},  {"yellow", HealthStatus::Degraded},
        {"partial", HealthStatus::Degraded},  {"slow", HealthStatus::Degraded},
        {"unhealthy", HealthStatus::Down},    {"down", HealthStatus::Down},
        {"fail", HealthStatus::Down},         {"failed", HealthStatus::Down},
        {"failure", HealthStatus::Down},      {"error", HealthStatus::Down},
        {"critical", HealthStatus::Down},     {"red", HealthStatus::Down},
        {"out_of_service", HealthStatus::Down}, {"not_serving", HealthStatus::Down},
        {"unavailable", HealthStatus::Down},  {"false", HealthStatus::Down},
        {"disconnected", HealthStatus::Down}, {"timeout", HealthStatus::Down},
        {"not ready", HealthStatus::Down},    {"not_ready", HealthStatus::Down},
        {"unknown", HealthStatus::Unknown},
    };
    const QString lower = word.trimmed().toString().toLower();
    for (const Entry &e : table) {
        if (lower == QLatin1String(e.word)) {
            *status = e.status;
            return true;
        }
    }
    return false;
}

HealthVerdict interpretHealth(int httpStatus, QByteArrayView contentType, QByteArrayView body)
{
    if (body.size() > maxHealthBody) {
        HealthVerdict v = fromHttpOnly(httpStatus, QStringLiteral("answer of %1 bytes is too large for a health report")
                                                       .arg(body.size()));
        v.status = worse(v.status, HealthStatus::Unknown);
        return v;
    }
    const QByteArrayView text = trimmedView(body);
    if (text.isEmpty())
        return fromHttpOnly(httpStatus, QStringLiteral("empty body"));

    if (!isValidUtf8(text)) {
        HealthVerdict v = fromHttpOnly(httpStatus, QStringLiteral("unreadable answer (%1 bytes of binary data)")
                                                       .arg(body.size()));
        v.status = worse(v.status, HealthStatus::Unknown);
        return v;
    }

    const bool jsonType = contentType.endsWith("json");
    if (jsonType || text.front() == '{' || text.front() == '[') {
        const json root = json::parse(text.begin(), text.end(), nullptr, false);
        if (root.is_discarded()) {
            HealthVerdict v = fromHttpOnly(httpStatus, text.size() < body.size() || text.back() != '}'
                                                           ? QStringLiteral("invalid JSON (truncated?)")
                                                           : QStringLiteral("invalid JSON"));
            v.status = worse(v.status, HealthStatus::Unknown);
            return v;
        }
        return interpretJson(httpStatus, root);
    }

    const QString str = QString::fromUtf8(text);
    if (contentType == "text/html" || str.startsWith(u'<')) {
        const QString title = htmlTitle(str);
        HealthVerdict v = fromHttpOnly(httpStatus, title.isEmpty() ? QStringLiteral("an HTML page, not a health report")
                                                                   : QStringLiteral("HTML page \"%1\"").arg(title));
        // A 200 HTML page is usually a login page or a proxy's: that is no proof of health.
        v.status = worse(v.status, HealthStatus::Unknown);
        return v;
    }

    HealthVerdict v;
    v.shape = HealthVerdict::Shape::PlainText;
    const QString firstLine = clip(str.section(u'\n', 0, 0));
    HealthStatus fromWord;
    if (healthStatusFromWord(firstLine, &fromWord)) {
        v.status = fromWord;
        v.reason = firstLine;
        const HealthStatus fromHttp = statusFromHttp(httpStatus);
        if (static_cast<int>(fromHttp) > static_cast<int>(v.status)) {
            v.status = fromHttp;
            v.reason = QStringLiteral("HTTP %1 (%2)").arg(httpStatus).arg(firstLine);
        }
        return v;
    }
    v.status = statusFromHttp(httpStatus);
    v.reason = QStringLiteral("HTTP %1: \"%2\"").arg(httpStatus).arg(firstLine);
    return v;
}

HealthVerdict interpretHealthFailure(const HttpResponse &response)
{
    HealthVerdict v;
    v.shape = HealthVerdict::Shape::None;
    v.reason = response.errorMessage;
    switch (response.error) {
    case HttpError::BodyTooLarge:
        // It answered, so it is reachable; what it said is not a health report.
        v.status = response.status >= 500 ? HealthStatus::Down : HealthStatus::Unknown;
        break;
    case HttpError::InvalidUrl:
    case HttpError::UnsupportedScheme:
    case HttpError::TooManyRedirects:
        v.status = HealthStatus::Unknown;
        break;
    default:
        v.status = HealthStatus::Unreachable;
        break;
    }
    return v;
}

HealthVerdict interpretHealthResponse(const HttpResponse &response)
{
    if (!response.transportOk())
        return interpretHealthFailure(response);
    return interpretHealth(response.status, response.contentType, response.body);
}

QString healthShapeName(HealthVerdict::Shape shape)
{
    switch (shape) {
    case HealthVerdict::Shape::OpsDeckJson: return QStringLiteral("json");
    case HealthVerdict::Shape::SpringActuator: return QStringLiteral("spring-actuator");
    case HealthVerdict::Shape::HealthJson: return QStringLiteral("health+json");
    case HealthVerdict::Shape::PlainText: return QStringLiteral("text");
    case HealthVerdict::Shape::HttpStatusOnly: return QStringLiteral("http-status");
    case HealthVerdict::Shape::None: break;
    }
    return QStringLiteral("none");
}

} // namespace opsdeck
