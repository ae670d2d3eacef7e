package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	exampleplayer "github.com/asyncio-tutor/asyncio-tutor/internal/tui/player"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

type runFlags struct {
	speed   float64
	params  []string
	format  string
	ascii   bool
	compare string
	list    bool
}

func newRunCmd() *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run NAME",
		Short: "Run an example live and draw its timeline",
		Long: `run runs one of the course's examples (real Go: goroutines, channels, an event loop) and
draws every task's lane as it runs. In a terminal the timeline animates until the run ends,
then stays on screen; piped, or with --format text, it prints the final timeline and the
output lines. --format json prints every recorded event; --format chrome writes a trace that
opens in Perfetto (ui.perfetto.dev) or chrome://tracing.

Program times are always in the example's own seconds, whatever --speed is.`,
		Example: `  asyncio-tutor run gather
  asyncio-tutor run waitgroup --compare sequential
  asyncio-tutor run queue --param capacity=1 --param interval=250ms
  asyncio-tutor run semaphore --speed 4 --format json
  asyncio-tutor run eventloop --format chrome > eventloop.json
  asyncio-tutor run --list`,
		Args: func(cmd *cobra.Command, args []string) error {
			if f.list {
				return cobra.NoArgs(cmd, args)
			}
			if len(args) != 1 {
				return fmt.Errorf("name one example to run (asyncio-tutor run --list shows them)")
			}
			return nil
		},
		ValidArgs: examples.Names(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.list {
				return writeExampleList(cmd.OutOrStdout())
			}
			return runExample(cmd.Context(), cmd, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.Float64Var(&f.speed, "speed", 1, fmt.Sprintf("playback speed, from %v to %v (4 runs four times faster)", trace.MinSpeed, trace.MaxSpeed))
	fl.StringArrayVarP(&f.params, "param", "p", nil, "set a parameter, key=value (repeatable; see --list)")
	fl.StringVarP(&f.format, "format", "f", "", "text, json or chrome (default: a live view in a terminal, text otherwise)")
	fl.BoolVar(&f.ascii, "ascii", false, "draw with ASCII only, for fonts without block glyphs")
	fl.StringVar(&f.compare, "compare", "", "run another example alongside and draw both on one axis, e.g. sequential")
	fl.BoolVar(&f.list, "list", false, "list the examples with their parameters")
	return cmd
}

func lookupExample(name string) (examples.Example, error) {
	x, ok := examples.Lookup(name)
	if !ok {
		return x, usageError("there is no example %q%s", name, course.Nearest(name, examples.Names()))
	}
	return x, nil
}

// parseParams turns key=value flags into a map, checked against the example.
func parseParams(x examples.Example, kvs []string) (map[string]string, error) {
	params := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			like := x.Params[0]
			for _, p := range x.Params {
				if p.Name == strings.TrimSpace(kv) {
					like = p
				}
			}
			return nil, usageError("--param takes key=value, like --param %s=%s", like.Name, like.Default)
		}
		params[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return params, nil
}

func runExample(ctx context.Context, cmd *cobra.Command, name string, f runFlags) error {
	x, err := lookupExample(name)
	if err != nil {
		return err
	}
	params, err := parseParams(x, f.params)
	if err != nil {
		return err
	}
	if err := trace.CheckSpeed(f.speed); err != nil {
		return usageError("--speed: %v", err)
	}
	out := cmd.OutOrStdout()
	live := f.format == "" && isTerminal(out)
	if f.format == "" {
		f.format = "text"
	}
	if !slices.Contains([]string{"text", "json", "chrome"}, f.format) {
		return usageError("unknown format %q; use text, json or chrome", f.format)
	}
	names := []string{x.Name}
	if f.compare != "" {
		other, err := lookupExample(f.compare)
		if err != nil {
			return err
		}
		if f.format != "text" {
			return usageError("--compare draws two runs on one timeline; use it without --format %s", f.format)
		}
		names = examples.CompareOrder(x.Name, other.Name) // the baseline on top, as in "2.00 s vs 1.00 s"
	}

	if live {
		return runLive(ctx, cmd, x, params, f)
	}
	clock, err := trace.NewClock(f.speed)
	if err != nil {
		return usageError("--speed: %v", err)
	}
	runs := make([]*examples.Run, 0, len(names))
	for _, n := range names {
		p := params
		if n != x.Name {
			p = examples.ParamsFor(n, params)
		}
		r, err := examples.Start(ctx, examples.Spec{Name: n, Params: p}, clock)
		if err != nil {
			for _, started := range runs {
				started.Stop()
				_, _ = started.Wait()
			}
			return startError(err)
		}
		runs = append(runs, r)
	}

	traces := make([]trace.Trace, len(runs))
	var runErr error
	for i, r := range runs {
		traces[i], err = r.Wait()
		if runErr == nil {
			runErr = err
		}
	}
	if runErr != nil && ctx.Err() != nil {
		return runErr // interrupted: say so rather than print half a run as if whole
	}
	switch f.format {
	case "json":
		err = writeRunJSON(out, traces[0])
	case "chrome":
		err = trace.WriteChrome(out, traces[0])
	default:
		err = writeRunText(out, f, traces)
	}
	if err != nil {
		return err
	}
	return failedRun(runErr)
}

// failedRun turns a run's own failure (a panic in example code) into an
// error; a cancelled run is not a failure of the example.
func failedRun(err error) error {
	var pe *examples.PanicError
	if errors.As(err, &pe) {
		return fmt.Errorf("the example failed: %v", err)
	}
	return nil
}

// startError says why an example could not start: a parameter the user
// can fix, or a fault of ours.
func startError(err error) error {
	var pe *examples.ParamError
	if errors.As(err, &pe) {
		return usageError("%v (asyncio-tutor run --list shows every parameter)", err)
	}
	return err
}

// runLive plays the run in the terminal with the course's own player: the
// timeline animates until the run ends and then stays on screen; space
// pauses and the arrows step through it.
func runLive(ctx context.Context, cmd *cobra.Command, x examples.Example, params map[string]string, f runFlags) error {
	if _, err := x.Expect(params); err != nil {
		return startError(err) // a bad parameter is said before the screen is taken
	}
	term := terminalAbilities(f.ascii, false)
	tl := timeline.Options{Styles: timeline.PlainStyles(), ASCII: term.ASCII}
	all := x.Defaults()
	maps.Copy(all, params)
	opt := exampleplayer.Options{
		Context: ctx, Example: x, Params: all, Compare: f.compare != "", Counterpart: f.compare, Speed: f.speed,
		Timeline: tl, Keys: theme.DefaultKeyMap(), Styles: theme.New(true),
	}
	p := tea.NewProgram(exampleplayer.NewStandalone(opt, term.Color, 40), tea.WithContext(ctx), tea.WithInput(cmd.InOrStdin()), tea.WithOutput(cmd.OutOrStdout()))
	final, err := p.Run()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return err
	}
	if m, ok := final.(exampleplayer.Standalone); ok {
		return failedRun(m.Err())
	}
	return nil
}

