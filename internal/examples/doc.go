// Package examples holds the runnable Go examples of the course and their
// registry. Each example is real Go concurrency (goroutines, a WaitGroup, an
// errgroup, channels, a context deadline, a hand-made event loop) that
// records what its tasks do into a trace.Recorder while it runs.
//
// # Registry
//
// All lists the examples in teaching order, Lookup finds one by name and
// Names lists the names. Names, parameter names and defaults are a public
// contract: lessons, quizzes and the command line refer to them.
//
// Each example's Go code lives in a file of its own (sequential.go,
// waitgroup.go, ...) that is embedded into Example.Source, so the source a
// learner reads is the code that runs. The calls they make on a task (Start,
// Print, Sleep, Wait, Resume, Cancel, End, Exit) are defined in env.go and
// only record events; the concurrency itself is plain Go.
//
// # Running
//
//	clock, _ := trace.NewClock(speed)            // program time 0 is now
//	run, err := examples.Start(ctx, "gather", params, clock)
//	...                                          // run.Since(n): events as they happen
//	tr, err := run.Wait()                        // the whole trace
//
// Start checks the parameters and returns at once; the example runs in its
// own goroutines. Cancelling ctx (or Run.Stop) stops them all promptly, and
// Wait returns only once every goroutine of the run has returned. A panic in
// example code is recovered in the goroutine where it happens, cancels the
// run, and comes back from Wait as a *PanicError: it never crashes the
// program. Execute is Start and Wait in one call.
//
// Parameters are given as strings, as on the command line
// (--param delay1=500ms): durations as Go durations or plain seconds, counts
// as whole numbers. An unknown name or a value out of range is a
// *ParamError that names the parameter and what is allowed.
//
// # Following a run live
//
// Run.Since(n) returns the events from Seq n on, a channel closed when the
// next event arrives, and whether the run has ended; see
// trace.Recorder.Since. Recording never waits for the reader, and no event
// is dropped, so a slow reader only gets larger batches.
//
// # Tasks and events
//
// Every task is a lane. A task is started (KindStart) by the goroutine that
// creates it, before the go statement, so lanes keep their order from run to
// run. Every block is recorded with its real reason: a sleep (ReasonSleep),
// a WaitGroup, errgroup or call (ReasonSync), a full or empty queue
// (ReasonQueue), a channel (ReasonChan), a semaphore slot (ReasonLock). In
// the eventloop example the loop is a lane of its own; it records
// KindReady when it queues a task, KindTimer (with Due) when it arms a
// timer, KindFire when the timer fires, and a task it hands the turn to
// records KindStart or KindResume with ReasonLoop.
package examples
