#pragma once

// The checks a backup passes before anything trusts it, blocking (run them
// on a thread of their own): every file's SHA-256 against the manifest, and
// pg_restore --list reading the whole table of contents.

#include "backup_catalogue.h"
#include "pg_tools.h"
#include "toc.h"

#include <atomic>
#include <functional>

namespace opsdeck {

// The first file that differs is named; hashedBytes counts as it goes.
QString verifyChecksums(const BackupEntry &entry, std::atomic<qint64> *hashedBytes = nullptr,
                        const std::atomic<bool> *cancelled = nullptr);

// The pg_restore that reads this backup: at least as new as the pg_dump that wrote it.
std::optional<PgTool> pgRestoreFor(const BackupManifest &manifest, const QString &configuredDirs, QString *error);

// Runs pg_restore --list on the dump; error when it cannot read it all.
QString readArchiveToc(const PgTool &pgRestore, const BackupEntry &entry, Toc *toc);

} // namespace opsdeck
