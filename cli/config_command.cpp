#include "config_command.h"

#include "config/config_document.h"
#include "setup/discovery.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>

namespace opsdeck::cli {

namespace {

QString configPathOf(CliContext &c)
{
    return c.parser.isSet(QStringLiteral("config")) ? c.parser.value(QStringLiteral("config")) : defaultConfigPath();
}

// Exit 1 on an error: a script checking a file before deploying it wants a plain failure.
int validate(CliContext &c)
{
    const QString path = c.args.value(1, configPathOf(c));
    const ConfigDocument doc = ConfigDocument::open(path);
    for (const QString &w : doc.loaded().warnings)
        c.err << "warning: " << w << Qt::endl;
    switch (doc.state()) {
    case ConfigDocument::State::Missing:
        c.err << "error: " << path << ": no such file" << Qt::endl;
        return ExitFailed;
    case ConfigDocument::State::Empty:
        c.err << "error: " << path << ": no profile yet (opsdeck-cli config init writes one)" << Qt::endl;
        return ExitFailed;
    case ConfigDocument::State::Broken:
        for (const QString &e : doc.loaded().errors)
            c.err << "error: " << e << Qt::endl;
        return ExitFailed;
    case ConfigDocument::State::Valid:
        break;
    }
    const QList<Profile> profiles = doc.profiles();
    c.out << path << ": ok, " << profiles.size() << (profiles.size() == 1 ? " profile" : " profiles") << " (";
    QStringList names;
    for (const Profile &p : profiles)
        names << p.name;
    c.out << names.join(QStringLiteral(", ")) << ")" << Qt::endl;
    return ExitOk;
}

int show(CliContext &c)
{
    const QString path = configPathOf(c);
    const ConfigDocument doc = ConfigDocument::open(path);
    if (doc.state() == ConfigDocument::State::Broken || doc.state() == ConfigDocument::State::Missing) {
        for (const QString &e : doc.loaded().errors)
            c.err << "error: " << e << Qt::endl;
        if (doc.state() == ConfigDocument::State::Missing)
            c.err << "error: " << path << ": no such file (opsdeck-cli config init writes one)" << Qt::endl;
        return ExitUsage;
    }
    const QString profile = c.parser.value(QStringLiteral("profile"));
    c.out << QString::fromUtf8(doc.shownText(profile));
    return ExitOk;
}

QString listOf(const QStringList &names)
{
    return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
}

int init(CliContext &c)
{
    const QString path = configPathOf(c);
    ConfigDocument doc = ConfigDocument::open(path);
    if (doc.state() == ConfigDocument::State::Broken) {
        for (const QString &e : doc.loaded().errors)
            c.err << "error: " << e << Qt::endl;
        c.err << "error: " << path << " has errors; it is left as it is" << Qt::endl;
        return ExitUsage;
    }
    Profile profile;
    profile.name = c.parser.isSet(QStringLiteral("profile")) ? c.parser.value(QStringLiteral("profile")) : QStringLiteral("default");
    for (const Profile &p : doc.profiles()) {
        if (p.name == profile.name) {
            c.err << "error: " << path << ": a profile named \"" << profile.name
                  << "\" exists; choose another name with --profile" << Qt::endl;
            return ExitUsage;
        }
    }
    if (c.parser.isSet(QStringLiteral("from-prometheus"))) {
        const QUrl url(c.parser.value(QStringLiteral("from-prometheus")), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
            c.err << "error: --from-prometheus: not an http(s) URL: " << url.toString() << Qt::endl;
            return ExitUsage;
        }
        ServiceDiscovery discovery;
        PrometheusDiscovery found;
        QEventLoop loop;
        discovery.fromPrometheus(url, {}, [&](const PrometheusDiscovery &result) {
            found = result;
            loop.quit();
        });
        loop.exec();
        if (!found.ok()) {
            c.err << "error: " << found.error << Qt::endl;
            return ExitFailed;
        }
        profile.prometheus = PrometheusConfig{url, {}};
        profile.alertmanagers = found.alertmanagers;
        QStringList added, skipped;
        for (const DiscoveredService &d : std::as_const(found.services)) {
            // What answers a health endpoint is a service; the rest (Prometheus, exporters) is only scraped.
            if (d.answersHealth) {
                profile.services << d.service;
                added << d.service.name;
            } else {
                skipped << d.service.name;
            }
        }
        c.out << "found " << found.services.size() << " targets of " << url.toString() << Qt::endl;
        c.out << "services (a health endpoint answered): " << listOf(added) << Qt::endl;
        c.out << "left out (no /health, /health/live or /health/ready): " << listOf(skipped) << Qt::endl;
        QStringList amUrls;
        for (const AlertmanagerConfig &a : std::as_const(profile.alertmanagers))
            for (const QUrl &u : a.urls)
                amUrls << u.toString();
        c.out << "Alertmanagers: " << listOf(amUrls) << Qt::endl;
    }
    doc.putProfile(profile);
    if (const QString error = doc.save(); !error.isEmpty()) {
        c.err << "error: " << error << Qt::endl;
        return ExitFailed;
    }
    c.out << "wrote profile \"" << profile.name << "\" to " << QFileInfo(path).absoluteFilePath() << Qt::endl;
    return ExitOk;
}

} // namespace

int runConfig(CliContext &c)
{
    const QString sub = c.args.value(0);
    if (sub == u"validate")
        return validate(c);
    if (sub == u"show")
        return show(c);
    if (sub == u"init")
        return init(c);
    c.err << "error: config: expected init, validate or show" << Qt::endl;
    return ExitUsage;
}

} // namespace opsdeck::cli
