package examples

import (
	"bytes"
	"encoding/json"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Every example's trace exports to a Chrome trace a viewer can draw: on
// each track the state slices follow one another without overlapping, and
// they cover the task from its first event to its end.
func TestChromeExportOfEveryExample(t *testing.T) {
	for _, x := range All() {
		synctest.Test(t, func(t *testing.T) {
			tr := run(t, x.Name, nil)
			var buf bytes.Buffer
			require.NoError(t, trace.WriteChrome(&buf, tr))
			var f struct {
				TraceEvents []struct {
					Name string         `json:"name"`
					Ph   string         `json:"ph"`
					Ts   float64        `json:"ts"`
					Dur  float64        `json:"dur"`
					Tid  int            `json:"tid"`
					Args map[string]any `json:"args"`
				} `json:"traceEvents"`
			}
			require.NoError(t, json.Unmarshal(buf.Bytes(), &f))

			names := map[int]string{}
			end := map[int]float64{} // where the last slice on each track ended
			prints := 0
			for _, e := range f.TraceEvents {
				switch e.Ph {
				case "M":
					if e.Name == "thread_name" {
						names[e.Tid] = e.Args["name"].(string)
					}
				case "X":
					require.Contains(t, names, e.Tid, "metadata comes first")
					if last, ok := end[e.Tid]; ok {
						assert.Equal(t, last, e.Ts, "%s/%s: slices on a track touch and never overlap", x.Name, names[e.Tid])
					}
					assert.GreaterOrEqual(t, e.Dur, 0.0)
					end[e.Tid] = e.Ts + e.Dur
				case "i":
					if e.Args["text"] != nil && e.Name == e.Args["text"] {
						prints++
					}
				}
			}
			assert.Len(t, names, len(tr.Tasks))
			for tid, task := range names {
				var last trace.Event
				for _, e := range tr.Events {
					if e.Task == task {
						last = e
					}
				}
				assert.Equal(t, trace.KindEnd, last.Kind)
				assert.InDelta(t, float64(last.T.Microseconds()), end[tid], 0.001, "%s/%s ends with its task", x.Name, task)
			}
			assert.Equal(t, len(printsOf(tr)), prints, "one instant per printed line")
		})
	}
}

func printsOf(tr trace.Trace) []string {
	var out []string
	for _, e := range tr.Events {
		if e.Kind == trace.KindPrint {
			out = append(out, e.Text)
		}
	}
	return out
}
