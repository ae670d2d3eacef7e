package examples

import (
	"context"

	"github.com/asyncio-tutor/asyncio-tutor/internal/pytrace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// PythonAvailable reports whether the python model can run here: nil, or
// an error wrapping pytrace.ErrNoPython that tells a learner how to enable
// it. It asks once per interpreter file, so it is cheap to call often.
func PythonAvailable() error {
	_, err := pytrace.Find("")
	return err
}

// PythonFor is x's Python twin with its parameter block set to params
// (nil or missing ones take their defaults): the program the python model
// runs, and what a learner reads for the loop model.
func (x Example) PythonFor(params map[string]string) (string, error) {
	_, eff, err := x.resolve(params)
	if err != nil {
		return "", err
	}
	return x.renderTwin(eff)
}

func (x Example) renderTwin(eff map[string]string) (string, error) {
	return renderPython(x.Python, eff, x.Params)
}

// startPython runs x's twin on CPython under the tracing shim.
func startPython(ctx context.Context, x Example, eff map[string]string, clock *trace.Clock) (*Run, error) {
	if err := PythonAvailable(); err != nil {
		return nil, err
	}
	script, err := x.renderTwin(eff)
	if err != nil {
		return nil, err
	}
	rec := trace.NewRecorder(clock, trace.ModelPython, x.Name, eff)
	return launch(ctx, x, rec, func(ctx context.Context) error {
		return pytrace.Run(ctx, script, pytrace.Options{
			Speed:  clock.Speed(),
			Name:   x.Name + ".py",
			Record: func(e trace.Event) { rec.RecordAt(e) },
		})
	}), nil
}
