// expfmt-bench parses a Prometheus text exposition with the reference parser
// (github.com/prometheus/common/expfmt) and prints its throughput, so that
// bench/compare-expfmt.sh can put it beside OpsDeck's parser on the same page.
// Built offline from Debian's golang-github-prometheus-common-dev.
package main

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/prometheus/common/expfmt"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: expfmt-bench FILE ROUNDS")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var rounds int
	fmt.Sscan(os.Args[2], &rounds)
	best := time.Duration(1 << 62)
	samples := 0
	for i := 0; i < rounds; i++ {
		var parser expfmt.TextParser
		start := time.Now()
		families, err := parser.TextToMetricFamilies(bytes.NewReader(data))
		elapsed := time.Since(start)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		samples = 0
		for _, f := range families {
			for _, m := range f.Metric {
				switch {
				case m.Histogram != nil:
					samples += len(m.Histogram.Bucket) + 2
				case m.Summary != nil:
					samples += len(m.Summary.Quantile) + 2
				default:
					samples++
				}
			}
		}
		if elapsed < best {
			best = elapsed
		}
	}
	mb := float64(len(data)) / 1e6
	fmt.Printf("expfmt: %.1f MB in %.1f ms (best of %d): %.1f MB/s, %.2f M samples/s, %d samples\n",
		mb, float64(best.Microseconds())/1000, rounds, mb/best.Seconds(), float64(samples)/best.Seconds()/1e6, samples)
}
