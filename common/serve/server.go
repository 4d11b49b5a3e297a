// Package serve is machinery, safe to skip: not part of the book. It serves
// a chapter's network as a page: the reader draws a digit (or picks an
// MNIST test image), and sees the class probabilities, every layer's
// output, the gradient of the loss with respect to the input and to each
// layer, and can train the network live and watch its loss and accuracy.
// The page (HTML, JavaScript and CSS in assets/) is embedded; nothing is
// fetched from elsewhere.
//
// A chapter program calls it in place of its run, for its -serve flag. It
// binds the address first, so that a bad or busy one is reported before
// MNIST loads:
//
//	ln, err := serve.Listen(addr) // "localhost:8080"
//	if err != nil {
//		return err
//	}
//	defer ln.Close()
//	train, test, err := dataset.Load(opts)
//	if err != nil {
//		return err
//	}
//	return serve.Serve(ctx, ln, serve.Config{
//		Title:        "Chapter 7: SimpleConvNet",
//		New:          func() *network.Net { return SimpleConvNet(seed) }, // same weights every call
//		Weights:      func(n *network.Net) error { return n.SetParams(path, arrays) }, // nil: untrained
//		WeightsLabel: path,
//		Train:        train, // nil: no Train button
//		Test:         test,
//		Seed:         seed,
//	}, stdout, stderr)
//
// Serve returns when ctx is cancelled (Ctrl-C), with an error that wraps
// context.Cause(ctx) and says where the training stood.
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
// The loss of /api/backward is -log(p), p the softmax probability of the
// target, computed from the scores so that it keeps its digits when p is
// near 1; it is never negative. The book's SoftmaxWithLoss, which trains
// the network, computes -log(p + 1e-7) instead: about 1e-7 less when p is
// near 1 (so -1e-7 for p = 1), and at most 16.1 when p is near 0. The
// gradient is the same for both (SoftmaxWithLoss's y - t).
//
// A POST body must be JSON, sent as Content-Type: application/json. Every
// refusal is {"error": "..."}, saying what was expected: 400 for a request
// the API cannot use, 403 for a request from another site (see access.go),
// 404 for no such API, 405 (with Allow) for a wrong method, 415 for a body
// that is not declared JSON, 500 when the network's numbers have
// overflowed (training diverged) and cannot be sent, and 503 for a
// training request while the server shuts down.
package serve

import (
	"context"
	"embed"
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

// DefaultBatchSize is the mini-batch size of the page's training when
// Config.BatchSize is 0: the book's 100. The training set must hold at least
// that many images.
const DefaultBatchSize = 100

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
	// BatchSize is the mini-batch size of training; 0 means
	// DefaultBatchSize.
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
	MaxHistory int         `json:"maxHistory"` // the most points a chart keeps (see appendCapped)
	TrainSize  int         `json:"trainSize"`
}

// shapeJSON names a layer or parameter and gives its shape.
type shapeJSON struct {
	Name  string `json:"name"`
	Shape []int  `json:"shape"`
}

// Handler returns the page and its API for cfg's network, for a test or a
// program with its own http.Server. It builds the network once for the
// answers and once for training, and answers requests whose Host is
// localhost, 127.0.0.1 or [::1] on any port. A training run started from
// the page runs until paused; the goroutine that owns the training lives
// as long as the program (Serve ends it on shutdown).
func Handler(cfg Config) (http.Handler, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	return s.routes(loopbackHosts("")), nil
}