// writeRunText prints the final timeline and the output lines, with no
// escape codes: for pipes, files and screen readers.
func writeRunText(w io.Writer, f runFlags, traces []trace.Trace) error {
	width := 100
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 40 {
		width = n // a pipe has no width; COLUMNS is the shell's word for it
	}
	if n := terminalWidth(w); n > 0 {
		width = n
	}
	width = min(width, 160)
	height := 12
	for _, t := range traces {
		height += len(t.Tasks) + 2 + countPrints(t)
	}
	r := timeline.NewRenderer(timeline.Options{Styles: timeline.PlainStyles(), ASCII: terminalAbilities(f.ascii, false).ASCII})
	var end time.Duration
	for _, t := range traces {
		end = max(end, t.Total)
	}
	_, err := fmt.Fprintln(w, timeline.TrimFrame(r.Frame(traces, end, width, height)))
	return err
}

func countPrints(t trace.Trace) int {
	n := 0
	for _, e := range t.Events {
		if e.Kind == trace.KindPrint {
			n++
		}
	}
	return n
}

// runJSON is the public shape of `run --format json`; times in ms.
type runJSON struct {
	Example string            `json:"example"`
	Speed   float64           `json:"speed"`
	Params  map[string]string `json:"params"`
	TotalMs float64           `json:"total_ms"`
	Tasks   []string          `json:"tasks"`
	Events  []trace.Event     `json:"events"`
}

func writeRunJSON(w io.Writer, t trace.Trace) error {
	params := t.Params
	if params == nil {
		params = map[string]string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(runJSON{Example: t.Example, Speed: t.Speed, Params: params, TotalMs: trace.Millis(t.Total), Tasks: t.Tasks, Events: t.Events})
}

func writeExampleList(w io.Writer) error {
	var b strings.Builder
	for _, x := range examples.All() {
		fmt.Fprintf(&b, "%-11s %s\n", x.Name, termtext.Line(x.Title))
		fmt.Fprintf(&b, "            %s\n", termtext.Line(x.Summary))
		for _, p := range x.Params {
			fmt.Fprintf(&b, "            --param %s=%s   %s (%s to %s%s)\n", p.Name, p.Default, p.Help, p.Min, p.Max, unitSuffix(p.Unit))
		}
		if x.Counterpart != "" {
			fmt.Fprintf(&b, "            compare with: --compare %s\n", x.Counterpart)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, strings.TrimSuffix(b.String(), "\n"))
	return err
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " " + u
}
