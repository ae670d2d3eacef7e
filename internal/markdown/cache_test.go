package markdown

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"weak"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cacheMD = "# Cache\n\nA paragraph long enough to wrap at forty columns, or at least close to it.\n"

// kept lists the widths and themes r keeps, most recently used first.
func kept(r *Renderer) []style {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []style
	for _, b := range r.widths {
		out = append(out, b.style)
	}
	return out
}

func dark(widths ...int) []style {
	var out []style
	for _, w := range widths {
		out = append(out, style{w, Dark})
	}
	return out
}

func TestEvictsTheLeastRecentlyUsedWidth(t *testing.T) {
	r := New()
	for w := 40; w < 40+keepWidths; w++ {
		r.Render(cacheMD, w, Dark)
	}
	require.Equal(t, dark(43, 42, 41, 40), kept(r))

	r.Render(cacheMD, 44, Dark)
	assert.Equal(t, dark(44, 43, 42, 41), kept(r))
	_, ok := r.Cached(cacheMD, 40, Dark)
	assert.False(t, ok, "width 40 was used least recently")
	_, ok = r.Cached(cacheMD, 41, Dark)
	assert.True(t, ok)
}

func TestAReusedWidthSurvives(t *testing.T) {
	r := New()
	for w := 40; w < 44; w++ {
		r.Render(cacheMD, w, Dark)
	}
	_, ok := r.Cached(cacheMD, 40, Dark) // a lesson shown again from the cache
	require.True(t, ok)
	r.Render(cacheMD, 44, Dark)
	assert.Equal(t, dark(44, 40, 43, 42), kept(r), "Cached counts as a use")

	r.Render(cacheMD, 42, Dark) // answered from the cache
	r.Render(cacheMD, 45, Dark)
	assert.Equal(t, dark(45, 42, 44, 40), kept(r), "so does a cached Render")
}

func TestAMissDoesNotTakeAPlace(t *testing.T) {
	r := New()
	for w := 40; w < 44; w++ {
		r.Render(cacheMD, w, Dark)
	}
	_, ok := r.Cached(cacheMD, 99, Dark)
	assert.False(t, ok)
	_, ok = r.Cached("other text", 43, Dark)
	assert.False(t, ok)
	assert.Equal(t, dark(43, 42, 41, 40), kept(r))
}

func TestAThemeIsAWidthOfItsOwn(t *testing.T) {
	r := New()
	r.Render(cacheMD, 80, Dark)
	r.Render(cacheMD, 80, Light)
	assert.Equal(t, []style{{80, Light}, {80, Dark}}, kept(r))
	dk, _ := r.Cached(cacheMD, 80, Dark)
	lt, _ := r.Cached(cacheMD, 80, Light)
	assert.NotEqual(t, dk, lt)
}

func TestAnEvictedWidthDropsItsRenderer(t *testing.T) {
	r := New()
	r.Render(cacheMD, 40, Dark)
	r.mu.Lock()
	tr, err := r.widths[0].tr()
	r.mu.Unlock()
	require.NoError(t, err)
	gone := weak.Make(tr)
	tr = nil
	runtime.GC()
	require.NotNil(t, gone.Value(), "kept while its width is")

	for w := 41; w <= 40+keepWidths; w++ {
		r.Render(cacheMD, w, Dark)
	}
	require.NotContains(t, kept(r), style{40, Dark})
	for i := 0; i < 5 && gone.Value() != nil; i++ {
		runtime.GC() // weak pointers clear once the collector has swept
	}
	assert.Nil(t, gone.Value(), "nothing holds the glamour renderer of an evicted width")
}

func TestARenderThatFinishesLateKeepsNothing(t *testing.T) {
	r := New()
	started, release := make(chan struct{}), make(chan struct{})
	r.testHook = func(st style) {
		if st.width == 40 {
			close(started)
			<-release
		}
	}
	done := make(chan string)
	go func() { done <- r.Render(cacheMD, 40, Dark) }()
	<-started
	for w := 41; w <= 40+keepWidths; w++ { // the window moves on meanwhile
		r.Render(cacheMD, w, Dark)
	}
	close(release)
	assert.Contains(t, ansi.Strip(<-done), "Cache", "the caller still gets its text")
	assert.Equal(t, dark(44, 43, 42, 41), kept(r), "but it does not push a width in use out")
}

func TestCachedNeverWaitsForARender(t *testing.T) {
	r := New()
	ready := r.Render(cacheMD, 80, Dark)
	started, release := make(chan struct{}), make(chan struct{})
	r.testHook = func(st style) {
		if st.width != 80 {
			return
		}
		// Nothing else uses r until started is closed, so a failed
		// TryLock means the render itself holds the map lock.
		if !r.mu.TryLock() {
			t.Error("a render holds the map lock")
			close(started)
			return
		}
		r.mu.Unlock()
		close(started)
		<-release
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Render("# Slow\n\nrendered while the others ask.\n", 80, Dark)
	}()
	<-started

	// The render of width 80 is paused in glamour, holding its renderer.
	out, ok := r.Cached(cacheMD, 80, Dark)
	assert.True(t, ok)
	assert.Equal(t, ready, out)
	_, ok = r.Cached("# Slow\n\nrendered while the others ask.\n", 80, Dark)
	assert.False(t, ok, "not kept before it is rendered")
	assert.Equal(t, ready, r.Render(cacheMD, 80, Dark), "a cached Render does not wait either")
	assert.Contains(t, ansi.Strip(r.Render(cacheMD, 81, Dark)), "Cache", "nor does a render at another width")

	close(release)
	<-done
	_, ok = r.Cached("# Slow\n\nrendered while the others ask.\n", 80, Dark)
	assert.True(t, ok)
}

func TestConcurrentRenderAndCached(t *testing.T) {
	texts := []string{cacheMD, "- one\n- two\n\n> quoted `code`\n", "plain words " + strings.Repeat("and more ", 20)}
	styles := []style{{40, Dark}, {41, Dark}, {42, Dark}, {40, Light}, {43, Light}, {60, Plain}}
	want := map[string]string{}
	for _, st := range styles {
		for _, md := range texts {
			want[fmt.Sprint(md, st)] = New().Render(md, st.width, st.theme)
		}
	}

	r := New()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 60 {
				st, md := styles[(g+i)%len(styles)], texts[(g*7+i)%len(texts)]
				if i%2 == 0 {
					assert.Equal(t, want[fmt.Sprint(md, st)], r.Render(md, st.width, st.theme))
				} else if out, ok := r.Cached(md, st.width, st.theme); ok {
					assert.Equal(t, want[fmt.Sprint(md, st)], out)
				}
			}
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, len(kept(r)), keepWidths)
}

func TestAWidthStartsOverPastItsByteBound(t *testing.T) {
	b := newBucket(style{80, Dark})
	b.keep(1, strings.Repeat("x", maxBucketBytes-10))
	b.keep(2, "0123456789")
	b.keep(2, "0123456789") // the same text twice counts once
	assert.Len(t, b.texts, 2)
	assert.Equal(t, maxBucketBytes, b.bytes)

	b.keep(3, "y")
	assert.Equal(t, map[uint64]string{3: "y"}, b.texts)
	assert.Equal(t, 1, b.bytes)
}
