#include "health_command.h"

#include "health/health_checker.h"
#include "net/http_client.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace opsdeck::cli {

namespace {

QJsonObject toJson(const ServiceHealth &h)
{
    QJsonArray components;
    for (const HealthComponent &c : h.components) {
        components.append(QJsonObject{{QStringLiteral("name"), c.name},
                                      {QStringLiteral("status"), healthStatusKey(c.status)},
                                      {QStringLiteral("detail"), c.detail}});
    }
    return QJsonObject{
        {QStringLiteral("service"), h.service},
        {QStringLiteral("status"), healthStatusKey(h.status)},
        {QStringLiteral("reason"), h.reason},
        {QStringLiteral("latency_ms"), h.latencyMs},
        {QStringLiteral("version"), h.version.isEmpty() ? QJsonValue() : QJsonValue(h.version)},
        {QStringLiteral("components"), components},
    };
}

void printTable(QTextStream &out, const QList<ServiceHealth> &results)
{
    int nameWidth = 7;
    for (const ServiceHealth &h : results)
        nameWidth = std::max(nameWidth, int(h.service.size()));
    auto row = [&](const QString &name, const QString &status, const QString &latency, const QString &version,
                   const QString &reason) {
        out << name.leftJustified(nameWidth + 2) << status.leftJustified(13) << latency.rightJustified(8)
            << QStringLiteral("  ") << version.leftJustified(10) << reason << Qt::endl;
    };
    row(QStringLiteral("SERVICE"), QStringLiteral("STATUS"), QStringLiteral("LATENCY"), QStringLiteral("VERSION"),
        QStringLiteral("REASON"));
    for (const ServiceHealth &h : results) {
        row(h.service, healthStatusKey(h.status), QStringLiteral("%1 ms").arg(h.latencyMs),
            h.version.isEmpty() ? QStringLiteral("-") : h.version, h.reason);
    }
}

} // namespace

int runHealth(CliContext &context)
{
    const Profile *profile = context.loadProfile();
    if (!profile)
        return ExitUsage;

    QList<ServiceConfig> services;
    for (const ServiceConfig &s : profile->services) {
        if (!s.healthUrl.isEmpty() || !s.livenessUrl.isEmpty() || !s.readinessUrl.isEmpty())
            services << s;
    }
    if (services.isEmpty()) {
        context.err << "error: profile \"" << profile->name << "\" has no service with a health URL" << Qt::endl;
        return ExitUsage;
    }

    HttpClient http;
    HealthChecker checker(&http);
    checker.setServices(services);
    QList<ServiceHealth> results;
    QObject::connect(&checker, &HealthChecker::serviceChecked, &checker,
                     [&results](const ServiceHealth &h) { results << h; });
    QObject::connect(&checker, &HealthChecker::allChecked, QCoreApplication::instance(), &QCoreApplication::quit,
                     Qt::QueuedConnection);
    checker.checkAll();
    QCoreApplication::exec();

    // Report in the configuration's order, whatever order the answers came in.
    std::sort(results.begin(), results.end(), [&services](const ServiceHealth &a, const ServiceHealth &b) {
        auto position = [&services](const QString &name) {
            return std::find_if(services.begin(), services.end(), [&](const ServiceConfig &s) { return s.name == name; })
                - services.begin();
        };
        return position(a.service) < position(b.service);
    });

    if (context.json) {
        QJsonArray array;
        for (const ServiceHealth &h : std::as_const(results))
            array.append(toJson(h));
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        printTable(context.out, results);
    }
    const bool allHealthy = std::all_of(results.begin(), results.end(),
                                        [](const ServiceHealth &h) { return h.status == HealthStatus::Healthy; });
    return allHealthy ? ExitOk : ExitFailed;
}

} // namespace opsdeck::cli
