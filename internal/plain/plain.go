// Package plain plays a course as a line-oriented program, for screen
// readers and dumb terminals: no alternate screen, no animation, no escape
// code at all. Lessons print as wrapped text, examples as an ordered
// transcript of events with their times, and every question is answered by
// typing a number or a word at a prompt.
//
// Run reads lines from any io.Reader and writes to any io.Writer, so a test
// drives a whole session with a strings.Reader. End of input at any prompt,
// or q, ends the session cleanly; progress is saved as it is made.
package plain

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// Options are what the command hands the plain player.
type Options struct {
	Course    *course.Course
	CourseKey string          // progress.CourseKey of the course's folder
	Store     *progress.Store // nil: progress could not be opened; the course still plays
	Notices   []string        // told at the start: read-only progress, a quarantined file…
	Title     string          // the first line printed; "asyncio-tutor" when empty
	Width     int             // columns to wrap at; 80 when 0
	ASCII     bool            // replace the renderer's bullets and rules with ASCII
	Speed     float64         // playback speed of examples; 1 when 0
	Seed      int64           // fixes the shuffles of order and output questions
	Markdown  *markdown.Renderer
	Now       func() time.Time // the time progress records; nil: time.Now
}

// MaxLine is the longest input line kept; the rest of a longer line is dropped.
const MaxLine = 4096

// echoed is the most of a learner's answer a message quotes back.
const echoed = 40

// The ways a session ends. All of them are clean: Run returns nil.
var (
	errEOF  = errors.New("end of input")
	errQuit = errors.New("quit")
)

type session struct {
	ctx   context.Context
	opt   Options
	out   *writer
	lines <-chan string
	prog  progress.Progress // the session's copy; the store is written at once too
	width int
	shown []string // the items of the last order or output question, as shown
}

