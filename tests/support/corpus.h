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

// Cases kept in this repository (tests/data): always there, never skipped.
inline QString projectDataPath(const QString &relative)
{
    return QStringLiteral(OPSDECK_SOURCE_DIR "/tests/data/") + relative;
}

inline void addProjectDataRows(const QString &folder)
{
    QTest::addColumn<QString>("path");
    const QDir dir(projectDataPath(folder));
    const QStringList names = dir.entryList(QDir::Files, QDir::Name);
    QVERIFY2(!names.isEmpty(), qPrintable(dir.path() + QStringLiteral(" holds no case")));
    for (const QString &name : names)
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

// Skips the running test when a corpus file or folder is absent. The functions
// that read the corpora run as a ctest entry of their own (<test>_corpora, see
// tests/CMakeLists.txt) whose skip marker makes ctest report a missing corpus as
// Skipped, not Passed; in the test's main entry they stand aside.
#define OPSDECK_REQUIRE_CORPUS(relative)                                                                 \
    do {                                                                                                 \
        if (qEnvironmentVariableIsSet("OPSDECK_CORPUS_TESTS_ELSEWHERE"))                                 \
            QSKIP("reads ../shared/corpora: run by this test's _corpora entry");                         \
        if (!QFileInfo::exists(testsupport::corpusPath(relative)))                                       \
            QSKIP(qPrintable(QStringLiteral("OPSDECK-CORPUS-ABSENT ") + testsupport::missingCorpusMessage(relative))); \
    } while (false)
