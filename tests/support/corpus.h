#pragma once

// The shared corpora (../shared/corpora beside the clone) for conformance tests.
// Tests that need them skip, naming the missing folder, when they are absent,
// so that a user's fresh clone still passes.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTest>

namespace testsupport {

inline QString corpusPath(const QString &relative)
{
    return QStringLiteral(OPSDECK_SHARED_DIR "/corpora/") + relative;
}

// One data row per file of the folder, in a column named "path".
inline void addCorpusRows(const QString &folder)
{
    QTest::addColumn<QString>("path");
    const QDir dir(corpusPath(folder));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(name)) << dir.filePath(name);
}

inline QString missingCorpusMessage(const QString &relative)
{
    return QStringLiteral("corpus %1 is absent (../shared beside the clone)").arg(corpusPath(relative));
}

inline QByteArray readCorpusFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace testsupport

// Skips the running test when a corpus file or folder is absent.
#define OPSDECK_REQUIRE_CORPUS(relative)                                                                 \
    do {                                                                                                 \
        if (!QFileInfo::exists(testsupport::corpusPath(relative)))                                       \
            QSKIP(qPrintable(testsupport::missingCorpusMessage(relative)));                              \
    } while (false)
