// Package serve serves a chapter's network as a page: the reader draws a
// digit (or picks an MNIST test image), and sees the class probabilities,
// every layer's output, the gradient of the loss with respect to the input
// and to each layer, and can train the network live and watch its loss and
// accuracy. The page (HTML, JavaScript and CSS in assets/) is embedded;
// nothing is fetched from elsewhere.
//
// A chapter program calls it in place of its run, for its -serve flag:
//
//	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
//	defer stop()
//	err := serve.ListenAndServe(ctx, *serveAddr, serve.Config{
//		Title:        "Chapter 7: SimpleConvNet",
//		New:          func() *network.Net { return SimpleConvNet(seed) }, // same weights every call
//		Weights:      func(n *network.Net) error { return n.LoadParams(*weights) }, // nil: untrained
//		WeightsLabel: *weights,
//		Train:        train, // nil: no Train button
//		Test:         test,
//		Seed:         seed,
//	}, os.Stdout)
//
// The layer views and the backward pass read the network's Layers, Names
// and Shapes and run each layer's own Forward and Backward; training runs the
// one Trainer of common/trainer (a random mini-batch, Net.Gradient, the
// optimizer's Update) on a second network built by New, whose parameters
// are copied into the answering one after every step.
//
// The JSON API, which the page uses and tests can call:
//
//	GET  /api/info        the network: title, weights, layers and their shapes, optimizers
//	POST /api/predict     {"image": [784 numbers in 0..1]} or {"drawing": {"width", "height", "pixels": [0..255]}},
//	                      optional "noise" (percent) and "seed";
//	                      -> {"probabilities": [10], "class", "input": [784], "layers": [{"name", "shape", "values"}]}
//	                      (layer values with 4 significant digits, for drawing; probabilities in full)
//	POST /api/backward    the same and optional "target" (class; default the predicted one), "numerical": true
//	                      -> {"target", "loss", "inputGrad": [784], "layers": [{"name", "shape", "norm", "params"}], "numerical"}
//	GET  /api/test-image?index=N   -> {"index", "label", "image": [784]}
//	GET  /api/param?name=W1        -> {"name", "rows", "cols", "values"}
//	POST /api/train       {"action": "start"|"pause"|"resume"|"reset", "optimizer", "lr", "iterations"} -> the state
//	GET  /api/events      Server-Sent Events: history, state, step (loss), eval (train and test accuracy)
//
// A request the API cannot use gets HTTP 400 and {"error": "..."} saying
// what it expected.
package serve

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/dataset"
)

//go:embed assets
var assets embed.FS

// Config describes the network a page serves.
type Config struct {
	// Title heads the page, e.g. "Chapter 7: SimpleConvNet".
	Title string
	// New returns the chapter's network with its initial weights, drawn from
	// a fixed seed: every call must give the same weights. Reset goes back
	// to them (and to Weights, if set). Required.
	New func() *network.Net
	// Weights, if not nil, loads given weights into a network from New,
	// such as n.LoadParams(path) for a -weights flag. nil means the network
	// starts untrained, and the page says so.
	Weights func(*network.Net) error
	// WeightsLabel says on the page where the weights came from, e.g. the
	// -weights path or "the book's sample weights".
	WeightsLabel string
	// Train is the training set of the Train button; nil disables training.
	// Test gives the test images to pick and the test accuracy; nil
	// disables both. Both must be loaded with Normalize, as the chapters
	// load them (pixels in [0, 1], the page's and the network's input), and
	// the training set must hold at least BatchSize images.
	Train, Test *dataset.Set
	// Seed seeds the order of the training batches; with New's fixed
	// weights, the same seed gives the same run.
	Seed uint64
	// BatchSize is the mini-batch size of training; 0 means 100, the book's.
	BatchSize int
	// Log receives the errors the server answers with status 500; nil
	// means the standard logger.
	Log *log.Logger
}

// initial returns a network at the initial weights: New's, then Weights'.
func (c *Config) initial() (*network.Net, error) {
	net := c.New()
	if net == nil {
		return nil, errors.New("serve: Config.New returned nil")
	}
	if c.Weights != nil {
		if err := c.Weights(net); err != nil {
			return nil, fmt.Errorf("serve: loading the weights: %w", err)
		}
	}
	return net, nil
}

// server is the state behind the handlers.
type server struct {
	cfg    Config
	info   infoJSON
	model  *model
	train  *training
	events *broker
}

// infoJSON is the answer of /api/info.
type infoJSON struct {
	Title      string      `json:"title"`
	Weights    string      `json:"weights"` // where the weights came from, or "untrained"
	Trained    bool        `json:"trained"` // whether the network started from given weights
	Input      []int       `json:"input"`
	Layers     []shapeJSON `json:"layers"`
	Params     []shapeJSON `json:"params"`
	Optimizers []string    `json:"optimizers"`
	CanTrain   bool        `json:"canTrain"`
	TestImages int         `json:"testImages"`
	BatchSize  int         `json:"batchSize"`
	EvalSize   int         `json:"evalSize"`
	EvalEvery  int         `json:"evalEvery"`
	TrainSize  int         `json:"trainSize"`
}

