#include "deploy/docker_containers.h"

#include "common/rfc3339.h"
#include "common/json_fields.h"

#include <nlohmann/json.hpp>

namespace opsdeck {

namespace {

using nlohmann::json;
using json_fields::string;

qint64 integer(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<qint64>() : 0;
}

// Docker writes "0001-01-01T00:00:00Z" for a time that never was.
qint64 timeMs(const json &object, const char *key)
{
    const QString text = string(object, key);
    if (text.isEmpty() || text.startsWith(QLatin1String("0001-")))
        return 0;
    const QByteArray utf8 = text.toUtf8();
    return parseRfc3339Ms(std::string_view(utf8.constData(), size_t(utf8.size()))).value_or(0);
}

QMap<QString, QString> labelMap(const json &object)
{
    QMap<QString, QString> out;
    if (!object.is_object())
        return out;
    for (const auto &[name, value] : object.items()) {
        if (value.is_string())
            out.insert(QString::fromStdString(name), QString::fromStdString(value.get<std::string>()));
    }
    return out;
}

QString digestOfReference(const QString &image)
{
    const qsizetype at = image.indexOf(QLatin1String("@sha256:"));
    return at < 0 ? QString() : image.mid(at + 1);
}

// Docker's defaults for a health check's zero fields: 30 s interval and timeout, 3 retries.
qint64 healthWindowMs(const json &check)
{
    if (!check.is_object())
        return 0;
    const auto test = check.find("Test");
    if (test == check.end() || !test->is_array() || test->empty() || (test->front().is_string() && test->front() == "NONE"))
        return 0;
    const auto ms = [&](const char *key, qint64 fallbackMs) {
        const qint64 ns = integer(check, key);
        return ns > 0 ? ns / 1000000 : fallbackMs;
    };
    const qint64 interval = ms("Interval", 30000);
    const qint64 timeout = ms("Timeout", 30000);
    const qint64 retries = integer(check, "Retries") > 0 ? integer(check, "Retries") : 3;
    return ms("StartPeriod", 0) + retries * (interval + timeout) + interval;
}

void readHealth(const json &health, DockerContainer &c)
{
    if (!health.is_object())
        return;
    c.health = string(health, "Status");
    c.failingStreak = int(integer(health, "FailingStreak"));
    const auto log = health.find("Log");
    if (log != health.end() && log->is_array() && !log->empty())
        c.healthOutput = string(log->back(), "Output").trimmed();
}

DockerContainer fromSummary(const json &item)
{
    DockerContainer c;
    c.id = string(item, "Id");
    const auto names = item.find("Names");
    if (names != item.end() && names->is_array() && !names->empty() && names->front().is_string()) {
        c.name = QString::fromStdString(names->front().get<std::string>());
        if (c.name.startsWith(u'/'))
            c.name.remove(0, 1);
    }
    c.image = string(item, "Image");
    c.imageId = string(item, "ImageID");
    c.state = string(item, "State");
    c.statusText = string(item, "Status");
    c.createdMs = integer(item, "Created") * 1000;
    c.labels = labelMap(item.value("Labels", json::object()));
    const auto descriptor = item.find("ImageManifestDescriptor");
    if (descriptor != item.end() && descriptor->is_object())
        c.digest = string(*descriptor, "digest");
    if (c.digest.isEmpty())
        c.digest = digestOfReference(c.image);
    const auto health = item.find("Health");
    if (health != item.end())
        readHealth(*health, c);
    else
        c.health = healthFromStatusText(c.statusText);
    const auto ports = item.find("Ports");
    if (ports != item.end() && ports->is_array()) {
        for (const json &p : *ports) {
            if (!p.is_object())
                continue;
            c.ports.append(DockerPort{string(p, "IP"), int(integer(p, "PrivatePort")), int(integer(p, "PublicPort")), string(p, "Type")});
        }
    }
    return c;
}

} // namespace

bool DockerContainer::oneOff() const
{
    return labels.value(QStringLiteral("com.docker.compose.oneoff")).compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

QString healthFromStatusText(const QString &status)
{
    // The engine appends the health in parentheses: "(healthy)", "(unhealthy)", "(health: starting)".
    if (status.endsWith(QLatin1String("(healthy)")))
        return QStringLiteral("healthy");
    if (status.endsWith(QLatin1String("(unhealthy)")))
        return QStringLiteral("unhealthy");
    if (status.endsWith(QLatin1String("(health: starting)")))
        return QStringLiteral("starting");
    return {};
}

QString dockerErrorMessage(const QByteArray &body)
{
    try {
        const json document = json::parse(body.constBegin(), body.constEnd());
        if (document.is_object()) {
            const QString message = string(document, "message");
            if (!message.isEmpty())
                return message;
        }
    } catch (const json::exception &) {
    }
    return QString::fromUtf8(body.left(200)).section(u'\n', 0, 0).trimmed();
}

DockerContainerList parseDockerContainerList(const QByteArray &body)
{
    return json_fields::decode<DockerContainerList>(body, [](const json &document, DockerContainerList &result) {
        if (!document.is_array()) {
            result.error = QStringLiteral("the container list is not a JSON array");
            return;
        }
        result.containers.reserve(qsizetype(document.size()));
        for (const json &item : document) {
            if (!item.is_object())
                continue;
            DockerContainer c = fromSummary(item);
            if (!c.id.isEmpty())
                result.containers.append(std::move(c));
        }
    });
}

DockerContainerInspection parseDockerContainerInspection(const QByteArray &body)
{
    return json_fields::decode<DockerContainerInspection>(body, [](const json &document, DockerContainerInspection &result) {
        if (!document.is_object() || string(document, "Id").isEmpty()) {
            result.error = QStringLiteral("the container's inspection has no Id");
            return;
        }
        DockerContainer &c = result.container;
        c.id = string(document, "Id");
        c.name = string(document, "Name");
        if (c.name.startsWith(u'/'))
            c.name.remove(0, 1);
        c.imageId = string(document, "Image");
        c.restartCount = int(integer(document, "RestartCount"));
        const qint64 created = timeMs(document, "Created");
        c.createdMs = created;
        const json config = document.value("Config", json::object());
        if (config.is_object()) {
            c.image = string(config, "Image");
            c.labels = labelMap(config.value("Labels", json::object()));
            c.healthWindowMs = healthWindowMs(config.value("Healthcheck", json()));
        }
        c.digest = digestOfReference(c.image);
        const json state = document.value("State", json::object());
        if (state.is_object()) {
            c.state = string(state, "Status");
            c.exitCode = int(integer(state, "ExitCode"));
            c.startedMs = timeMs(state, "StartedAt");
            c.finishedMs = timeMs(state, "FinishedAt");
            const auto health = state.find("Health");
            if (health != state.end() && health->is_object())
                readHealth(*health, c);
            else
                c.health = QStringLiteral("none");
        }
        c.inspected = true;
    });
}

} // namespace opsdeck
