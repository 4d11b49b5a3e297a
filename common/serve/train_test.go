// Tests of the Train button: the same seed gives the same run, pausing (or
// running in several Trainer runs) does not change it, a loss that blows up
// pauses with a message naming the learning rate, the events stream, and
// 200 concurrent predictions are all answered correctly while the network
// trains.

package serve

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
	"dlfs/common/optimizer"
)

// losses returns the losses of the step events since the last reset: with
// everyStep, the loss of every step.
func losses(s *server) []float64 {
	var l []float64
	for _, st := range s.train.history().Steps {
		l = append(l, st.Loss)
	}
	return l
}

// everyStep makes every training step a "step" event of its own, for the
// rest of the test, and until the test's servers have stopped: call it
// before testServer.
func everyStep(t *testing.T) {
	setVar(t, &stepInterval, 0)
}

// setVar sets *v to x until the end of the test, after the cleanups
// registered later (such as testServer's) have run.
func setVar[T any](t *testing.T, v *T, x T) {
	old := *v
	*v = x
	t.Cleanup(func() { *v = old })
}

// trainedParams returns a copy of the training network's parameters,
// read on the goroutine that owns them.
func trainedParams(t *testing.T, s *server) [][]float64 {
	var p [][]float64
	if err := s.train.do(func() {
		for _, q := range s.train.net.Params() {
			p = append(p, slices.Clone(q.Value.Data))
		}
	}); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTrainingSameSeedSameRun(t *testing.T) {
	everyStep(t)
	setVar(t, &runChunk, runChunk)
	ts, s := testServer(t, Config{New: mlp(1, 0.01), Train: randomSet(500, 1), Test: randomSet(100, 2), Seed: 7, BatchSize: 50})
	train := func(body string) {
		t.Helper()
		var st stateEvent
		if status := call(t, ts.URL+"/api/train", body, &st); status != 200 {
			t.Fatalf("%s: status %d", body, status)
		}
		if st.State != stateIdle {
			waitState(t, s, statePaused)
		}
	}
	train(`{"action": "start", "optimizer": "Momentum", "lr": 0.05, "iterations": 40}`)
	first := losses(s)
	if len(first) != 40 || !(first[39] < first[0]) {
		t.Fatalf("40 iterations gave %d losses, from %v to %v", len(first), first[0], first[len(first)-1])
	}
	trained := trainedParams(t, s)
	// The prediction network has the trained weights.
	for i, p := range s.model.net.Params() {
		if !slices.Equal(p.Value.Data, trained[i]) {
			t.Fatalf("parameter %s of the prediction network differs from the trained one", p.Name)
		}
	}
	train(`{"action": "reset"}`)
	for i, p := range s.model.net.Params() {
		if !slices.Equal(p.Value.Data, mlp(1, 0.01)().Params()[i].Value.Data) {
			t.Fatalf("after reset, parameter %s is not the initial one", p.Name)
		}
	}
	train(`{"action": "start", "optimizer": "Momentum", "lr": 0.05, "iterations": 15}`)
	train(`{"action": "resume", "iterations": 25}`)
	if again := losses(s); !slices.Equal(first, again) {
		t.Fatalf("the same seed, paused after 15 iterations, gave other losses:\n%v\n%v", first, again)
	}
	if !slices.EqualFunc(trained, trainedParams(t, s), slices.Equal) {
		t.Fatal("the same seed, paused after 15 iterations, gave other weights")
	}
	// A run longer than runChunk is several Trainer runs: the same steps.
	runChunk = 7
	train(`{"action": "reset"}`)
	train(`{"action": "start", "optimizer": "Momentum", "lr": 0.05, "iterations": 40}`)
	if again := losses(s); !slices.Equal(first, again) {
		t.Fatalf("40 iterations in Trainer runs of 7 gave other losses:\n%v\n%v", first, again)
	}
	if !slices.EqualFunc(trained, trainedParams(t, s), slices.Equal) {
		t.Fatal("40 iterations in Trainer runs of 7 gave other weights")
	}
}

// A learning rate so large that the loss blows up pauses the run with the
// guard's message, naming the learning rate (a field of the page, not a
// flag) and the iteration counted from the reset, and the prediction
// network keeps the last finite weights.
func TestTrainingBlowUp(t *testing.T) {
	everyStep(t)
	ts, s := testServer(t, Config{New: mlp(1, 0.01), Train: randomSet(500, 1), Test: randomSet(100, 2), BatchSize: 50})
	call(t, ts.URL+"/api/train", `{"action": "start", "optimizer": "SGD", "lr": 0.01, "iterations": 5}`, nil)
	waitState(t, s, statePaused)
	s.train.do(func() {
		s.train.optName, s.train.lr = "Adam", 1 // as if the run had switched to Adam at 1 after 5 quiet steps
		s.train.opt, _ = optimizer.New("Adam", 1)
	})
	call(t, ts.URL+"/api/train", `{"action": "resume", "iterations": 500}`, nil)
	st := waitState(t, s, statePaused)
	if n := len(losses(s)); st.Iter != n || n >= 500 || n <= 5 {
		t.Fatalf("the run stopped at iteration %d with %d losses, want a stop soon after 5", st.Iter, n)
	}
	want := fmt.Sprintf("at iteration %d,", st.Iter+1)
	if !strings.Contains(st.Message, "learning rate is probably too large, try a smaller learning rate; press Reset") ||
		!strings.Contains(st.Message, want) || strings.Contains(st.Message, "-lr") || strings.Contains(st.Message, "diverged") {
		t.Errorf("message %q, want the guard's naming the learning rate and %q", st.Message, want)
	}
	t.Logf("stopped: %s", st.Message)
	for _, p := range s.model.net.Params() {
		for _, v := range p.Value.Data {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("parameter %s holds %v", p.Name, v)
			}
		}
	}
}

