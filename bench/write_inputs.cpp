// Writes the benchmarks' generated inputs to files, for tools outside this
// build (the Go reference parser in bench/expfmt) to read the very same bytes.

#include "generated_inputs.h"

#include <QFile>

#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: opsdeck_bench_inputs FILE [MIB]   (default 50 MiB)\n");
        return 2;
    }
    const long mib = argc == 3 ? std::strtol(argv[2], nullptr, 10) : 50;
    QFile out(QString::fromLocal8Bit(argv[1]));
    if (mib <= 0 || !out.open(QIODevice::WriteOnly) || out.write(opsdeck::bench::generateExposition(std::size_t(mib) * 1024 * 1024)) < 0) {
        std::fprintf(stderr, "cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
