// The Train button: one training run at a time, in the server, on a
// network of its own, by the one Trainer of common/trainer (a random
// mini-batch, Gradient, the guard, the optimizer's Update), with its
// parameters copied into the prediction network after every step so the
// page keeps being answered.
//
// The training is a small state machine owned by one goroutine, loop:
//
//	idle    --start-->  running   (from the initial weights)
//	running --pause-->  paused    (also the run's own end: its iterations done, or the guard)
//	paused  --resume--> running   (the same network, optimizer, batches and guard)
//	any     --reset-->  idle      (back to the initial weights and the seed's first batch)
//
// That goroutine alone reads and writes the network, the optimizer and every
// field of the state; it runs the Trainer itself, and between two steps it
// carries out the requests the handlers send it on a channel. So a request
// always sees a whole state, pausing and resuming gives the run an
// uninterrupted one would, and no two runs can exist. The handlers read the
// published copy (view), which only that goroutine writes.
//
// Machinery of the page, not the book.

package serve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// The training states, as the page shows them.
const (
	stateIdle    = "idle"    // at the initial weights, never trained since the last reset
	stateRunning = "running" // a run is under way
	statePaused  = "paused"  // stopped part way; resume continues it
)

// evalEvery is how often, in iterations, a run measures its accuracy, on
// the first evalSize images of the training and of the test set.
const (
	evalEvery = 100
	evalSize  = 1000
)

// stepInterval is the least time between two "step" events: a small
// network trains thousands of steps a second, more than a chart needs.
var stepInterval = 100 * time.Millisecond

// runChunk is the most iterations one Trainer.Run does; a longer run (or
// one until paused) is a series of them on the same network, optimizer,
// generator and guard, which gives the same steps, so that the losses each
// Trainer keeps stay few.
var runChunk = 10000

// maxHistory is the most points of each chart (loss and accuracy) the
// server keeps for pages that connect late, and the page keeps too
// (/api/info tells it): once a chart holds maxHistory points, every other
// one is dropped (appendCapped). So the memory of a run that goes on for
// days stays bounded, on both sides.
var maxHistory = 4000

// trainRequest is the body of /api/train.
type trainRequest struct {
	Action     string  `json:"action"`     // start, pause, resume or reset
	Optimizer  string  `json:"optimizer"`  // for start: one of optimizer.Names
	LR         float64 `json:"lr"`         // for start: the learning rate, in (0, 10]
	Iterations int     `json:"iterations"` // for start and resume: stop after this many more steps; 0 means run until paused
}

// stepEvent is the "step" event: the mean loss of the steps since the last one.
type stepEvent struct {
	Iter  int     `json:"iter"`
	Epoch float64 `json:"epoch"`
	Loss  float64 `json:"loss"`
}

// evalEvent is the "eval" event: accuracy on the first evalSize images of each set.
type evalEvent struct {
	Iter  int     `json:"iter"`
	Train float64 `json:"train"`
	Test  float64 `json:"test"`
}

// stateEvent is the "state" event, sent on every change and answered by /api/train.
type stateEvent struct {
	State     string  `json:"state"`
	Iter      int     `json:"iter"`
	Optimizer string  `json:"optimizer,omitempty"`
	LR        float64 `json:"lr,omitempty"`
	Message   string  `json:"message,omitempty"`
}

// historyEvent is the "history" event a page gets when it connects: the
// run so far.
type historyEvent struct {
	State stateEvent  `json:"state"`
	Steps []stepEvent `json:"steps"`
	Evals []evalEvent `json:"evals"`
}

// command is a request to the goroutine that owns the training: a
// /api/train action, or (for the tests) a function to run between two
// steps. It answers on reply.
type command struct {
	req   trainRequest
	fn    func()
	reply chan reply
}

// reply is the answer to a command: the new state, or why not.
type reply struct {
	state stateEvent
	err   error
}

// errHandled ends a Trainer.Run whose run a request has paused or reset.
var errHandled = errors.New("serve: the run was paused or reset")

