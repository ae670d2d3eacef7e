package examples

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// queue connects a producer and a consumer through a buffered channel, Go's
// asyncio.Queue. Neither calls the other: the producer puts items in, the
// consumer takes them out, and the channel's capacity decides how far ahead
// the producer may run. When the channel is full the producer blocks; when
// it is empty the consumer does. Closing the channel says "no more items".
func queue(ctx context.Context, e *env, p args) error {
	m := e.Start("main")
	defer m.Exit()

	q := make(chan string, p.Count("capacity"))

	var wg sync.WaitGroup
	producer := e.Start("producer")
	wg.Go(func() {
		defer producer.Exit()
		produce(ctx, producer, q, p.Count("items"), p.Duration("interval"))
	})
	consumer := e.Start("consumer")
	wg.Go(func() {
		defer consumer.Exit()
		consume(ctx, consumer, q, p.Duration("work"))
	})

	m.Wait(trace.ReasonSync, "wg.Wait()")
	wg.Wait()
	m.Resume()
	return m.Cancelled(ctx)
}

// queueTotal is how long queue takes: until the consumer has done the last
// item. A pipeline runs at the pace of its slower stage. The first item is
// ready after one interval and the last one is done one work after it is
// taken; in between, the n-1 other items pass at the slower pace.
//
// The capacity does not appear: it decides how far ahead the producer may
// run, not when the consumer finishes. A full queue blocks the producer
// only when it is the faster stage, and then the consumer always has an
// item waiting, so the producer's wait never delays it.
func queueTotal(p args) time.Duration {
	interval, work := p.Duration("interval"), p.Duration("work")
	return interval + time.Duration(p.Count("items")-1)*max(interval, work) + work
}

// produce makes one item every interval and puts it in the queue.
func produce(ctx context.Context, t *task, q chan<- string, items int, interval time.Duration) error {
	defer close(q) // the consumer stops once it has taken the rest
	for i := 1; i <= items; i++ {
		if err := t.Sleep(ctx, interval); err != nil { // making the item takes a while
			return err
		}
		item := fmt.Sprintf("item%d", i)
		select {
		case q <- item: // there was room
		default:
			t.Wait(trace.ReasonQueue, "queue full")
			select {
			case q <- item: // blocks while the queue is full
			case <-ctx.Done():
				return t.Cancel(context.Cause(ctx))
			}
			t.Resume()
		}
		t.Print("put " + item)
	}
	return nil
}

// consume takes items until the queue is closed and empty, working on each.
func consume(ctx context.Context, t *task, q <-chan string, work time.Duration) error {
	for {
		var item string
		var ok bool
		select {
		case item, ok = <-q: // an item was waiting
		default:
			t.Wait(trace.ReasonQueue, "queue empty")
			select {
			case item, ok = <-q: // blocks while the queue is empty
			case <-ctx.Done():
				return t.Cancel(context.Cause(ctx))
			}
			t.Resume()
		}
		if !ok {
			return nil // closed, and nothing left in it
		}
		t.Print("got " + item)
		if err := t.Sleep(ctx, work); err != nil {
			return err
		}
		t.Print("done " + item)
	}
}
