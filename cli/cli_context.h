#pragma once

#include "config/config.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

namespace opsdeck::cli {

// Exit codes of the contract in ARCHITECTURE.md.
enum ExitCode {
    ExitOk = 0,         // success, and for checks: all healthy
    ExitFailed = 1,     // a checked thing is unhealthy, or an action or parse failed
    ExitUsage = 2,      // usage or configuration error
};

// What every subcommand gets: the parsed command line, the loaded profile and
// the two output streams.
struct CliContext {
    CliContext(QCommandLineParser &p, QStringList positional, QTextStream &o, QTextStream &e)
        : parser(p), args(std::move(positional)), json(p.isSet(QStringLiteral("json"))), out(o), err(e)
    {
    }

    QCommandLineParser &parser;
    QStringList args;  // positional arguments after the subcommand
    bool json = false;
    QTextStream &out;
    QTextStream &err;

    // Loads --config/--profile. On failure prints every error and returns nullptr.
    const Profile *loadProfile();

private:
    std::optional<Config> m_config;
};

} // namespace opsdeck::cli
