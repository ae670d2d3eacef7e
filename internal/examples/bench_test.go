package examples

import (
	"context"
	"testing"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

func ms(d time.Duration) float64 { return trace.Millis(d) }

// BenchmarkExamples runs every example in real time at speed 1 and reports
// how long it really took next to the theory (the model in theory()). The
// budget the course promises is 0.5% + 5 ms over the theory; it is reported
// as allowed-ms and not asserted, since timing belongs to benchmarks.
//
//	go test -run '^$' -bench Examples ./internal/examples/
func BenchmarkExamples(b *testing.B) {
	for _, x := range All() {
		b.Run(x.Name, func(b *testing.B) { benchRun(b, x.Name, 1) })
	}
}

// BenchmarkSpeed shows the speed factor at work: real time is the theory
// divided by the speed.
func BenchmarkSpeed(b *testing.B) {
	b.Run("gather@4x", func(b *testing.B) { benchRun(b, "gather", 4) })
	b.Run("queue@10x", func(b *testing.B) { benchRun(b, "queue", 10) })
}

func benchRun(b *testing.B, name string, speed float64) {
	want := time.Duration(float64(theory(b, name, nil)) / speed)
	var sum, worst time.Duration
	n := 0
	for b.Loop() {
		began := time.Now()
		tr, err := Execute(context.Background(), Spec{Name: name, Params: nil}, speed)
		took := time.Since(began)
		if err != nil {
			b.Fatal(err)
		}
		if !tr.Done {
			b.Fatal("trace not done")
		}
		sum += took
		worst = max(worst, took)
		n++
	}
	mean := sum / time.Duration(n)
	b.ReportMetric(ms(mean), "real-ms")
	b.ReportMetric(ms(want), "theory-ms")
	b.ReportMetric(ms(mean-want), "over-ms")
	b.ReportMetric(ms(worst-want), "worst-over-ms")
	b.ReportMetric(ms(want/200+5*time.Millisecond), "allowed-ms")
}

// BenchmarkLoopModel runs every example at its defaults in the loop model
// in virtual time, the run check proves loop-model answers with: the
// target is well under a millisecond each.
//
//	go test -run '^$' -bench LoopModel -benchmem ./internal/examples/
func BenchmarkLoopModel(b *testing.B) {
	for _, x := range All() {
		b.Run(x.Name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Simulate(context.Background(), Spec{Name: x.Name}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
