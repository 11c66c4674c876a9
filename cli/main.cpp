// opsdeck-cli: the OpsDeck core for scripts. Text for people, --json for
// programs; exit codes 0 (ok), 1 (unhealthy or failed), 2 (usage or config).

#include "alerts_command.h"
#include "backup_command.h"
#include "cli_context.h"
#include "config_command.h"
#include "common/logging.h"
#include "db_command.h"
#include "deploy_command.h"
#include "health_command.h"
#include "metrics_command.h"

#include <QCoreApplication>

#include <functional>
#include <map>

using namespace opsdeck;
using namespace opsdeck::cli;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("opsdeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));

    const std::map<QString, std::function<int(CliContext &)>> commands = {
        {QStringLiteral("alerts"), runAlerts},
        {QStringLiteral("backup"), runBackup},
        {QStringLiteral("config"), runConfig},
        {QStringLiteral("db"), runDb},
        {QStringLiteral("deploy"), runDeploy},
        {QStringLiteral("health"), runHealth},
        {QStringLiteral("metrics"), runMetrics},
    };

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "OpsDeck command line.\n\nCommands:\n"
        "  config init             write a first profile (--profile NAME, default \"default\"); with\n"
        "                          --from-prometheus URL: its scrape targets that answer /health as services,\n"
        "                          the Prometheus and the Alertmanagers it sends to\n"
        "  config validate [FILE]  check a configuration: errors as file:line: field: reason, exit 1\n"
        "  config show             the configuration (--profile NAME: that profile), secrets masked\n"
        "  health                  check every service's health endpoints once\n"
        "  metrics parse FILE|-    parse an exposition (--format text|openmetrics); last line families=F series=S samples=N\n"
        "  metrics scrape URL      scrape one /metrics page and parse it\n"
        "  metrics query PROMQL    query the profile's Prometheus (--range, --step for a range query)\n"
        "  alerts list             every alert of every source (--filter MATCHERS)\n"
        "  alerts ack              acknowledge: --fingerprint FP | --match MATCHERS, --comment TEXT,\n"
        "                          --duration 15m|1h|4h|until-resolved (default 1h), --alertmanager NAME\n"
        "  alerts unack            expire an acknowledgement: --silence ID\n"
        "  alerts silences         the silences of every Alertmanager\n"
        "  db overview             each database: version, connections, rates, replication (--database NAME)\n"
        "  db activity             the client sessions (--database NAME)\n"
        "  db blocking             who waits on whose lock, the root blockers first\n"
        "  db queries              pg_stat_statements by total time (--top N, default 10; --window 5m watches\n"
        "                          that long and shows what ran in it; without: since the last reset)\n"
        "  db cancel PID           cancel that backend's query (--database NAME)\n"
        "  db terminate PID        end that backend's session (--database NAME)\n"
        "  backup create           back up a database: --database NAME [--label TEXT]\n"
        "  backup list             the catalogue, newest first (--database NAME)\n"
        "  backup verify ID        checksums and the table of contents (--test-restore: into a scratch database too)\n"
        "  backup restore ID       --target DB --confirm DB [--mode swap|in-place|scratch] [--end-sessions]\n"
        "                          [--schema S]... [--table S.T]... [--dry-run: the preflight only]\n"
        "  backup prune            delete what retention allows (keep_days, keep_min) and the databases restores\n"
        "                          replaced once keep_previous_hours are over (--dry-run shows it)\n"
        "  backup leftovers        scratch databases left by interrupted restores (--drop NAME --confirm NAME)\n"
        "  deploy list             what version runs where: each Docker/Compose service (project/service) and each\n"
        "                          Kubernetes Deployment (namespace/name) with its replicas, status and reason\n"
        "  deploy history NAME     the changes of image and the restarts seen, with who made OpsDeck's own;\n"
        "                          a Deployment's revisions with their change-cause (--diff R or A..B: the template's diff)\n"
        "  deploy logs NAME        the last lines of each replica (--tail N, default 100; --follow); Docker only\n"
        "  deploy restart NAME     restart the replicas one at a time, each healthy before the next\n"
        "                          (a Deployment: kubectl rollout restart's way)\n"
        "  deploy stop NAME, deploy start NAME (Docker)\n"
        "  deploy scale NAME N, deploy pause NAME, deploy resume NAME (Kubernetes)\n"
        "  deploy rollback NAME    re-create the replicas from the image before (or --to IMAGE), one at a time;\n"
        "                          a replica not healthy in time puts every one back (--reason TEXT);\n"
        "                          a Deployment: its revision before (or --to-revision N), as kubectl rollout undo,\n"
        "                          the template's diff shown first and --reason kept as its change-cause"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("config"), QStringLiteral("Configuration file (default: the GUI's)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("profile"), QStringLiteral("Profile name (default: the first)."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Machine-readable output.")});
    parser.addOption({QStringLiteral("log-level"),
                      QStringLiteral("trace, debug, info, warn, error, critical or off (default: warn)."),
                      QStringLiteral("level"), QStringLiteral("warn")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("Exposition format for metrics parse: text (default) or openmetrics."),
                      QStringLiteral("format")});
    parser.addOption({QStringLiteral("range"), QStringLiteral("metrics query: a range query over this duration (e.g. 1h)."),
                      QStringLiteral("duration")});
    parser.addOption({QStringLiteral("step"), QStringLiteral("metrics query: the range query's step (e.g. 30s)."),
                      QStringLiteral("duration")});
    parser.addOption({QStringLiteral("filter"), QStringLiteral("alerts list: only alerts matching these matchers, e.g. severity=\"critical\"."),
                      QStringLiteral("matchers")});
    parser.addOption({QStringLiteral("fingerprint"), QStringLiteral("alerts ack: the alert to acknowledge."), QStringLiteral("fp")});
    parser.addOption({QStringLiteral("match"), QStringLiteral("alerts ack: acknowledge what these matchers match."), QStringLiteral("matchers")});
    parser.addOption({QStringLiteral("comment"), QStringLiteral("alerts ack: why (required)."), QStringLiteral("text")});
    parser.addOption({QStringLiteral("duration"), QStringLiteral("alerts ack: 15m, 1h, 4h... or until-resolved (default 1h)."),
                      QStringLiteral("duration")});
    parser.addOption({QStringLiteral("silence"), QStringLiteral("alerts unack: the silence to expire."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("alertmanager"), QStringLiteral("alerts ack: the Alertmanager to use (default: the alert's, or the first)."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("database"), QStringLiteral("db: the configured database to use (default: every one)."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("top"), QStringLiteral("db queries: how many statements (default 10)."), QStringLiteral("n")});
    parser.addOption({QStringLiteral("window"), QStringLiteral("db queries: watch this long and show what ran in it (e.g. 5m)."),
                      QStringLiteral("duration")});
    parser.addOption({QStringLiteral("label"), QStringLiteral("backup create: a label for the backup."), QStringLiteral("text")});
    parser.addOption({QStringLiteral("test-restore"), QStringLiteral("backup verify: also restore into a scratch database, check it, drop it.")});
    parser.addOption({QStringLiteral("target"), QStringLiteral("backup restore: the configured database to restore into."), QStringLiteral("db")});
    parser.addOption({QStringLiteral("confirm"), QStringLiteral("backup restore: the target's database name, typed again."), QStringLiteral("db")});
    parser.addOption({QStringLiteral("mode"), QStringLiteral("backup restore: swap (default), in-place or scratch."), QStringLiteral("mode")});
    parser.addOption({QStringLiteral("end-sessions"), QStringLiteral("backup restore: end the target's sessions when the restore needs it.")});
    parser.addOption({QStringLiteral("schema"), QStringLiteral("backup restore: only this schema (repeatable)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("table"), QStringLiteral("backup restore: only this table, schema.name (repeatable)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("progress"), QStringLiteral("backup: progress lines on stderr even when it is not a terminal (logs).")});
    parser.addOption({QStringLiteral("dry-run"), QStringLiteral("backup restore: the preflight only; backup prune: what would go.")});
    parser.addOption({QStringLiteral("drop"), QStringLiteral("backup leftovers: drop this scratch database."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("tail"), QStringLiteral("deploy logs: lines of the past per replica (default 100)."), QStringLiteral("n")});
    parser.addOption({QStringLiteral("follow"), QStringLiteral("deploy logs: keep printing new lines.")});
    parser.addOption({QStringLiteral("to"), QStringLiteral("deploy rollback: the image to run (default: the one before)."), QStringLiteral("image")});
    parser.addOption({QStringLiteral("diff"), QStringLiteral("deploy history of a Kubernetes Deployment: the pod template's diff, R (from the one before) or A..B."),
                      QStringLiteral("revisions")});
    parser.addOption({QStringLiteral("to-revision"), QStringLiteral("deploy rollback of a Kubernetes Deployment: the revision (default: the one before)."),
                      QStringLiteral("n")});
    parser.addOption({QStringLiteral("reason"), QStringLiteral("deploy rollback, restart: why, for the audit log."), QStringLiteral("text")});
    parser.addOption({QStringLiteral("from-prometheus"), QStringLiteral("config init: propose the scrape targets of this Prometheus as services."),
                      QStringLiteral("url")});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.parse(QCoreApplication::arguments())) {
        err << "error: " << parser.errorText() << Qt::endl;
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out << "opsdeck-cli " << OPSDECK_VERSION << Qt::endl;
        return ExitOk;
    }
    QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("help")) || positional.isEmpty()) {
        out << parser.helpText();
        return positional.isEmpty() && !parser.isSet(QStringLiteral("help")) ? ExitUsage : ExitOk;
    }

    LogOptions logOptions;
    logOptions.level = parser.value(QStringLiteral("log-level"));
    if (const QString error = initLogging(logOptions); !error.isEmpty()) {
        err << "error: --log-level: " << error << Qt::endl;
        return ExitUsage;
    }

    const QString command = positional.takeFirst();
    const auto it = commands.find(command);
    if (it == commands.end()) {
        err << "error: unknown command \"" << command << "\"; try --help" << Qt::endl;
        return ExitUsage;
    }
    CliContext context(parser, positional, out, err);
    return it->second(context);
}