// training is the state of the Train button. Every field from net to
// lastStep belongs to the goroutine of loop: nothing else touches them.
type training struct {
	cfg    *Config
	model  *model
	events *broker

	cmds chan command       // requests to loop
	stop context.CancelFunc // ends loop
	done chan struct{}      // closed when loop has ended

	// Owned by loop.
	net      *network.Net
	opt      optimizer.Optimizer
	optName  string
	lr       float64
	rng      *rand.Rand
	guard    *trainer.Guard
	iter     int    // steps since the reset
	state    string // stateIdle, stateRunning or statePaused
	message  string // why the run stopped, shown beside the state
	left     int    // the steps the run has still to go; 0 means until paused
	from     int    // iter when the run was started or resumed
	lossSum  float64
	lossN    int       // the losses since the last step event, for its mean
	lastStep time.Time // when the last step event went out

	// The copy the handlers read, written by loop under mu.
	mu   sync.Mutex
	view historyEvent
}

// newTraining returns the training at its initial weights, with its
// goroutine started; close ends it.
func newTraining(cfg *Config, m *model, events *broker) (*training, error) {
	t := &training{cfg: cfg, model: m, events: events, cmds: make(chan command), done: make(chan struct{})}
	if err := t.reset(); err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	t.stop = stop
	go t.loop(ctx)
	return t, nil
}

// close stops any run at the end of its current step and ends the
// goroutine, waiting for it. The state stays as it was, for the last word.
func (t *training) close() {
	t.stop()
	<-t.done
}

// loop is the goroutine that owns the training: it runs the Trainer while
// the state is running, and otherwise waits for requests.
func (t *training) loop(ctx context.Context) {
	defer close(t.done)
	for {
		if t.state == stateRunning {
			t.runSome(ctx)
			if ctx.Err() != nil {
				return
			}
			continue
		}
		select {
		case c := <-t.cmds:
			t.handle(c)
		case <-ctx.Done():
			return
		}
	}
}

// runSome trains for one Trainer.Run of at most runChunk steps, or until a
// request pauses or resets the run, and ends the run when its iterations
// are done or the Trainer fails (a loss that blew up).
func (t *training) runSome(ctx context.Context) {
	n := runChunk
	if t.left > 0 {
		n = min(n, t.left)
	}
	tr := &trainer.Trainer{
		Net: t.net, Train: t.cfg.Train, Optimizer: t.opt, BatchSize: t.cfg.BatchSize, Rand: t.rng,
		Iters: n, NoEval: true, Guard: t.guard, OnStep: t.onStep,
	}
	err := tr.Run(ctx)
	switch {
	case ctx.Err() != nil, errors.Is(err, errHandled):
		// Shutting down, or a request has set the state already.
	case err != nil:
		t.flushStep()
		t.setState(statePaused, pageMessage(err, len(tr.TrainLoss), t.iter)+"; press Reset")
	case t.left > 0:
		if t.left -= n; t.left == 0 {
			t.flushStep()
			t.setState(statePaused, fmt.Sprintf("paused after %d iterations", t.iter-t.from))
		}
	}
}

// onStep is the Trainer's OnStep: it counts the step, copies the
// parameters into the prediction network, publishes a "step" event at most
// every stepInterval and an "eval" event every evalEvery iterations, then
// carries out the requests waiting, and stops the Trainer if one of them
// paused or reset the run.
func (t *training) onStep(_ int, loss float64) error {
	t.iter++
	t.lossSum += loss
	t.lossN++
	t.model.setParams(t.net)
	if time.Since(t.lastStep) >= stepInterval || t.iter%evalEvery == 0 {
		t.flushStep()
	}
	if t.iter%evalEvery == 0 {
		t.evaluate()
	}
	t.publishIter()
	for t.state == stateRunning {
		select {
		case c := <-t.cmds:
			t.handle(c)
		default:
			return nil
		}
	}
	return errHandled
}

// flushStep publishes the mean loss of the steps since the last "step"
// event, if there are any.
func (t *training) flushStep() {
	if t.lossN == 0 {
		return
	}
	step := stepEvent{t.iter, float64(t.iter*t.cfg.BatchSize) / float64(t.cfg.Train.Len()), t.lossSum / float64(t.lossN)}
	t.lossSum, t.lossN, t.lastStep = 0, 0, time.Now()
	t.mu.Lock()
	t.view.Steps = appendCapped(t.view.Steps, step)
	t.mu.Unlock()
	t.events.publish("step", step)
}