// shapeJSON names a layer or parameter and gives its shape.
type shapeJSON struct {
	Name  string `json:"name"`
	Shape []int  `json:"shape"`
}

// Handler returns the page and its API for cfg's network, for a test or a
// program with its own http.Server. It builds the network once for the
// answers and once for training. A training run started from the page runs
// until paused; ListenAndServe also stops it on shutdown.
func Handler(cfg Config) (http.Handler, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	return s.routes(), nil
}

// newServer checks cfg and builds the two networks.
func newServer(cfg Config) (*server, error) {
	if cfg.New == nil {
		return nil, errors.New("serve: Config.New is nil: want the function that builds the chapter's network")
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 100
	}
	if cfg.BatchSize < 0 {
		return nil, fmt.Errorf("serve: Config.BatchSize is %d, want 1 or more (0 means 100)", cfg.BatchSize)
	}
	for _, set := range []struct {
		name string
		set  *dataset.Set
	}{{"Train", cfg.Train}, {"Test", cfg.Test}} {
		if set.set != nil && !set.set.Normalize {
			return nil, fmt.Errorf("serve: Config.%s was loaded without Normalize: want pixels in [0, 1] (dataset.Options{Normalize: true})", set.name)
		}
	}
	if cfg.Train != nil && cfg.BatchSize > cfg.Train.Len() {
		return nil, fmt.Errorf("serve: Config.BatchSize is %d for a training set of %d images, want at most %d", cfg.BatchSize, cfg.Train.Len(), cfg.Train.Len())
	}
	if cfg.Log == nil {
		cfg.Log = log.Default()
	}
	pred, err := cfg.initial()
	if err != nil {
		return nil, err
	}
	if n := pred.Params(); len(pred.Input) == 0 || len(n) == 0 && len(pred.Layers) == 0 {
		return nil, errors.New("serve: the network has no layers")
	}
	if size := shapeSize(pred.Input); size != Pixels {
		return nil, fmt.Errorf("serve: the network takes %v inputs (%d values), want 784 (28x28 MNIST images)", pred.Input, size)
	}
	s := &server{cfg: cfg, model: &model{net: pred}, events: newBroker()}
	s.train, err = newTraining(&s.cfg, s.model, s.events)
	if err != nil {
		return nil, err
	}
	s.info = infoJSON{
		Title: cfg.Title, Weights: cfg.WeightsLabel, Trained: cfg.Weights != nil,
		Input: pred.Input, Optimizers: optimizer.Names, CanTrain: cfg.Train != nil,
		BatchSize: cfg.BatchSize, EvalSize: evalSize, EvalEvery: evalEvery,
	}
	if cfg.Weights == nil {
		s.info.Weights = "untrained"
	}
	if cfg.Test != nil {
		s.info.TestImages = cfg.Test.Len()
	}
	if cfg.Train != nil {
		s.info.TrainSize = cfg.Train.Len()
	}
	for i, name := range pred.Names {
		s.info.Layers = append(s.info.Layers, shapeJSON{name, pred.Shapes[i]})
	}
	for _, p := range pred.Params() {
		s.info.Params = append(s.info.Params, shapeJSON{p.Name, []int{p.Value.Rows, p.Value.Cols}})
	}
	return s, nil
}

// shapeSize returns the number of values of a shape.
func shapeSize(shape []int) int {
	size := 1
	for _, d := range shape {
		size *= d
	}
	return size
}

// routes returns the handler of every path.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	page, _ := fs.Sub(assets, "assets")
	mux.Handle("GET /", http.FileServerFS(page))
	mux.HandleFunc("GET /api/info", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, s.info) })
	mux.HandleFunc("POST /api/predict", s.predict)
	mux.HandleFunc("POST /api/backward", s.backward)
	mux.HandleFunc("GET /api/test-image", s.testImage)
	mux.HandleFunc("GET /api/param", s.param)
	mux.HandleFunc("POST /api/train", s.control)
	mux.HandleFunc("GET /api/events", func(w http.ResponseWriter, r *http.Request) {
		s.events.serveEvents(w, r, func() []byte {
			return eventBytes("history", s.train.history())
		})
	})
	unknown := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": fmt.Sprintf("no API %s %s: want GET /api/info, POST /api/predict, POST /api/backward, GET /api/test-image?index=N, GET /api/param?name=W1, POST /api/train or GET /api/events", r.Method, r.URL.Path)})
	}
	mux.HandleFunc("GET /api/", unknown)
	mux.HandleFunc("POST /api/", unknown)
	return s.recoverer(mux)
}

