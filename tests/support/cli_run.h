#pragma once

// opsdeck-cli run as a script runs it: the arguments, then --config and
// --profile, with the audit log a file of the test's own. Returns the exit
// code, -1 when it did not end within timeoutMs.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace testsupport {

struct CliRun {
    QString program;   // OPSDECK_CLI
    QString config;
    QString auditLog;
    int timeoutMs = 60000;

    int operator()(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr,
                   const QString &profile = {}) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("OPSDECK_AUDIT_LOG"), auditLog);
        // The deploy history beside it, never the user's.
        env.insert(QStringLiteral("OPSDECK_DEPLOY_HISTORY"), auditLog + QStringLiteral(".deploy-history.jsonl"));
        p.setProcessEnvironment(env);
        QStringList all = args;
        all << QStringLiteral("--config") << config;
        if (!profile.isEmpty())
            all << QStringLiteral("--profile") << profile;
        p.start(program, all);
        if (!p.waitForFinished(timeoutMs))
            return -1;
        if (out)
            *out = p.readAllStandardOutput();
        const QByteArray errors = p.readAllStandardError();
        if (err)
            *err = errors;
        return p.exitCode();
    }
};

} // namespace testsupport
