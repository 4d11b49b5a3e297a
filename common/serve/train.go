// The Train button: one training run at a time, in the server, on a
// network of its own, by the book's loop (a random mini-batch, Gradient,
// the optimizer's Update), with its parameters copied into the prediction
// network after every step so the page keeps being answered. Pause keeps
// everything (weights, optimizer state, the batch generator), so pausing
// and resuming gives the run an uninterrupted one would; Reset goes back to
// the initial weights and the seed's first batch.

package serve

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"time"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/optimizer"
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

// training is the state of the training run. mu guards every field; the
// run's goroutine holds it only between steps.
type training struct {
	cfg    *Config
	model  *model
	events *broker

	mu        sync.Mutex
	net       *network.Net
	opt       optimizer.Optimizer
	optName   string
	lr        float64
	rng       *rand.Rand
	iter      int
	state     string
	message   string
	stop      chan struct{} // closed to ask the run's goroutine to stop
	done      chan struct{} // closed by the run's goroutine when it ends
	losses    []float64     // the loss of every step since the reset, for the tests
	steps     []stepEvent
	evals     []evalEvent
	evalTrain *mat.Matrix // the first evalSize training images, and their labels
	evalTest  *mat.Matrix
	trainLab  []int
	testLab   []int
}

// newTraining returns the training state at its initial weights.
func newTraining(cfg *Config, m *model, events *broker) (*training, error) {
	t := &training{cfg: cfg, model: m, events: events}
	if cfg.Train != nil {
		t.evalTrain, t.trainLab = head(cfg.Train, evalSize)
	}
	if cfg.Test != nil {
		t.evalTest, t.testLab = head(cfg.Test, evalSize)
	}
	return t, t.reset()
}

// head returns the first n images of set (or all if fewer) and their labels.
func head(set *dataset.Set, n int) (*mat.Matrix, []int) {
	idx := set.Range(0, min(n, set.Len()))
	return images(set, idx), set.LabelsOf(idx)
}

// images returns the images idx of set as rows of pixels / 255, whatever
// the set's Normalize.
func images(set *dataset.Set, idx []int) *mat.Matrix {
	size := set.Rows * set.Cols
	x := mat.New(len(idx), size)
	for k, i := range idx {
		for j, p := range set.Image(i) {
			x.Data[k*size+j] = float64(p) / 255
		}
	}
	return x
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
	t.net, t.opt, t.optName, t.lr = net, nil, "", 0
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
	stop, done := t.stop, t.done
	t.stop, t.done = nil, nil
	t.mu.Unlock()
	if stop != nil {
		close(stop)
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

// launch starts the run's goroutine for iterations steps (0: until
// stopped). Called with mu held and no goroutine running.
func (t *training) launch(iterations int) {
	t.state, t.message = stateRunning, ""
	t.stop, t.done = make(chan struct{}), make(chan struct{})
	go t.run(iterations, t.stop, t.done)
}

// run trains until stop is closed or iterations steps are done.
func (t *training) run(iterations int, stop, done chan struct{}) {
	defer close(done)
	batch := t.cfg.BatchSize
	idx := make([]int, batch)
	var lossSum float64
	var lossCount int
	last := time.Now()
	for n := 0; iterations == 0 || n < iterations; n++ {
		select {
		case <-stop:
			return
		default:
		}
		t.mu.Lock()
		for k := range idx {
			idx[k] = t.rng.IntN(t.cfg.Train.Len())
		}
		x := images(t.cfg.Train, idx)
		loss := t.net.Gradient(x, t.cfg.Train.LabelsOf(idx))
		t.opt.Update(t.net.Params())
		t.iter++
		t.losses = append(t.losses, loss)
		lossSum += loss
		lossCount++
		t.model.setParams(t.net)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			t.state, t.message = statePaused, fmt.Sprintf("the loss is %v at iteration %d: the learning rate is too large; press Reset", loss, t.iter)
			t.stop, t.done = nil, nil
			s := t.stateLocked()
			t.mu.Unlock()
			t.events.publish("state", s)
			return
		}
		var step *stepEvent
		if now := time.Now(); now.Sub(last) >= stepInterval || t.iter%evalEvery == 0 {
			step = &stepEvent{t.iter, float64(t.iter*batch) / float64(t.cfg.Train.Len()), lossSum / float64(lossCount)}
			t.steps = appendCapped(t.steps, *step)
			lossSum, lossCount, last = 0, 0, now
		}
		if t.iter%evalEvery == 0 {
			t.evaluate()
		}
		finished := iterations > 0 && n+1 == iterations
		if finished {
			t.state, t.message = statePaused, fmt.Sprintf("paused after %d iterations", iterations)
			t.stop, t.done = nil, nil
		}
		s := t.stateLocked()
		t.mu.Unlock()
		if step != nil {
			t.events.publish("step", step)
		}
		if finished {
			t.events.publish("state", s)
		}
	}
}

// evaluate measures the accuracy of the training network and publishes
// it. Called with mu held.
func (t *training) evaluate() {
	e := evalEvent{Iter: t.iter}
	if t.evalTrain != nil {
		e.Train = t.net.Accuracy(t.evalTrain, t.trainLab)
	}
	if t.evalTest != nil {
		e.Test = t.net.Accuracy(t.evalTest, t.testLab)
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
