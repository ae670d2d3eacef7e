package check

import (
	"io"
	"testing"
)

// BenchmarkFormats writes the bad fixture's report (50-odd problems in 24
// files) in each format; github and sarif resolve every path against the
// repository.
func BenchmarkFormats(b *testing.B) {
	r := checkDir(b, "testdata/bad")
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, r, format); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