// Run plays the course until the learner quits, input ends or ctx is
// cancelled; all of these return nil. It returns an error only when out
// cannot be written to.
func Run(ctx context.Context, in io.Reader, out io.Writer, opt Options) error {
	if opt.Course == nil || len(opt.Course.Lessons) == 0 {
		return errors.New("the course has no lesson to play")
	}
	if opt.Markdown == nil {
		opt.Markdown = markdown.New()
	}
	if opt.Title == "" {
		opt.Title = "asyncio-tutor"
	}
	if opt.Speed == 0 {
		opt.Speed = 1
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	stop := make(chan struct{})
	defer close(stop)
	s := &session{
		ctx:   ctx,
		opt:   opt,
		out:   &writer{w: out},
		lines: readLines(in, stop),
		width: opt.Width,
	}
	if s.width <= 0 {
		s.width = 80
	}
	s.width = max(s.width, 20)
	if opt.Store != nil {
		s.prog = opt.Store.Snapshot()
	} else {
		s.prog = progress.New()
	}
	s.prog.Course(opt.CourseKey) // exists from here on

	err := s.menu()
	switch {
	case errors.Is(err, errQuit):
		s.println("Goodbye.")
	case errors.Is(err, errEOF):
		s.println("")
	case ctx.Err() != nil:
		s.println("")
		s.println("Stopped.")
	case err != nil:
		return err
	}
	return s.out.err
}

// readLines reads in line by line in its own goroutine, so that a prompt can
// also end when ctx is cancelled. The channel is closed at end of input.
func readLines(in io.Reader, stop <-chan struct{}) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		br := bufio.NewReaderSize(in, MaxLine)
		for {
			line, err := readLine(br)
			if err != nil && line == "" {
				return
			}
			select {
			case ch <- line:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return ch
}

// readLine reads one line without its line ending, keeping at most MaxLine
// bytes of it. The error is io.EOF (or the reader's error) after a last line
// without a newline, or when nothing is left.
func readLine(br *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(b) < MaxLine {
			b = append(b, chunk[:min(len(chunk), MaxLine-len(b))]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		s := strings.TrimRight(string(b), "\r\n")
		if err != nil && len(b) == 0 {
			return "", err
		}
		return s, err
	}
}

// ask prints prompt and returns the next line, trimmed. q (or quit) at any
// prompt ends the session, as does end of input or a cancelled context.
func (s *session) ask(prompt string) (string, error) {
	s.print(prompt)
	if s.out.err != nil {
		return "", s.out.err
	}
	select {
	case line, ok := <-s.lines:
		if !ok {
			return "", errEOF
		}
		line = strings.TrimSpace(termtext.Message(line))
		switch strings.ToLower(line) {
		case "q", "quit":
			return "", errQuit
		}
		return line, nil
	case <-s.ctx.Done():
		return "", s.ctx.Err()
	}
}

// yes asks a [y/N] question.
func (s *session) yes(prompt string) (bool, error) {
	for {
		a, err := s.ask(prompt + " [y/N] ")
		if err != nil {
			return false, err
		}
		switch strings.ToLower(a) {
		case "y", "yes":
			return true, nil
		case "", "n", "no":
			return false, nil
		}
		s.println("Type y for yes, n or just Enter for no, q to quit.")
	}
}

// record applies a change to the session's copy of the progress and saves
// the same change to the store at once, so that whatever ends the session,
// nothing is lost, and what is shown is what is saved.
func (s *session) record(change learn.Change) {
	change(s.prog.Course(s.opt.CourseKey))
	if s.opt.Store == nil {
		return
	}
	key := s.opt.CourseKey
	err := s.opt.Store.Update(func(p *progress.Progress) { change(p.Course(key)) })
	if err != nil && !errors.Is(err, progress.ErrReadOnly) {
		s.println("Progress not saved: " + termtext.Message(err.Error()))
	}
}

func (s *session) course() *progress.Course { return s.prog.Courses[s.opt.CourseKey] }

// menu is the start: the course, the learner's progress and the lessons.
func (s *session) menu() error {
	c := s.opt.Course
	s.println(termtext.Name(s.opt.Title))
	s.println(learn.Plural(len(c.Lessons), "lesson", "lessons") + ".")
	for _, n := range s.opt.Notices {
		s.para("Note: " + termtext.Message(n))
	}
	for {
		s.println("")
		s.summary()
		for i, l := range c.Lessons {
			s.wrapIndent(fmt.Sprintf("%2d. ", i+1), termtext.Name(l.Title)+" ("+s.lessonState(l)+")")
		}
		resume, line := learn.Resume(c, s.course())
		prompt := fmt.Sprintf("Lesson number, c to continue (lesson %d), q to quit: ", resume+1)
		i, cont, err := s.pickLesson(prompt, resume)
		if err != nil {
			return err
		}
		if !cont {
			line = 0 // a lesson picked by its number opens at its top
		}
		if err := s.lessonLoop(i, line); err != nil {
			return err
		}
	}
}

func (s *session) summary() {
	sum := learn.Summarize(s.opt.Course, s.course())
	s.println(fmt.Sprintf("Progress: %d of %d lessons read, %s passed.", sum.Read, sum.Lessons, learn.Plural(sum.Passed, "quiz", "quizzes")))
}

// pickLesson asks for a lesson; cont reports that the learner chose to
// continue where they left off.
func (s *session) pickLesson(prompt string, resume int) (i int, cont bool, err error) {
	n := len(s.opt.Course.Lessons)
	for {
		a, err := s.ask(prompt)
		if err != nil {
			return 0, false, err
		}
		switch strings.ToLower(a) {
		case "", "c":
			return resume, true, nil
		}
		if k, err := strconv.Atoi(a); err == nil && k >= 1 && k <= n {
			return k - 1, false, nil
		}
		s.println(fmt.Sprintf("%q is not a lesson number. Type a number from 1 to %d, c to continue or q to quit.", termtext.Excerpt(a, echoed), n))
	}
}

// lessonState is a lesson's state in words, as the full-screen menu and
// the progress command say it.
func (s *session) lessonState(l *course.Lesson) string {
	return learn.LessonState(s.opt.Course, l, s.course()).Label()
}