// newServer checks cfg and builds the two networks.
func newServer(cfg Config) (*server, error) {
	if cfg.New == nil {
		return nil, errors.New("serve: Config.New is nil: want the function that builds the chapter's network")
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = DefaultBatchSize
	}
	if cfg.BatchSize < 0 {
		return nil, fmt.Errorf("serve: Config.BatchSize is %d, want 1 or more (0 means %d)", cfg.BatchSize, DefaultBatchSize)
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
		return nil, fmt.Errorf("serve: the training set has %d images, fewer than one mini-batch of %d: want at least %d", cfg.Train.Len(), cfg.BatchSize, cfg.BatchSize)
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
	s := &server{cfg: cfg, model: &model{net: pred}, events: newBroker(cfg.Log)}
	s.train, err = newTraining(&s.cfg, s.model, s.events)
	if err != nil {
		return nil, err
	}
	s.info = infoJSON{
		Title: cfg.Title, Weights: cfg.WeightsLabel, Trained: cfg.Weights != nil,
		Input: pred.Input, Optimizers: optimizer.Names, CanTrain: cfg.Train != nil,
		BatchSize: cfg.BatchSize, EvalSize: evalSize, EvalEvery: evalEvery, MaxHistory: maxHistory,
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

// close stops the training and ends the event streams.
func (s *server) close() {
	s.train.close()
	s.events.close()
}

// shapeSize returns the number of values of a shape.
func shapeSize(shape []int) int {
	size := 1
	for _, d := range shape {
		size *= d
	}
	return size
}

// routes returns the handler of every path, for a server known by hosts.
func (s *server) routes(h hosts) http.Handler {
	mux := http.NewServeMux()
	page, _ := fs.Sub(assets, "assets")
	mux.Handle("/", only(http.MethodGet, http.FileServerFS(page).ServeHTTP))
	mux.Handle("/api/info", only(http.MethodGet, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, s.info) }))
	mux.Handle("/api/predict", only(http.MethodPost, s.predict))
	mux.Handle("/api/backward", only(http.MethodPost, s.backward))
	mux.Handle("/api/test-image", only(http.MethodGet, s.testImage))
	mux.Handle("/api/param", only(http.MethodGet, s.param))
	mux.Handle("/api/train", only(http.MethodPost, s.control))
	mux.Handle("/api/events", only(http.MethodGet, func(w http.ResponseWriter, r *http.Request) {
		s.events.serveEvents(w, r, func() historyEvent { return s.train.history() })
	}))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Errorf("no API %s %s: want GET /api/info, POST /api/predict, POST /api/backward, GET /api/test-image?index=N, GET /api/param?name=W1, POST /api/train or GET /api/events", r.Method, r.URL.Path))
	})
	return s.recoverer(h.guard(mux))
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
				writeError(w, http.StatusInternalServerError, fmt.Errorf("internal error: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// errOverflow answers a request whose answer holds numbers JSON cannot
// carry.
var errOverflow = errors.New("the network's numbers have overflowed to infinity or NaN (training diverged?): press Reset")

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
		writeError(w, http.StatusInternalServerError, errOverflow)
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
	if !ans.finite() {
		writeError(w, http.StatusInternalServerError, errOverflow)
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
		status := http.StatusInternalServerError
		if errors.Is(err, errClosed) {
			status = http.StatusServiceUnavailable
		}
		writeError(w, status, err)
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

// The server's timeouts. A request's header and body must arrive within
// headerTimeout and readTimeout of its start, so that a client that sends
// a byte a second cannot hold a connection; the event stream, which reads
// nothing after its header, is not cut by it (net/http lifts the read
// deadline of a request without a body). An idle keep-alive connection is
// closed after idleTimeout.
var (
	headerTimeout = 10 * time.Second
	readTimeout   = 30 * time.Second
	idleTimeout   = 2 * time.Minute
)

// Listen binds addr: "localhost:8080", a bare ":8080" (localhost too),
// or "0.0.0.0:8080" (every interface: other machines can reach the page).
// Call it before anything slow, so that a bad or busy address is reported
// at once; Serve then serves on the listener.
func Listen(addr string) (net.Listener, error) {
	if strings.HasPrefix(addr, ":") {
		addr = "localhost" + addr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return ln, nil
}

// Serve serves cfg's page on ln (from Listen) until ctx is cancelled, as
// by Ctrl-C. It prints the URL to open on stdout and, when ln is reachable
// from other machines, a warning on stderr. On cancellation it stops any
// training, ends the event streams, shuts the server down and returns an
// error that says where the training stood and wraps context.Cause(ctx)
// (so a program's exit status can tell an interrupt). It closes ln.
func Serve(ctx context.Context, ln net.Listener, cfg Config, stdout, stderr io.Writer) error {
	defer ln.Close()
	s, err := newServer(cfg)
	if err != nil {
		return err
	}
	h := loopbackHosts("")
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		h = servedHosts(tcp)
	}
	srv := &http.Server{
		Handler:           s.routes(h),
		ReadHeaderTimeout: headerTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          s.cfg.Log,
	}
	srv.RegisterOnShutdown(s.events.close)
	announce(ln.Addr(), cfg.Title, stdout, stderr)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		s.close()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.train.close()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
	}
	<-errc
	s.events.close()
	return fmt.Errorf("serve: stopped serving%s: %w", s.train.where(), context.Cause(ctx))
}

// announce prints where the page is: http://localhost:PORT/ for a loopback
// address, else the address served, with a warning on stderr that other
// machines can reach the page and its training controls.
func announce(a net.Addr, title string, stdout, stderr io.Writer) {
	tcp, ok := a.(*net.TCPAddr)
	if ok && tcp.IP.IsLoopback() {
		fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", title, net.JoinHostPort("localhost", strconv.Itoa(tcp.Port)))
		return
	}
	where := a.String()
	if ok && tcp.IP.IsUnspecified() {
		fmt.Fprintf(stdout, "serving %s on every interface, port %d: http://localhost:%d/ on this machine, or http://ADDRESS:%d/ with its address from another (Ctrl-C to stop)\n",
			title, tcp.Port, tcp.Port, tcp.Port)
		where = fmt.Sprintf("every network interface, port %d (%s)", tcp.Port, a)
	} else {
		fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", title, a)
	}
	fmt.Fprintf(stderr, "serve: warning: listening on %s: other machines can reach the page and its training controls (start, pause, reset); serve on localhost:PORT to keep it to this one\n", where)
}
