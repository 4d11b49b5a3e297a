// What the tests share: small networks built by hand, the book's
// SimpleConvNet with its ch07 weights when BOOK_WEIGHTS_DIR is set, data sets
// of random images, a test server, and JSON requests.

package serve

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dlfs/common/network"
	"dlfs/dataset"
)

// mlp returns the book's chapter 5 network, 784-50-10 with ReLU, drawn from
// seed with the given weight scale (0.01 is the book's; larger makes the
// untrained probabilities far from uniform, which the tests want).
func mlp(seed uint64, std float64) func() *network.Net {
	return func() *network.Net {
		rng := rand.New(rand.NewPCG(seed, seed))
		return network.NewBuilder(784).Affine(50, std, rng).Relu().Affine(10, std, rng).Net()
	}
}

// simpleConvNet returns the book's SimpleConvNet of chapter 7: conv 30 5x5,
// ReLU, 2x2 pooling, Affine 100, ReLU, Affine 10.
func simpleConvNet() *network.Net {
	rng := rand.New(rand.NewPCG(1, 1))
	return network.NewBuilder(1, 28, 28).Conv(30, 5, 1, 0, 0.01, rng).Relu().Pool(2, 2).
		Affine(100, 0.01, rng).Relu().Affine(10, 0.01, rng).Net()
}

// bookConvNet returns a Config serving SimpleConvNet with the book's ch07
// weights from $BOOK_WEIGHTS_DIR/ch07_simple_convnet, skipping the test when
// the variable is not set.
func bookConvNet(t testing.TB) Config {
	t.Helper()
	dir := os.Getenv("BOOK_WEIGHTS_DIR")
	if dir == "" {
		t.Skip("BOOK_WEIGHTS_DIR is not set: skipping the test with the book's ch07 weights")
	}
	path := filepath.Join(dir, "ch07_simple_convnet")
	return Config{
		Title:        "Chapter 7: SimpleConvNet",
		New:          simpleConvNet,
		Weights:      func(n *network.Net) error { return n.LoadParams(path) },
		WeightsLabel: path,
	}
}

// randomSet returns n random images, 80% black like MNIST's, with random labels.
func randomSet(n int, seed uint64) *dataset.Set {
	rng := rand.New(rand.NewPCG(seed, 2))
	s := &dataset.Set{N: n, Rows: 28, Cols: 28, Pixels: make([]uint8, n*Pixels), Labels: make([]uint8, n), Normalize: true}
	for i := range s.Pixels {
		if rng.Float64() < 0.2 {
			s.Pixels[i] = uint8(rng.IntN(256))
		}
	}
	for i := range s.Labels {
		s.Labels[i] = uint8(rng.IntN(10))
	}
	return s
}

// testServer starts an httptest server for cfg and stops its training and
// event streams at the end of the test.
func testServer(t testing.TB, cfg Config) (*httptest.Server, *server) {
	t.Helper()
	s, err := newServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.routes(loopbackHosts("")))
	t.Cleanup(func() {
		s.close()
		ts.Close()
	})
	return ts, s
}

// call sends body (marshalled to JSON unless it is a string or []byte) to
// url, by POST, or GET when body is nil, and decodes the JSON answer into
// out if not nil. It returns the status.
func call(t testing.TB, url string, body any, out any) int {
	t.Helper()
	var res *http.Response
	var err error
	if body == nil {
		res, err = http.Get(url)
	} else {
		var data []byte
		switch b := body.(type) {
		case string:
			data = []byte(b)
		case []byte:
			data = b
		default:
			if data, err = json.Marshal(body); err != nil {
				t.Fatal(err)
			}
		}
		res, err = http.Post(url, "application/json", bytes.NewReader(data))
	}
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s: answer is not JSON (%v): %.200s", url, err, data)
		}
	}
	return res.StatusCode
}

// waitState waits up to 60 s for the training to reach state.
func waitState(t testing.TB, s *server, state string) stateEvent {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if st := s.train.current(); st.State == state {
			return st
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("training did not become %s within 60 s", state)
	return stateEvent{}
}

// imageOf returns test image i of set as 784 values in 0..1.
func imageOf(set *dataset.Set, i int) []float64 {
	return set.X([]int{i}).Data
}
