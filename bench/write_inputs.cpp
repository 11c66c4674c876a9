// Writes the benchmarks' generated inputs to files, for tools outside this
// build (the Go reference parser in bench/expfmt) to read the very same bytes.

#include "generated_inputs.h"

#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: opsdeck_bench_inputs FILE\n");
        return 2;
    }
    QFile out(QString::fromLocal8Bit(argv[1]));
    if (!out.open(QIODevice::WriteOnly) || out.write(opsdeck::bench::generateExposition(50 * 1024 * 1024)) < 0) {
        std::fprintf(stderr, "cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