// handle carries out one command and answers it.
func (t *training) handle(c command) {
	if c.fn != nil {
		c.fn()
		c.reply <- reply{state: t.stateEvent()}
		return
	}
	err := t.transition(c.req)
	c.reply <- reply{t.stateEvent(), err}
}

// transition carries out a /api/train action, checked by control already
// for what does not depend on the state.
func (t *training) transition(q trainRequest) error {
	switch q.Action {
	case "start":
		if t.state != stateIdle {
			return badInput("training is %s at iteration %d: want resume, pause or reset (one run at a time)", t.state, t.iter)
		}
		opt, err := optimizer.New(q.Optimizer, q.LR)
		if err != nil {
			return badInput("optimizer %q: want one of %v", q.Optimizer, optimizer.Names)
		}
		t.opt, t.optName, t.lr = opt, q.Optimizer, q.LR
		t.guard = newGuard()
		t.evaluate() // the starting point of the accuracy chart
		t.launch(q.Iterations)
	case "resume":
		if t.state != statePaused {
			return badInput("training is %s: resume continues a paused run", t.state)
		}
		t.launch(q.Iterations)
	case "pause":
		if t.state == stateRunning {
			t.flushStep()
			t.setState(statePaused, "")
		}
	case "reset":
		return t.reset()
	}
	return nil
}

// launch makes the state running, for iterations steps (0: until paused).
func (t *training) launch(iterations int) {
	t.left, t.from = iterations, t.iter
	t.lossSum, t.lossN, t.lastStep = 0, 0, time.Now()
	t.setState(stateRunning, "")
}

// reset goes back to the initial weights, the seed's first batch and an
// empty history. If the initial network cannot be built, nothing changes.
func (t *training) reset() error {
	net, err := t.cfg.initial()
	if err != nil {
		return err
	}
	t.net, t.opt, t.optName, t.lr, t.guard = net, nil, "", 0, nil
	t.rng = rand.New(rand.NewPCG(t.cfg.Seed, 0x747261696e)) // "train"
	t.iter, t.left, t.from = 0, 0, 0
	t.lossSum, t.lossN = 0, 0
	t.model.setParams(net)
	t.mu.Lock()
	t.view.Steps, t.view.Evals = nil, nil
	t.mu.Unlock()
	t.setState(stateIdle, "")
	return nil
}

// setState changes the state and publishes it.
func (t *training) setState(state, message string) {
	t.state, t.message = state, message
	s := t.stateEvent()
	t.mu.Lock()
	t.view.State = s
	t.mu.Unlock()
	t.events.publish("state", s)
}

// publishIter updates the iteration of the published state (the page
// learns of it from the step events).
func (t *training) publishIter() {
	t.mu.Lock()
	t.view.State.Iter = t.iter
	t.mu.Unlock()
}

// stateEvent returns the state. Called by loop.
func (t *training) stateEvent() stateEvent {
	return stateEvent{State: t.state, Iter: t.iter, Optimizer: t.optName, LR: t.lr, Message: t.message}
}

// control carries out a /api/train request and returns the new state. It
// checks what it can alone, then hands the request to loop and waits for
// its answer: at most the end of the current training step.
func (t *training) control(q trainRequest) (stateEvent, error) {
	if q.Iterations < 0 {
		return stateEvent{}, badInput("iterations is %d, want 0 (until paused) or more", q.Iterations)
	}
	switch q.Action {
	case "start":
		if t.cfg.Train == nil {
			return stateEvent{}, badInput("this server has no training set: it cannot train")
		}
		if err := checkLR(q.LR); err != nil {
			return stateEvent{}, err
		}
		if _, err := optimizer.New(q.Optimizer, q.LR); err != nil {
			return stateEvent{}, badInput("optimizer %q: want one of %v", q.Optimizer, optimizer.Names)
		}
	case "pause", "resume", "reset":
	default:
		return stateEvent{}, badInput("action %q: want start, pause, resume or reset", q.Action)
	}
	r, err := t.send(command{req: q})
	if err != nil {
		return stateEvent{}, err
	}
	return r.state, r.err
}

