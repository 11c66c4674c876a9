// Verifying a backup's checksums on a cached file: target ≥ 1 GB/s (issue #11).

#include "backups/sha256.h"

#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace opsdeck;

static void BM_Sha256CachedFile(benchmark::State &state)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dump"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    QByteArray block(1 << 20, '\0');
    for (int i = 0; i < block.size(); ++i)
        block[i] = char(i * 31 + (i >> 9));
    for (qint64 i = 0; i < state.range(0); ++i)
        f.write(block);
    f.close();
    sha256OfFile(path);  // into the page cache
    for (auto _ : state) {
        const FileDigest d = sha256OfFile(path);
        benchmark::DoNotOptimize(d.sha256);
    }
    state.SetBytesProcessed(state.iterations() * state.range(0) * (1 << 20));
}
BENCHMARK(BM_Sha256CachedFile)->Arg(512)->Unit(benchmark::kMillisecond);