// event is one Server-Sent Event.
type event struct{ name, data string }

// readEvents sends the events of the stream at url to the returned channel.
func readEvents(t *testing.T, url string) <-chan event {
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	t.Cleanup(func() { res.Body.Close() })
	ch := make(chan event, 1000)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				e.data = line[len("data: "):]
			case line == "" && e.name != "":
				ch <- e
				e = event{}
			}
		}
	}()
	return ch
}

func TestEvents(t *testing.T) {
	ts, _ := testServer(t, Config{New: mlp(1, 0.01), Train: randomSet(500, 1), Test: randomSet(100, 2)})
	events := readEvents(t, ts.URL+"/api/events")
	next := func() event {
		t.Helper()
		select {
		case e, ok := <-events:
			if !ok {
				t.Fatal("the event stream ended")
			}
			return e
		case <-time.After(30 * time.Second):
			t.Fatal("no event for 30 s")
		}
		return event{}
	}
	if e := next(); e.name != "history" || !strings.Contains(e.data, `"state":"idle"`) {
		t.Fatalf("first event %+v, want the history of an idle server", e)
	}
	call(t, ts.URL+"/api/train", `{"action": "start", "optimizer": "SGD", "lr": 0.1, "iterations": 250}`, nil)
	var evals []evalEvent
	steps := 0
	for {
		e := next()
		switch e.name {
		case "step":
			var s stepEvent
			if err := json.Unmarshal([]byte(e.data), &s); err != nil || !(s.Loss > 0) || s.Iter < 1 {
				t.Fatalf("step %s: %v", e.data, err)
			}
			steps++
		case "eval":
			var v evalEvent
			if err := json.Unmarshal([]byte(e.data), &v); err != nil || v.Train < 0 || v.Train > 1 || v.Test < 0 || v.Test > 1 {
				t.Fatalf("eval %s: %v", e.data, err)
			}
			evals = append(evals, v)
		case "state":
			var st stateEvent
			json.Unmarshal([]byte(e.data), &st)
			if st.State != statePaused {
				continue
			}
			if st.Iter != 250 || !strings.Contains(st.Message, "after 250 iterations") {
				t.Errorf("final state %+v", st)
			}
			if steps < 2 || len(evals) != 3 || evals[0].Iter != 0 || evals[1].Iter != 100 || evals[2].Iter != 200 {
				t.Errorf("%d step events and evals %+v, want evals at 0, 100 and 200", steps, evals)
			}
			return
		}
	}
}

// 200 predictions at once while the network trains: every answer is whole
// and consistent (probabilities the softmax of the answer's own scores),
// and with the book's weights each gets the class the network gave before
// training started (SGD at a tiny learning rate barely moves the weights).
func TestLoadWhileTraining(t *testing.T) {
	t.Run("MLP", func(t *testing.T) {
		test := randomSet(200, 9)
		loadTest(t, Config{New: mlp(1, 0.1), Train: randomSet(1000, 1), Test: test}, test, "Adam", false)
	})
	t.Run("SimpleConvNet", func(t *testing.T) {
		cfg := bookConvNet(t)
		test := mnistTest(t)
		cfg.Train, cfg.Test = test, test // the test images as a training set: no need for the 60,000
		loadTest(t, cfg, test.Head(200), "SGD", true)
	})
}

