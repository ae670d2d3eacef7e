package termtext

import (
	"strings"
	"testing"
)

var (
	cleanTitle   = "Gathering results: the event loop hands the turn on · ไทย"
	hostileTitle = "lessons/evil\u202egpj.md\n::error file=a::x \u200b" + strings.Repeat("x", 40)
	sink         string
)

func BenchmarkSinks(b *testing.B) {
	for _, c := range []struct {
		name string
		fn   func(string) string
		in   string
	}{
		{"Message/clean", Message, cleanTitle},
		{"Message/hostile", Message, hostileTitle},
		{"Name/clean", Name, cleanTitle},
		{"Name/hostile", Name, hostileTitle},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sink = c.fn(c.in)
			}
		})
	}
}
