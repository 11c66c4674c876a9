#pragma once

// The file system calls whose durability matters, in one place: fsync, an
// atomic replace, a rename that never overwrites. Windows has no fsync of a
// folder and no renameat2; each function says what it does there.

#include <QByteArray>
#include <QString>

namespace opsdeck {

// Writes a file so that after a crash it is either the old one or the new one,
// whole: <path>.partial, fsync, rename, fsync of the folder. An existing file's
// permissions are kept (a configuration readable by its owner only stays so).
// The error message names the file; empty on success.
QString writeFileDurably(const QString &path, const QByteArray &bytes);
QString fsyncFile(const QString &path);
QString fsyncFolder(const QString &path);
// rename(2) that refuses to replace an existing target.
QString renameNoReplace(const QString &from, const QString &to);
// strerror(error), as text.
QString systemErrorText(int error);

} // namespace opsdeck
