package loop

import (
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Gather is `await asyncio.gather(*tasks)`: it waits for every task and
// returns their results in the order given, whatever order they finish
// in. The first exception is raised as soon as it happens, and the other
// tasks go on running: gather does not cancel them.
func (t *Task) Gather(tasks ...*Task) ([]any, error) {
	return t.gatherTasks(false, tasks)
}

// GatherReturnExceptions is `await asyncio.gather(*tasks,
// return_exceptions=True)`: an exception takes its task's place among the
// results instead of being raised.
func (t *Task) GatherReturnExceptions(tasks ...*Task) ([]any, error) {
	return t.gatherTasks(true, tasks)
}

func (t *Task) gatherTasks(returnExceptions bool, tasks []*Task) ([]any, error) {
	futs := make([]*Future, len(tasks))
	for i, o := range tasks {
		futs[i] = o.fut
	}
	v, err := t.Await(t.l.gather(futs, returnExceptions), trace.ReasonFuture, "gather")
	if err != nil {
		return nil, err
	}
	return v.([]any), nil
}

// gather builds the _GatheringFuture over children.
func (l *Loop) gather(children []*Future, returnExceptions bool) *Future {
	outer := l.NewFuture()
	if len(children) == 0 {
		outer.SetResult([]any{})
		return outer
	}
	seen := map[*Future]bool{}
	todo, finished := 0, 0
	cancelRequested := false
	done := func(f *Future) {
		finished++
		if outer.Done() {
			return
		}
		if !returnExceptions {
			if _, err := f.Result(); err != nil {
				outer.SetException(err)
				return
			}
		}
		if finished < todo {
			return
		}
		results := make([]any, len(children))
		for i, c := range children {
			v, err := c.Result()
			if err != nil {
				results[i] = err
			} else {
				results[i] = v
			}
		}
		if cancelRequested {
			outer.SetException(&CancelledError{})
			return
		}
		outer.SetResult(results)
	}
	for _, c := range children {
		if !seen[c] {
			seen[c] = true
			todo++
			c.AddDoneCallback(done)
		}
	}
	// Cancelling a gather cancels its children; it ends once they have.
	outer.cancelHook = func(msg string) bool {
		if outer.Done() {
			return false
		}
		ret := false
		for _, c := range children {
			if c.Cancel(msg) {
				ret = true
			}
		}
		if ret {
			cancelRequested = true
		}
		return ret
	}
	return outer
}

// Group is an asyncio.TaskGroup while its `async with` block runs.
type Group struct {
	l                     *Loop
	parent                *Task
	tasks                 []*Task // not done yet, in creation order
	errors                []error
	exiting               bool
	aborting              bool
	parentCancelRequested bool
	onCompleted           *Future
}

// ErrGroupShuttingDown and ErrGroupFinished are the RuntimeErrors of
// adding a task to a group that is cancelling its tasks, or that has
// finished waiting for them.
var (
	ErrGroupShuttingDown error = &Exception{Type: "RuntimeError", Msg: "TaskGroup is shutting down"}
	ErrGroupFinished     error = &Exception{Type: "RuntimeError", Msg: "TaskGroup is finished"}
)

// TaskGroup is `async with asyncio.TaskGroup() as g: body(g)` as Python
// 3.11 runs it: when body is done the task waits for every task of the
// group; the first task that raises cancels the others and the body's task
// itself, and once all have ended the group raises an *ExceptionGroup of
// every exception its tasks raised.
func (t *Task) TaskGroup(body func(g *Group) error) error {
	g := &Group{l: t.l, parent: t}
	err := body(g)
	return g.exit(t, err)
}

// CreateTask is tg.create_task(coro, name=name).
func (g *Group) CreateTask(name string, body Func) (*Task, error) {
	if g.exiting && len(g.tasks) == 0 {
		return nil, ErrGroupFinished
	}
	if g.aborting {
		return nil, ErrGroupShuttingDown
	}
	o := g.l.CreateTask(name, body)
	o.fut.AddDoneCallback(func(*Future) { g.onTaskDone(o) })
	g.tasks = append(g.tasks, o)
	return o, nil
}

func (g *Group) abort() {
	g.aborting = true
	for _, o := range g.tasks {
		if !o.Done() {
			o.Cancel("")
		}
	}
}

func (g *Group) onTaskDone(o *Task) {
	for i, x := range g.tasks {
		if x == o {
			g.tasks = append(g.tasks[:i], g.tasks[i+1:]...)
			break
		}
	}
	if g.onCompleted != nil && len(g.tasks) == 0 {
		g.onCompleted.SetResult(true)
	}
	if o.fut.Cancelled() {
		return
	}
	_, err := o.fut.Result()
	if err == nil {
		return
	}
	g.errors = append(g.errors, err)
	if g.parent.Done() {
		return
	}
	if !g.aborting && !g.parentCancelRequested {
		g.abort()
		g.parentCancelRequested = true
		g.parent.Cancel("")
	}
}

// exit is TaskGroup.__aexit__ with the error the body ended with.
func (g *Group) exit(t *Task, bodyErr error) error {
	g.exiting = true
	var propagate error
	if IsCancelled(bodyErr) {
		propagate = bodyErr
	}
	if g.parentCancelRequested && t.Uncancel() == 0 {
		propagate = nil
	}
	if bodyErr != nil && !g.aborting {
		g.abort()
	}
	for len(g.tasks) > 0 {
		if g.onCompleted == nil {
			g.onCompleted = g.l.NewFuture()
		}
		if _, err := t.Await(g.onCompleted, trace.ReasonFuture, "task group"); IsCancelled(err) && !g.aborting {
			propagate = err
			g.abort()
		}
		g.onCompleted = nil
	}
	if propagate != nil && len(g.errors) == 0 {
		return propagate
	}
	if bodyErr != nil && !IsCancelled(bodyErr) {
		g.errors = append(g.errors, bodyErr)
	}
	if len(g.errors) > 0 {
		return &ExceptionGroup{Errors: g.errors}
	}
	return nil
}
