package plain

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

func TestACardRunsInItsModelWithItsSettings(t *testing.T) {
	lessons := fstest.MapFS{"01-gather.md": {Data: []byte("---\nid: gather\ntitle: Gather\n---\n\n" +
		"```example gather model=loop delay3=4s\nfunc3 now sleeps longest.\n```\n")}}
	c, problems := course.Load(context.Background(), course.Source{Lessons: lessons, Quizzes: fstest.MapFS{}})
	require.False(t, course.HasErrors(problems), "%v", problems)
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder
		err := Run(context.Background(), strings.NewReader("1\ny\n\n\n\n"), &out, Options{Course: c, CourseKey: "k"})
		require.NoError(t, err)
		got := out.String()
		assert.Contains(t, got, "Example gather (asyncio loop model): Gathering results with errgroup\n")
		assert.Contains(t, got, "Running gather (asyncio loop model; delay3=4s). Time, then what happens:\n")
		assert.Contains(t, got, "Finished in 4.00 s.", "the card's delay3 is used")
	})
}