func loadTest(t *testing.T, cfg Config, test interface {
	Len() int
	Label(int) int
	Image(int) []uint8
}, opt string, sameClass bool) {
	ts, s := testServer(t, cfg)
	const n = 200
	imgs := make([][]float64, n)
	before := make([]int, n)
	net, err := cfg.initial()
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		imgs[i] = make([]float64, Pixels)
		for j, p := range test.Image(i % test.Len()) {
			imgs[i][j] = float64(p) / 255
		}
		before[i] = argmax(net.Predict(mat.NewFrom(1, Pixels, imgs[i]), false).Data)
	}
	var st stateEvent
	if status := call(t, ts.URL+"/api/train", `{"action": "start", "optimizer": "`+opt+`", "lr": 0.0001}`, &st); status != 200 {
		t.Fatalf("start: %d", status)
	}
	time.Sleep(50 * time.Millisecond) // under way
	iter0 := waitState(t, s, stateRunning).Iter
	client := &http.Client{Timeout: 60 * time.Second}
	latency := make([]time.Duration, n)
	errs := make(chan string, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			body, _ := json.Marshal(map[string]any{"image": imgs[i]})
			t0 := time.Now()
			res, err := client.Post(ts.URL+"/api/predict", "application/json", strings.NewReader(string(body)))
			if err != nil {
				errs <- err.Error()
				return
			}
			defer res.Body.Close()
			// Decoding 40,000 layer values in Go takes longer than the server's
			// answer: the values stay raw JSON but those of the last layer.
			var ans liteAnswer
			if err := json.NewDecoder(res.Body).Decode(&ans); err != nil || res.StatusCode != 200 {
				errs <- "status " + res.Status
				return
			}
			latency[i] = time.Since(t0)
			if msg := checkAnswer(ans, imgs[i]); msg != "" {
				errs <- msg
			} else if sameClass && ans.Class != before[i] {
				errs <- fmt.Sprintf("image %d: class %d, %d before training", i, ans.Class, before[i])
			}
		})
	}
	wg.Wait()
	total := time.Since(start)
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	call(t, ts.URL+"/api/train", `{"action": "pause"}`, &st)
	sort.Slice(latency, func(a, b int) bool { return latency[a] < latency[b] })
	t.Logf("%d concurrent predictions while training: all back in %v; latency median %v, 95th percentile %v, max %v; %d training iterations meanwhile",
		n, total.Round(time.Millisecond), latency[n/2].Round(time.Microsecond), latency[n*95/100].Round(time.Microsecond), latency[n-1].Round(time.Microsecond), st.Iter-iter0)
	if st.Iter <= iter0 {
		t.Errorf("training did not advance during the predictions (iteration %d, then %d)", iter0, st.Iter)
	}
}

// liteAnswer is an answer of /api/predict with the layer values left as
// JSON text.
type liteAnswer struct {
	Probabilities []float64 `json:"probabilities"`
	Class         int       `json:"class"`
	Input         []float64 `json:"input"`
	Layers        []struct {
		Name   string          `json:"name"`
		Values json.RawMessage `json:"values"`
	} `json:"layers"`
}

// checkAnswer returns what is wrong with ans, an answer for img, or "".
func checkAnswer(ans liteAnswer, img []float64) string {
	if len(ans.Probabilities) != 10 || len(ans.Input) != Pixels || len(ans.Layers) == 0 {
		return "an incomplete answer"
	}
	for j, v := range ans.Input {
		if v != img[j] {
			return "the answer is for another image"
		}
	}
	var scores []float64
	if err := json.Unmarshal(ans.Layers[len(ans.Layers)-1].Values, &scores); err != nil || len(scores) != 10 {
		return "the last layer is not 10 scores"
	}
	x := mat.New(1, len(scores))
	for j, v := range scores {
		x.Data[j] = v
	}
	sum := 0.0
	for j, p := range nn.Softmax(x).Data {
		if math.Abs(p-ans.Probabilities[j]) > 1e-2 { // scores have 4 digits
			return "probabilities are not the softmax of the answer's scores"
		}
		sum += ans.Probabilities[j]
	}
	if math.Abs(sum-1) > 1e-12 || ans.Class != argmax(ans.Probabilities) {
		return "probabilities do not add up to 1 or the class is not the most probable"
	}
	return ""
}

// A network with Dropout (as DeepConvNet has) answers in test mode, and
// trains with its masks drawn by the training network's own generator.
func TestDropoutNetwork(t *testing.T) {
	everyStep(t)
	newNet := func() *network.Net {
		rng := rand.New(rand.NewPCG(3, 3))
		return network.NewBuilder(784).Affine(30, 0.1, rng).Relu().Dropout(0.5, rng).Affine(10, 0.1, rng).Net()
	}
	ts, s := testServer(t, Config{New: newNet, Train: randomSet(300, 1), Test: randomSet(20, 2)})
	net := newNet()
	img := imageOf(randomSet(1, 5), 0)
	x := mat.NewFrom(1, Pixels, img)
	checkPredict(t, ts.URL, nn.Softmax(net.Predict(x, false)), img)
	var back backwardJSON
	call(t, ts.URL+"/api/backward", map[string]any{"image": img, "target": 3}, &back)
	checkInputGrad(t, back.InputGrad, numericalInputGrad(net, img, 3))
	call(t, ts.URL+"/api/train", `{"action": "start", "optimizer": "Adam", "lr": 0.001, "iterations": 20}`, nil)
	waitState(t, s, statePaused)
	if l := losses(s); len(l) != 20 || math.IsNaN(l[19]) {
		t.Errorf("losses %v", l)
	}
}