// recoverer answers a handler's panic with HTTP 500 rather than dropping
// the connection, and logs it: the server keeps serving.
func (s *server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Log.Printf("serve: %s %s: panic: %v", r.Method, r.URL.Path, v)
				writeJSON(w, http.StatusInternalServerError, map[string]string{"error": fmt.Sprint("internal error: ", v)})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (s *server) predict(w http.ResponseWriter, r *http.Request) {
	var q imageRequest
	if err := decodeJSON(w, r, &q); err != nil {
		writeError(w, 0, err)
		return
	}
	if q.Target != nil || q.Numerical {
		writeError(w, 0, badInput("target and numerical belong to /api/backward, not /api/predict"))
		return
	}
	img, err := q.input()
	if err != nil {
		writeError(w, 0, err)
		return
	}
	ans := s.model.predict(img)
	if !finite(ans.Probabilities) {
		writeError(w, http.StatusInternalServerError, errors.New("the network's probabilities are not numbers (training diverged?): press Reset"))
		return
	}
	writeJSON(w, http.StatusOK, ans)
}

func (s *server) backward(w http.ResponseWriter, r *http.Request) {
	var q imageRequest
	if err := decodeJSON(w, r, &q); err != nil {
		writeError(w, 0, err)
		return
	}
	img, err := q.input()
	if err != nil {
		writeError(w, 0, err)
		return
	}
	target := -1
	if q.Target != nil {
		classes := shapeSize(s.info.Layers[len(s.info.Layers)-1].Shape)
		if *q.Target < 0 || *q.Target >= classes {
			writeError(w, 0, badInput("target is %d, want a class in 0..%d (or none for the predicted class)", *q.Target, classes-1))
			return
		}
		target = *q.Target
	}
	ans := s.model.backward(img, target, q.Numerical)
	if !finite(ans.InputGrad) || math.IsNaN(ans.Loss) {
		writeError(w, http.StatusInternalServerError, errors.New("the gradient is not a number (training diverged?): press Reset"))
		return
	}
	writeJSON(w, http.StatusOK, ans)
}

// testImageJSON is the answer of /api/test-image.
type testImageJSON struct {
	Index int       `json:"index"`
	Label int       `json:"label"`
	Image []float64 `json:"image"`
}

func (s *server) testImage(w http.ResponseWriter, r *http.Request) {
	test := s.cfg.Test
	if test == nil {
		writeError(w, http.StatusNotFound, errors.New("this server has no test set"))
		return
	}
	i, err := strconv.Atoi(r.URL.Query().Get("index"))
	if err != nil || i < 0 || i >= test.Len() {
		writeError(w, 0, badInput("index is %q, want an integer in 0..%d", r.URL.Query().Get("index"), test.Len()-1))
		return
	}
	writeJSON(w, http.StatusOK, testImageJSON{i, test.Label(i), test.X([]int{i}).Data})
}

func (s *server) param(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	p, ok := s.model.param(name)
	if !ok {
		var names []string
		for _, p := range s.info.Params {
			names = append(names, p.Name)
		}
		writeError(w, 0, badInput("no parameter %q: want one of %v", name, names))
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *server) control(w http.ResponseWriter, r *http.Request) {
	var q trainRequest
	if err := decodeJSON(w, r, &q); err != nil {
		writeError(w, 0, err)
		return
	}
	state, err := s.train.control(q)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, state)
}

// finite reports whether every value of v is a finite number.
func finite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// eventBytes encodes one Server-Sent Event.
func eventBytes(name string, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("serve: event %s: %v", name, err))
	}
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", name, data)
}

// ListenAndServe serves cfg's page on addr ("localhost:8080"; a bare
// ":8080" means localhost too, and "0.0.0.0:8080" every interface) until
// ctx is cancelled, as by Ctrl-C through signal.NotifyContext. It prints the URL to open on stdout, then
// on cancellation stops any training, ends the event streams and shuts the
// server down, returning nil.
func ListenAndServe(ctx context.Context, addr string, cfg Config, stdout io.Writer) error {
	s, err := newServer(cfg)
	if err != nil {
		return err
	}
	if strings.HasPrefix(addr, ":") {
		addr = "localhost" + addr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.events.close)
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", cfg.Title, urlHost(ln.Addr()))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		s.train.halt()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.train.halt()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	<-errc
	return nil
}

// urlHost returns the host:port of a listening address as a URL host:
// "localhost" for an unspecified or loopback IP.
func urlHost(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if tcp.IP.IsUnspecified() || tcp.IP.IsLoopback() {
		return net.JoinHostPort("localhost", strconv.Itoa(tcp.Port))
	}
	return tcp.String()
}
