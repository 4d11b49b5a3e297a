// The Train button: one training run at a time, in the server, on a
// network of its own, by the one Trainer of common/trainer (a random
// mini-batch, Gradient, the guard, the optimizer's Update), with its
// parameters copied into the prediction network after every step so the
// page keeps being answered. Pause cancels the Trainer at the end of its
// step and keeps everything (weights, optimizer state, the batch generator,
// the guard); resume is a new Trainer.Run on the same ones, so pausing and
// resuming gives the run an uninterrupted one would. Reset goes back to the
// initial weights and the seed's first batch.

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
const stepInterval = 100 * time.Millisecond

// runChunk is the most iterations one Trainer.Run does; a longer run (or
// one until paused) is a series of them on the same network, optimizer,
// generator and guard, which gives the same steps, so that the losses each
// Trainer keeps stay few.
var runChunk = 10000

// maxHistory bounds the points kept for pages that connect late; past it
// every other point is dropped.
const maxHistory = 4000

// trainRequest is the body of /api/train.
type trainRequest struct {
	Action     string  `json:"action"`     // start, pause, resume or reset
	Optimizer  string  `json:"optimizer"`  // for start: one of optimizer.Names
	LR         float64 `json:"lr"`         // for start: the learning rate, > 0
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

// training is the state of the training run. mu guards every field. While
// a run goes, its goroutine's Trainer also uses net, opt, rng and guard
// without mu, between steps of which it takes mu (in onStep) to count the
// step, copy the parameters and publish; nothing else touches those four
// until the run has stopped (halt waits for it), and the predictions use
// the model's own network and lock, so they keep being answered.
type training struct {
	cfg    *Config
	model  *model
	events *broker

	mu      sync.Mutex
	net     *network.Net
	opt     optimizer.Optimizer
	optName string
	lr      float64
	rng     *rand.Rand
	guard   *trainer.Guard
	iter    int
	state   string
	message string
	cancel  context.CancelFunc // asks the run's goroutine to stop
	done    chan struct{}      // closed by the run's goroutine when it ends
	losses  []float64          // the loss of every step since the reset, for the tests
	steps   []stepEvent
	evals   []evalEvent

	// The run's step events: the losses since the last one, and its time.
	lossSum   float64
	lossCount int
	lastStep  time.Time
}

// newTraining returns the training state at its initial weights.
func newTraining(cfg *Config, m *model, events *broker) (*training, error) {
	t := &training{cfg: cfg, model: m, events: events}
	return t, t.reset()
}

// reset stops any run and goes back to the initial weights. Called with
// mu not held.
func (t *training) reset() error {
	t.halt()
	net, err := t.cfg.initial()
	if err != nil {
		return err
	}
	t.mu.Lock()
	t.net, t.opt, t.optName, t.lr, t.guard = net, nil, "", 0, nil
	t.rng = rand.New(rand.NewPCG(t.cfg.Seed, 0x747261696e)) // "train"
	t.iter, t.state, t.message = 0, stateIdle, ""
	t.losses, t.steps, t.evals = nil, nil, nil
	t.mu.Unlock()
	t.model.setParams(net)
	t.publishState()
	return nil
}

// halt asks the run's goroutine, if any, to stop and waits until it has.
func (t *training) halt() {
	t.mu.Lock()
	cancel, done := t.cancel, t.done
	t.cancel, t.done = nil, nil
	t.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}

// control carries out a /api/train request and returns the new state.
func (t *training) control(q trainRequest) (stateEvent, error) {
	if q.Iterations < 0 {
		return stateEvent{}, badInput("iterations is %d, want 0 (until paused) or more", q.Iterations)
	}
	switch q.Action {
	case "start":
		if t.cfg.Train == nil {
			return stateEvent{}, badInput("this server has no training set: it cannot train")
		}
		if !(q.LR > 0 && q.LR <= 10) || math.IsInf(q.LR, 0) {
			return stateEvent{}, badInput("lr is %v, want a learning rate in (0, 10], such as 0.1 for SGD or 0.001 for Adam", q.LR)
		}
		opt, err := optimizer.New(q.Optimizer, q.LR)
		if err != nil {
			return stateEvent{}, badInput("optimizer %q: want one of %v", q.Optimizer, optimizer.Names)
		}
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.state != stateIdle {
			return stateEvent{}, badInput("training is %s at iteration %d: want resume, pause or reset (one run at a time)", t.state, t.iter)
		}
		t.opt, t.optName, t.lr = opt, q.Optimizer, q.LR
		t.guard = newGuard()
		t.evaluate() // the starting point of the accuracy chart
		t.launch(q.Iterations)
	case "resume":
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.state != statePaused {
			return stateEvent{}, badInput("training is %s: resume continues a paused run", t.state)
		}
		t.launch(q.Iterations)
	case "pause":
		t.halt()
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.state == stateRunning {
			t.state, t.message = statePaused, ""
		}
	case "reset":
		if err := t.reset(); err != nil {
			return stateEvent{}, err
		}
		t.mu.Lock()
		defer t.mu.Unlock()
	default:
		return stateEvent{}, badInput("action %q: want start, pause, resume or reset", q.Action)
	}
	s := t.stateLocked()
	t.events.publish("state", s) // publish never waits, and takes no lock of ours
	return s, nil
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

// launch starts the run's goroutine for iterations steps (0: until
// stopped). Called with mu held and no goroutine running.
func (t *training) launch(iterations int) {
	t.state, t.message = stateRunning, ""
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel, t.done = cancel, make(chan struct{})
	t.lossSum, t.lossCount, t.lastStep = 0, 0, time.Now()
	go t.run(ctx, iterations, t.done)
}

// run trains until ctx is cancelled or iterations steps are done (0: until
// cancelled), by Trainer.Run in chunks of at most runChunk iterations, and
// ends paused: after the iterations asked, or with the Trainer's error (a
// loss that blew up), or by halt, whose caller sets the state.
func (t *training) run(ctx context.Context, iterations int, done chan struct{}) {
	defer close(done)
	start := t.iter // only this goroutine changes t.iter while it runs
	for left := iterations; iterations == 0 || left > 0; left -= runChunk {
		n := runChunk
		if iterations > 0 {
			n = min(n, left)
		}
		tr := &trainer.Trainer{
			Net: t.net, Train: t.cfg.Train, Optimizer: t.opt, BatchSize: t.cfg.BatchSize, Rand: t.rng,
			Iters: n, NoEval: true, Guard: t.guard, OnStep: t.onStep,
		}
		err := tr.Run(ctx)
		if ctx.Err() != nil {
			return // halted: the caller sets the state
		}
		if err != nil {
			t.end(pageMessage(err, len(tr.TrainLoss), t.iter) + "; press Reset")
			return
		}
	}
	t.end(fmt.Sprintf("paused after %d iterations", t.iter-start))
}

// onStep is the Trainer's OnStep: it counts the step, copies the
// parameters into the prediction network, and publishes a "step" event at
// most every stepInterval and an "eval" event every evalEvery iterations.
func (t *training) onStep(_ int, loss float64) error {
	t.mu.Lock()
	t.iter++
	t.losses = append(t.losses, loss)
	t.lossSum += loss
	t.lossCount++
	t.model.setParams(t.net)
	var step *stepEvent
	if now := time.Now(); now.Sub(t.lastStep) >= stepInterval || t.iter%evalEvery == 0 {
		step = &stepEvent{t.iter, float64(t.iter*t.cfg.BatchSize) / float64(t.cfg.Train.Len()), t.lossSum / float64(t.lossCount)}
		t.steps = appendCapped(t.steps, *step)
		t.lossSum, t.lossCount, t.lastStep = 0, 0, now
	}
	if t.iter%evalEvery == 0 {
		t.evaluate()
	}
	t.mu.Unlock()
	if step != nil {
		t.events.publish("step", step)
	}
	return nil
}

// end pauses the run with message and publishes the state. Called by the
// run's goroutine, with mu not held, as it ends.
func (t *training) end(message string) {
	t.mu.Lock()
	t.state, t.message = statePaused, message
	t.cancel, t.done = nil, nil
	s := t.stateLocked()
	t.mu.Unlock()
	t.events.publish("state", s)
}

// pageMessage is a Trainer's error as the page shows it: the iteration
// counted from the reset rather than from the Trainer's start (rel of them
// done in this Run, abs in all), and "the learning rate" where the message,
// written for the chapters' programs, names their -lr flag.
func pageMessage(err error, rel, abs int) string {
	msg := err.Error()
	if errors.Is(err, trainer.ErrDiverged) {
		msg = strings.TrimPrefix(msg, trainer.ErrDiverged.Error()+": ")
	}
	msg = strings.Replace(msg, fmt.Sprintf("at iteration %d", rel), fmt.Sprintf("at iteration %d", abs+1), 1)
	return strings.ReplaceAll(msg, "-lr", "learning rate")
}

// evaluate measures the accuracy of the training network and publishes
// it. Called with mu held.
func (t *training) evaluate() {
	e := evalEvent{Iter: t.iter}
	if t.cfg.Train != nil {
		e.Train = trainer.Accuracy(t.net, t.cfg.Train, evalSize, 0)
	}
	if t.cfg.Test != nil {
		e.Test = trainer.Accuracy(t.net, t.cfg.Test, evalSize, 0)
	}
	t.evals = appendCapped(t.evals, e)
	t.events.publish("eval", e)
}

// appendCapped appends v to s, first dropping every other element once s
// holds maxHistory.
func appendCapped[T any](s []T, v T) []T {
	if len(s) >= maxHistory {
		half := s[:0]
		for i := 0; i < len(s); i += 2 {
			half = append(half, s[i])
		}
		s = half
	}
	return append(s, v)
}

// stateLocked returns the current state. Called with mu held.
func (t *training) stateLocked() stateEvent {
	return stateEvent{State: t.state, Iter: t.iter, Optimizer: t.optName, LR: t.lr, Message: t.message}
}

// publishState sends the current state to every page.
func (t *training) publishState() {
	t.mu.Lock()
	s := t.stateLocked()
	t.mu.Unlock()
	t.events.publish("state", s)
}

// history returns the "history" event for a page that connects.
func (t *training) history() historyEvent {
	t.mu.Lock()
	defer t.mu.Unlock()
	return historyEvent{t.stateLocked(), append([]stepEvent{}, t.steps...), append([]evalEvent{}, t.evals...)}
}