// checkLR checks a learning rate from the page.
func checkLR(lr float64) error {
	if !(lr > 0 && lr <= 10) || math.IsInf(lr, 0) {
		return badInput("lr is %v, want a learning rate in (0, 10], such as 0.1 for SGD or 0.001 for Adam", lr)
	}
	return nil
}

// errClosed answers a request that comes after close.
var errClosed = errors.New("the server is shutting down")

// send hands c to loop and returns its answer.
func (t *training) send(c command) (reply, error) {
	c.reply = make(chan reply, 1)
	select {
	case t.cmds <- c:
		return <-c.reply, nil
	case <-t.done:
		return reply{}, errClosed
	}
}

// do runs f on loop's goroutine, between two steps, where f may read and
// write the training's fields; for the tests.
func (t *training) do(f func()) error {
	_, err := t.send(command{fn: f})
	return err
}

// newGuard returns the guard of a run: trainer.Guard's check for a loss
// that blows up (and for NaN and Inf), without its check for a loss that
// stays at chance. On the page the learning rate is free, and a small one
// (SGD at 0.01 from the book's initial weights) can rightly keep the loss
// near chance for more than the guard's 1000 iterations; the loss chart
// shows a network that has stopped learning.
func newGuard() *trainer.Guard {
	g := trainer.NewGuard(dataset.Classes)
	g.StallIters = 0
	return g
}

// pageMessage is a Trainer's error as the page shows it: what the loss did,
// at the iteration counted from the reset (abs of them in all; rel is how
// many this Run did), and the advice on the learning rate, a field of the
// page, where a chapter's program names its -lr flag.
func pageMessage(err error, rel, abs int) string {
	d, ok := errors.AsType[*trainer.DivergedError](err)
	if !ok {
		return err.Error()
	}
	what := strings.TrimPrefix(d.What, "training diverged: ")
	iter := abs - rel + d.Iter + 1
	if d.Iter == 0 && abs == rel {
		return fmt.Sprintf("%s at iteration %d, before any update: the initial weights give this loss", what, iter)
	}
	return fmt.Sprintf("%s at iteration %d, the learning rate is probably too large, try a smaller learning rate", what, iter)
}

// evaluate measures the accuracy of the training network and publishes
// it. Called by loop.
func (t *training) evaluate() {
	e := evalEvent{Iter: t.iter}
	if t.cfg.Train != nil {
		e.Train = trainer.Accuracy(t.net, t.cfg.Train, evalSize, 0)
	}
	if t.cfg.Test != nil {
		e.Test = trainer.Accuracy(t.net, t.cfg.Test, evalSize, 0)
	}
	t.mu.Lock()
	t.view.Evals = appendCapped(t.view.Evals, e)
	t.mu.Unlock()
	t.events.publish("eval", e)
}

// appendCapped appends v to s, first dropping every other element (those
// at odd indices) once s holds maxHistory. The page's appendCapped in
// app.js does the same, so a page that listened from the start and one
// that connects late draw the same points.
func appendCapped[T any](s []T, v T) []T {
	if len(s) >= maxHistory {
		half := s[:0]
		for i := 0; i < len(s); i += 2 {
			half = append(half, s[i])
		}
		clear(s[len(half):])
		s = half
	}
	return append(s, v)
}

// history returns the "history" event for a page that connects.
func (t *training) history() historyEvent {
	t.mu.Lock()
	defer t.mu.Unlock()
	return historyEvent{t.view.State, append([]stepEvent{}, t.view.Steps...), append([]evalEvent{}, t.view.Evals...)}
}

// where says where the training stood, for Serve's last word.
func (t *training) where() string {
	s := t.current()
	switch s.State {
	case stateIdle:
		return "; the training had not started"
	case stateRunning:
		return fmt.Sprintf("; the training was running, stopped after iteration %d (%s, learning rate %v)", s.Iter, s.Optimizer, s.LR)
	}
	return fmt.Sprintf("; the training was paused at iteration %d (%s, learning rate %v)", s.Iter, s.Optimizer, s.LR)
}

// current returns the published state.
func (t *training) current() stateEvent {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.view.State
}
