// The training's state machine under requests that race each other, and
// the bounded history of its charts. Run it under -race too: the bursts
// interleave every pair of transitions with a run's steps.

package serve

import (
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"
)

// snapshot is the training's owned state and weights, read on its goroutine.
type snapshot struct {
	published, owned stateEvent
	hasOpt           bool
	steps, evals     int
	net, model       [][]float64
}

func takeSnapshot(t *testing.T, s *server) snapshot {
	t.Helper()
	var sn snapshot
	if err := s.train.do(func() {
		tr := s.train
		sn.owned, sn.hasOpt = tr.stateEvent(), tr.opt != nil
		tr.mu.Lock()
		sn.published, sn.steps, sn.evals = tr.view.State, len(tr.view.Steps), len(tr.view.Evals)
		tr.mu.Unlock()
		for _, p := range tr.net.Params() {
			sn.net = append(sn.net, slices.Clone(p.Value.Data))
		}
		s.model.mu.Lock()
		for _, p := range s.model.net.Params() {
			sn.model = append(sn.model, slices.Clone(p.Value.Data))
		}
		s.model.mu.Unlock()
	}); err != nil {
		t.Fatal(err)
	}
	return sn
}

func sameWeights(a, b [][]float64) bool { return slices.EqualFunc(a, b, slices.Equal) }

// Bursts of start, pause, resume and reset from several goroutines at once.
// Every answer is a state the request can lead to, and after each burst the
// state the page reads is the one the training has, the answering network
// has the training network's weights, and no run trains unseen: when the
// state is idle or paused, neither the iteration nor any weight moves, and
// idle means the initial weights.
func TestTrainingStateUnderConcurrentRequests(t *testing.T) {
	setVar(t, &runChunk, 7) // Trainer runs end often, between the requests
	newNet := mlp(1, 0.01)
	_, s := testServer(t, Config{New: newNet, Train: randomSet(200, 1), Test: randomSet(20, 2), BatchSize: 10, Seed: 3})
	var initial [][]float64
	for _, p := range newNet().Params() {
		initial = append(initial, p.Value.Data)
	}
	actions := []string{"start", "pause", "resume", "reset"}
	counts := map[string]int{}
	var countMu sync.Mutex
	for burst := range 25 {
		var wg sync.WaitGroup
		for g := range 6 {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(uint64(burst), uint64(g)))
				for range 6 {
					q := trainRequest{Action: actions[r.IntN(len(actions))], Optimizer: "SGD", LR: 0.05}
					if r.IntN(2) == 0 {
						q.Iterations = 1 + r.IntN(40)
					}
					st, err := s.train.control(q)
					if err != nil {
						if in := (*inputError)(nil); !errors.As(err, &in) {
							t.Errorf("%s: %v, want a refusal or a state", q.Action, err)
						}
						continue
					}
					countMu.Lock()
					counts[q.Action]++
					countMu.Unlock()
					switch {
					case q.Action == "start" && (st.State != stateRunning || st.Iter != 0 || st.Optimizer != "SGD"),
						q.Action == "resume" && st.State != stateRunning,
						q.Action == "pause" && st.State == stateRunning,
						q.Action == "reset" && (st.State != stateIdle || st.Iter != 0 || st.Optimizer != ""):
						t.Errorf("%s answered %+v", q.Action, st)
					}
				}
			})
		}
		wg.Wait()
		checkState(t, s, initial)
	}
	t.Logf("carried out: %v", counts)
	for _, a := range actions {
		if counts[a] == 0 {
			t.Errorf("no %s was carried out: the bursts test too little", a)
		}
	}
}

// checkState checks the training's invariants after a burst.
func checkState(t *testing.T, s *server, initial [][]float64) {
	t.Helper()
	a := takeSnapshot(t, s)
	if a.published != a.owned {
		t.Fatalf("the page reads %+v, the training is %+v", a.published, a.owned)
	}
	if !sameWeights(a.net, a.model) {
		t.Fatalf("%s at iteration %d: the answering network's weights differ from the training's", a.owned.State, a.owned.Iter)
	}
	switch a.owned.State {
	case stateIdle:
		if a.owned.Iter != 0 || a.hasOpt || a.steps != 0 || a.evals != 0 || !sameWeights(a.net, initial) {
			t.Fatalf("idle at iteration %d with an optimizer %v, %d steps, %d evals, initial weights %v",
				a.owned.Iter, a.hasOpt, a.steps, a.evals, sameWeights(a.net, initial))
		}
	case statePaused, stateRunning:
		if !a.hasOpt || a.evals == 0 {
			t.Fatalf("%s without an optimizer (%v) or a first evaluation (%d)", a.owned.State, a.hasOpt, a.evals)
		}
	}
	time.Sleep(30 * time.Millisecond)
	b := takeSnapshot(t, s)
	switch {
	case a.owned.State != stateRunning && (b.owned != a.owned || !sameWeights(a.net, b.net)):
		t.Fatalf("%s at iteration %d, then %s at %d 30 ms later, weights the same: %v: a run trains unseen",
			a.owned.State, a.owned.Iter, b.owned.State, b.owned.Iter, sameWeights(a.net, b.net))
	case a.owned.State == stateRunning && b.owned.State == stateRunning && b.owned.Iter <= a.owned.Iter:
		t.Fatalf("running, but still at iteration %d 30 ms later", a.owned.Iter)
	case a.owned.State == stateRunning && b.owned.State != stateRunning && b.owned.State != statePaused:
		t.Fatalf("running, then %s with nobody asking", b.owned.State)
	}
}

// The history a page gets when it connects keeps at most maxHistory points
// of each chart, thinned as the page thins the points it receives (every
// other one dropped once it holds maxHistory, in app.js's appendCapped),
// so a page that connects late draws what one that watched from the start
// draws.
func TestHistoryIsBounded(t *testing.T) {
	everyStep(t)
	setVar(t, &maxHistory, 16)
	ts, s := testServer(t, Config{New: mlp(1, 0.01), Train: randomSet(100, 1), BatchSize: 10})
	var info infoJSON
	call(t, ts.URL+"/api/info", nil, &info)
	if info.MaxHistory != 16 {
		t.Fatalf("/api/info says maxHistory %d, want 16", info.MaxHistory)
	}
	const n = 400
	call(t, ts.URL+"/api/train", `{"action": "start", "optimizer": "SGD", "lr": 0.1, "iterations": 400}`, nil)
	waitState(t, s, statePaused)
	h := s.train.history()
	// The page's rule, written out: one step event per iteration 1..n.
	var page []int
	for iter := 1; iter <= n; iter++ {
		if len(page) >= 16 {
			var kept []int
			for i := 0; i < len(page); i += 2 {
				kept = append(kept, page[i])
			}
			page = kept
		}
		page = append(page, iter)
	}
	var got []int
	for _, st := range h.Steps {
		got = append(got, st.Iter)
	}
	if !slices.Equal(got, page) {
		t.Errorf("the history's loss points are at iterations %v, the page keeps %v", got, page)
	}
	if len(h.Steps) > 16 || len(h.Evals) > 16 {
		t.Errorf("%d loss and %d accuracy points kept, want at most 16", len(h.Steps), len(h.Evals))
	}
	if last := h.Steps[len(h.Steps)-1].Iter; last != n {
		t.Errorf("the last loss point is at iteration %d, want %d", last, n)
	}
}
