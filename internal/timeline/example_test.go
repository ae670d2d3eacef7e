package timeline_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// A tui keeps one Renderer per screen. On each animation tick it renders the
// trace recorded so far at the elapsed program time; once the run is over it
// renders the Done trace at its Total for the final, static frame.
func ExampleRenderer() {
	r := timeline.NewRenderer(timeline.Options{
		Styles: timeline.PlainStyles(), // DefaultStyles(isDark) in a colour terminal
		Expect: time.Second,            // the example's expected length: a steady axis
	})
	tr := trace.Trace{Example: "waitgroup", Tasks: []string{"say1", "say2"}}
	add := func(ms int, task string, k trace.Kind, r trace.Reason, text string) {
		tr.Events = append(tr.Events, trace.Event{Seq: len(tr.Events), T: time.Duration(ms) * time.Millisecond, Task: task, Kind: k, Reason: r, Text: text})
	}
	add(0, "say1", trace.KindStart, "", "")
	add(0, "say1", trace.KindWait, trace.ReasonSleep, "")
	add(0, "say2", trace.KindStart, "", "")
	add(0, "say2", trace.KindWait, trace.ReasonSleep, "")

	// A live frame, half-way.
	show(r.Render(tr, 500*time.Millisecond, 50, 6))

	add(1000, "say1", trace.KindResume, "", "")
	add(1000, "say1", trace.KindPrint, "", "Hello 1!")
	add(1000, "say1", trace.KindEnd, "", "")
	add(1000, "say2", trace.KindResume, "", "")
	add(1000, "say2", trace.KindPrint, "", "Hello 2!")
	add(1000, "say2", trace.KindEnd, "", "")
	tr.Done, tr.Total = true, time.Second

	// The final frame.
	show(r.Render(tr, tr.Total, 50, 9))
	// Output:
	// █ running  ░ sleep          goroutines  t = 0.50 s
	// say1 ▏░░░░░░░░░░░░░░░░░░░░░
	// say2 ▏░░░░░░░░░░░░░░░░░░░░░
	//      ├────────────────────▲─────────────────────┤
	//      0s                   0.5s                  1s
	//
	// █ running  ░ sleep  • print  ✓ done     t = 1.00 s
	// say1 ▏░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░▏✓
	// say2 ▏░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░▏✓
	//      ├────────────────────┼─────────────────────▲
	//      0s                   0.5s                  1s
	//
	// output
	//   1.00s  say1  Hello 1!
	//   1.00s  say2  Hello 2!
}

func show(frame string) {
	for _, l := range strings.Split(frame, "\n") {
		fmt.Println(strings.TrimRight(l, " "))
	}
}
