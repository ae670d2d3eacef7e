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
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
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
	model   string
	list    bool
}

// compareModels is --compare given without a value: compare the example
// with itself in another model.
const compareModels = "other-model"

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

--model picks what runs: goroutines (the Go code, the default), loop (the asyncio model on
the course's event-loop engine, in exact virtual time) or python (the example's Python twin
on CPython; needs python3). --compare OTHER draws a second run on the same axis: OTHER is
another example (run in the same model) or a model (the same example in that model); a bare
--compare compares goroutines with loop (or with --model, when that is not goroutines).

Program times are always in the example's own seconds, whatever --speed is.`,
		Example: `  asyncio-tutor run gather
  asyncio-tutor run gather --model loop --param fail=2@1s
  asyncio-tutor run eventloop --compare
  asyncio-tutor run eventloop --compare python
  asyncio-tutor run waitgroup --compare sequential
  asyncio-tutor run queue --param capacity=1 --param interval=250ms
  asyncio-tutor run semaphore --speed 4 --format json
  asyncio-tutor run eventloop --format chrome > eventloop.json
  asyncio-tutor run --list`,
		Args: func(cmd *cobra.Command, args []string) error {
			if f.list {
				return cobra.NoArgs(cmd, args)
			}
			if len(args) == 2 && f.compare == compareModels {
				return nil // run A --compare B: a bare --compare takes no value, so B came as an argument
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
			if len(args) == 2 {
				f.compare = args[1]
			}
			return runExample(cmd.Context(), cmd, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.Float64Var(&f.speed, "speed", 1, fmt.Sprintf("playback speed, from %v to %v (4 runs four times faster)", trace.MinSpeed, trace.MaxSpeed))
	fl.StringArrayVarP(&f.params, "param", "p", nil, "set a parameter, key=value (repeatable; see --list)")
	fl.StringVarP(&f.format, "format", "f", "", "text, json or chrome (default: a live view in a terminal, text otherwise)")
	fl.BoolVar(&f.ascii, "ascii", false, "draw with ASCII only, for fonts without block glyphs")
	fl.StringVar(&f.compare, "compare", "", "draw a second run on one axis: another example (e.g. sequential) or a model (loop, python); alone, goroutines against loop")
	fl.Lookup("compare").NoOptDefVal = compareModels
	fl.StringVar(&f.model, "model", string(trace.ModelGoroutines), "what runs: goroutines (the Go code), loop (the asyncio model, exact virtual time) or python (the Python twin; needs python3)")
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
	model, err := trace.ParseModel(f.model)
	if err != nil {
		return usageError("--model: %v", err)
	}
	out := cmd.OutOrStdout()
	live := f.format == "" && isTerminal(out)
	if f.format == "" {
		f.format = "text"
	}
	if !slices.Contains([]string{"text", "json", "chrome"}, f.format) {
		return usageError("unknown format %q; use text, json or chrome", f.format)
	}
	specs := []examples.Spec{{Name: x.Name, Model: model, Params: params}}
	if f.compare != "" {
		if f.format == "json" {
			return usageError("--compare draws two runs on one timeline; use it without --format %s", f.format)
		}
		specs, err = compareSpecs(x, model, params, f.compare)
		if err != nil {
			return err
		}
	}
	for _, s := range specs {
		if s.Model == trace.ModelPython {
			if err := examples.PythonAvailable(); err != nil {
				// The call was right; this machine lacks python3. Exit 1, as for
				// any run that could not finish, not 2: nothing in the command
				// line is to fix, and it works once python3 is installed.
				flag := "--model python"
				if model != trace.ModelPython {
					flag = "--compare python"
				}
				return ioError(flag, err)
			}
		}
	}

	if play, ok := playerPlan(x, specs); live && ok {
		return runLive(ctx, cmd, x, params, f, play)
	}
	traces, runErr, err := runSpecs(ctx, specs, f.speed)
	if err != nil {
		return err
	}
	if runErr != nil && ctx.Err() != nil {
		return runErr // interrupted: say so rather than print half a run as if whole
	}
	switch f.format {
	case "json":
		err = writeRunJSON(out, traces[0], model)
	case "chrome":
		err = trace.WriteChromeRuns(out, traces)
	default:
		err = writeRunText(out, f, traces)
	}
	if err != nil {
		return err
	}
	return failedRun(runErr)
}

// compareSpecs is what --compare OTHER runs: two examples in one model when
// OTHER is an example, one example in two models when OTHER is a model or
// compareModels. The baseline goes on top: the slower example, or the
// models in the order goroutines, loop, python.
func compareSpecs(x examples.Example, model trace.Model, params map[string]string, other string) ([]examples.Spec, error) {
	otherModel, isModel := trace.Model(""), false
	switch m, err := trace.ParseModel(other); {
	case other == compareModels:
		otherModel, isModel = trace.ModelLoop, true
		if model != trace.ModelGoroutines {
			otherModel = trace.ModelGoroutines
		}
	case err == nil:
		otherModel, isModel = m, true
	}
	if isModel {
		if otherModel == model {
			return nil, usageError("--compare %s compares the %s model with itself; name another model (goroutines, loop, python) or leave --model out", other, model)
		}
		return examples.BesideModel(examples.Spec{Name: x.Name, Model: model, Params: params}, otherModel), nil
	}
	o, ok := examples.Lookup(other)
	if !ok {
		known := append(examples.Names(), modelNames()...)
		return nil, usageError("--compare: there is no example or model %q%s", other, course.Nearest(other, known))
	}
	return examples.BesideExample(examples.Spec{Name: x.Name, Model: model, Params: params}, o.Name), nil
}

func modelNames() []string {
	names := make([]string, len(trace.Models))
	for i, m := range trace.Models {
		names[i] = string(m)
	}
	return names
}

// runSpecs runs each spec to its end: the loop model in virtual time
// (instant and exact), the others on one shared clock at speed, so that a
// compared pair starts together. It returns the traces, the first run's own
// failure, and an error when a run could not start.
func runSpecs(ctx context.Context, specs []examples.Spec, speed float64) ([]trace.Trace, error, error) {
	clock, err := trace.NewClock(speed)
	if err != nil {
		return nil, nil, usageError("--speed: %v", err)
	}
	traces := make([]trace.Trace, len(specs))
	errs := make([]error, len(specs))
	runs := make([]*examples.Run, len(specs))
	stopAll := func() {
		for _, r := range runs {
			if r != nil {
				r.Stop()
				_, _ = r.Wait()
			}
		}
	}
	for i, s := range specs {
		if s.Model == trace.ModelLoop {
			continue
		}
		r, err := examples.Start(ctx, s, clock)
		if err != nil {
			stopAll()
			return nil, nil, startError(err)
		}
		runs[i] = r
	}
	for i, s := range specs {
		if s.Model != trace.ModelLoop {
			continue
		}
		traces[i], errs[i] = examples.Simulate(ctx, s)
		var pe *examples.PanicError
		if errs[i] != nil && !errors.As(errs[i], &pe) && ctx.Err() == nil {
			stopAll()
			return nil, nil, startError(errs[i])
		}
	}
	for i, r := range runs {
		if r != nil {
			traces[i], errs[i] = r.Wait()
		}
	}
	var runErr error
	for _, e := range errs {
		if runErr == nil {
			runErr = e
		}
	}
	return traces, runErr, nil
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

// livePlan is how the player is told to start the runs of specs.
type livePlan struct {
	model       trace.Model
	compare     bool
	counterpart string
}

// playerPlan says how the player plays specs, or false when it cannot play
// that pair: it compares models only as goroutines against an asyncio
// model, and never for the examples that run one goroutine at a time
// (there it compares with the counterpart example). Such a pair is printed
// as its final timeline instead, as when piped.
func playerPlan(x examples.Example, specs []examples.Spec) (livePlan, bool) {
	if len(specs) == 1 {
		return livePlan{model: specs[0].Model}, true
	}
	if specs[0].Name != specs[1].Name {
		other := specs[0].Name
		if other == x.Name {
			other = specs[1].Name
		}
		return livePlan{model: specs[0].Model, compare: true, counterpart: other}, true
	}
	if specs[0].Model != trace.ModelGoroutines || x.Solo {
		return livePlan{}, false
	}
	return livePlan{model: specs[1].Model, compare: true}, true
}

// runLive plays the run in the terminal with the course's own player: the
// timeline animates until the run ends and then stays on screen; space
// pauses and the arrows step through it.
func runLive(ctx context.Context, cmd *cobra.Command, x examples.Example, params map[string]string, f runFlags, play livePlan) error {
	if _, err := x.Expect(params); err != nil {
		return startError(err) // a bad parameter is said before the screen is taken
	}
	term := terminalAbilities(f.ascii, false)
	tl := timeline.Options{Styles: timeline.PlainStyles(), ASCII: term.ASCII}
	all := x.Defaults()
	maps.Copy(all, params)
	opt := exampleplayer.Options{
		Context: ctx, Example: x, Params: all, Model: play.model, Compare: play.compare, Counterpart: play.counterpart, Speed: f.speed,
		Timeline: tl, Keys: theme.NewKeyMap(say.Of(localeLang())), Styles: theme.New(true),
	}
	p := newProgram(ctx, exampleplayer.NewStandalone(opt, term.Color, 40), tea.WithInput(cmd.InOrStdin()), tea.WithOutput(cmd.OutOrStdout()))
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
	Model   trace.Model       `json:"model"`
	Speed   float64           `json:"speed"`
	Params  map[string]string `json:"params"`
	TotalMs float64           `json:"total_ms"`
	Tasks   []string          `json:"tasks"`
	Events  []trace.Event     `json:"events"`
}

func writeRunJSON(w io.Writer, t trace.Trace, model trace.Model) error {
	params := t.Params
	if params == nil {
		params = map[string]string{}
	}
	if t.Model != "" {
		model = t.Model
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(runJSON{Example: t.Example, Model: model, Speed: t.Speed, Params: params, TotalMs: trace.Millis(t.Total), Tasks: t.Tasks, Events: t.Events})
}

func writeExampleList(w io.Writer) error {
	var b strings.Builder
	for _, x := range examples.All() {
		fmt.Fprintf(&b, "%-11s %s\n", x.Name, termtext.Name(x.Title))
		fmt.Fprintf(&b, "            %s\n", termtext.Message(x.Summary))
		for _, p := range x.Params {
			fmt.Fprintf(&b, "            --param %s=%s   %s (%s)\n", p.Name, p.Default, p.Help, paramRange(p))
		}
		if x.Counterpart != "" {
			fmt.Fprintf(&b, "            compare with: --compare %s\n", x.Counterpart)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, strings.TrimSuffix(b.String(), "\n"))
	return err
}

// paramRange is "1 to 20 items", or "0s to 10s" for a duration, whose
// bounds already carry their unit.
func paramRange(p examples.Param) string {
	r := p.Min + " to " + p.Max
	if p.Kind == examples.Count && p.Unit != "" {
		r += " " + p.Unit
	}
	return r
}
