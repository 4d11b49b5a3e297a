// Tests of every endpoint with httptest: the answers against the network's
// own Predict and the numerical gradient, the page and its assets, test
// images, parameters, overflowing numbers, and every bad input.

package serve

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
)

// checkPredict sends image i of set to /api/predict and checks the answer
// against net.Predict to 1e-12, returning the answer.
func checkPredict(t *testing.T, url string, want *mat.Matrix, img []float64) predictJSON {
	t.Helper()
	var got predictJSON
	if status := call(t, url+"/api/predict", map[string]any{"image": img}, &got); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	if len(got.Probabilities) != want.Cols {
		t.Fatalf("%d probabilities, want %d", len(got.Probabilities), want.Cols)
	}
	for k, p := range got.Probabilities {
		if math.Abs(p-want.Data[k]) > 1e-12 {
			t.Fatalf("probability %d is %v, Net.Predict gives %v", k, p, want.Data[k])
		}
	}
	if c := argmax(want.Data); got.Class != c {
		t.Fatalf("class %d, Net.Predict gives %d", got.Class, c)
	}
	return got
}

func TestPredictMatchesNetPredict(t *testing.T) {
	test := randomSet(20, 3)
	ts, _ := testServer(t, Config{Title: "784-50-10", New: mlp(1, 0.1), Test: test})
	net := mlp(1, 0.1)()
	for i := range test.Len() {
		img := imageOf(test, i)
		want := nn.Softmax(net.Predict(mat.NewFrom(1, Pixels, img), false))
		got := checkPredict(t, ts.URL, want, img)
		if len(got.Layers) != 3 || got.Layers[0].Name != "Affine1" || got.Layers[1].Name != "Relu1" || got.Layers[2].Name != "Affine2" {
			t.Fatalf("layers %+v", got.Layers)
		}
		for k, l := range got.Layers {
			if len(l.Values) != shapeSize(l.Shape) {
				t.Fatalf("layer %s: %d values for shape %v", l.Name, len(l.Values), l.Shape)
			}
			if k == 1 {
				for _, v := range l.Values {
					if v < 0 {
						t.Fatalf("Relu1 gives %v", v)
					}
				}
			}
		}
		for j, v := range got.Input {
			if v != img[j] {
				t.Fatalf("input %d is %v, sent %v", j, v, img[j])
			}
		}
	}
}

// With the book's weights, MNIST test images get the class and
// probabilities of the network's own Predict: SimpleConvNet with the ch07
// weights, and chapter 3's 784-50-100-10 sigmoid network with its sample
// weights (what 00_neural_network serves).
func TestPredictBookWeights(t *testing.T) {
	t.Run("SimpleConvNet", func(t *testing.T) {
		checkBookWeights(t, bookConvNet(t), 97)
	})
	t.Run("ch03 sample weights", func(t *testing.T) {
		cfg := bookConvNet(t) // for the skip
		path := filepath.Join(os.Getenv("BOOK_WEIGHTS_DIR"), "ch03_sample_weight")
		cfg.Title = "Chapter 3: the book's sample network"
		cfg.New = func() *network.Net {
			rng := rand.New(rand.NewPCG(1, 1))
			return network.NewBuilder(784).Affine(50, 0.01, rng).Sigmoid().Affine(100, 0.01, rng).Sigmoid().Affine(10, 0.01, rng).Net()
		}
		cfg.Weights = func(n *network.Net) error { return n.LoadParams(path) }
		checkBookWeights(t, cfg, 90)
	})
}

// checkBookWeights sends the first 100 MNIST test images to cfg's server
// and checks its answers against the network's Predict, and that at least
// wantRight are right.
func checkBookWeights(t *testing.T, cfg Config, wantRight int) {
	test := mnistTest(t)
	cfg.Test = test
	ts, _ := testServer(t, cfg)
	net, err := cfg.initial()
	if err != nil {
		t.Fatal(err)
	}
	const n = 100
	correct := 0
	start := time.Now()
	for i := range n {
		img := imageOf(test, i)
		want := nn.Softmax(net.Predict(mat.NewFrom(1, Pixels, img), false))
		if checkPredict(t, ts.URL, want, img).Class == test.Label(i) {
			correct++
		}
	}
	per := time.Since(start) / n
	t.Logf("%s: %d of %d test images right; %v per /api/predict round trip (with the checks)", cfg.Title, correct, n, per)
	if correct < wantRight {
		t.Errorf("%d of the first 100 test images right, want at least %d", correct, wantRight)
	}
}

func TestPredictDrawingIsPreprocessed(t *testing.T) {
	ts, _ := testServer(t, Config{New: mlp(1, 0.1)})
	ink := rect(100, 80, 30, 10, 20, 60)
	pixels := make([]float64, len(ink))
	for i, v := range ink {
		pixels[i] = 255 * v
	}
	var got predictJSON
	body := map[string]any{"drawing": map[string]any{"width": 100, "height": 80, "pixels": pixels}}
	if status := call(t, ts.URL+"/api/predict", body, &got); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	want := Preprocess(ink, 100, 80)
	for i, v := range got.Input {
		if v != want[i] {
			t.Fatalf("input %d is %v, Preprocess gives %v", i, v, want[i])
		}
	}
	// Noise, seeded: the same request gives the same input.
	body["noise"], body["seed"] = 30, 5
	var a, b predictJSON
	call(t, ts.URL+"/api/predict", body, &a)
	call(t, ts.URL+"/api/predict", body, &b)
	addNoise(want, 30, 5)
	for i := range a.Input {
		if a.Input[i] != b.Input[i] || a.Input[i] != want[i] {
			t.Fatalf("noisy input %d: %v, %v, want %v", i, a.Input[i], b.Input[i], want[i])
		}
	}
}

func TestBackward(t *testing.T) {
	test := randomSet(5, 4)
	ts, _ := testServer(t, Config{New: mlp(2, 0.1)})
	net := mlp(2, 0.1)()
	for i := range test.Len() {
		img := imageOf(test, i)
		x := mat.NewFrom(1, Pixels, img)
		predicted := argmax(net.Predict(x, false).Data)
		for _, target := range []*int{nil, &i} {
			var got backwardJSON
			body := map[string]any{"image": img, "numerical": true}
			if target != nil {
				body["target"] = *target
			}
			if status := call(t, ts.URL+"/api/backward", body, &got); status != http.StatusOK {
				t.Fatalf("status %d", status)
			}
			wantTarget := predicted
			if target != nil {
				wantTarget = *target
			}
			if got.Target != wantTarget {
				t.Fatalf("target %d, want %d", got.Target, wantTarget)
			}
			checkInputGrad(t, got.InputGrad, numericalInputGrad(net, img, wantTarget))
			if want := plainLoss(net, img, wantTarget); math.Abs(got.Loss-want) > 1e-12*max(1, want) {
				t.Fatalf("loss %v, -log(softmax) of the scores gives %v", got.Loss, want)
			}
			if len(got.Layers) != 3 || got.Layers[0].Norm <= 0 || len(got.Layers[0].Params) != 2 {
				t.Fatalf("layers %+v", got.Layers)
			}
			if len(got.Numerical) != numericalPixels {
				t.Fatalf("%d numerical pixels, want %d", len(got.Numerical), numericalPixels)
			}
			for _, n := range got.Numerical {
				if d := math.Abs(n.Backprop - n.Numerical); d > 1e-7*math.Abs(n.Backprop) {
					t.Errorf("pixel %d: backprop %v, numerical %v", n.Pixel, n.Backprop, n.Numerical)
				}
			}
		}
	}
}

// softmaxLoss against the plain -log(softmax), where both are accurate,
// and where the plain one rounds to 0.
func TestSoftmaxLoss(t *testing.T) {
	for _, scores := range [][]float64{{1, 2, 3}, {-5, 0.5, 0.2}, {0, 0, 0}} {
		x := mat.NewFrom(1, len(scores), scores)
		for target := range scores {
			want := -math.Log(nn.Softmax(x).Data[target])
			if got := softmaxLoss(scores, target); math.Abs(got-want) > 1e-14 {
				t.Errorf("softmaxLoss(%v, %d) = %v, want %v", scores, target, got, want)
			}
		}
	}
	// exp(-40) = 4.2e-18: the plain loss is -log(1) = 0.
	if got, want := softmaxLoss([]float64{40, 0}, 0), math.Exp(-40); math.Abs(got-want) > 1e-30 {
		t.Errorf("softmaxLoss({40, 0}, 0) = %v, want %v", got, want)
	}
}

// scaled returns Weights that multiply each named parameter of the network
// by its factor.
func scaled(factors map[string]float64) func(*network.Net) error {
	return func(n *network.Net) error {
		for name, f := range factors {
			n.Param(name).Scale(f)
		}
		return nil
	}
}

// With weights so large that the squares of the gradients overflow, the
// norms of /api/backward stay finite numbers; with weights so large that
// the gradients themselves overflow, the answer is the API's JSON error,
// never a 200 with an empty body.
func TestBackwardOverflow(t *testing.T) {
	img := imageOf(randomSet(1, 8), 0)
	t.Run("finite", func(t *testing.T) {
		ts, _ := testServer(t, Config{New: mlp(2, 0.1), Weights: scaled(map[string]float64{"W2": 1e170})})
		var got backwardJSON
		if status := call(t, ts.URL+"/api/backward", map[string]any{"image": img, "target": 3}, &got); status != 200 {
			t.Fatalf("status %d", status)
		}
		largest := 0.0
		for _, l := range got.Layers {
			largest = max(largest, l.Norm)
			for _, p := range l.Params {
				largest = max(largest, p.Norm)
			}
		}
		if !(largest > 1e160) || math.IsInf(largest, 0) {
			t.Errorf("largest norm %v, want a finite number over 1e160", largest)
		}
	})
	t.Run("overflow", func(t *testing.T) {
		ts, _ := testServer(t, Config{New: mlp(2, 0.1), Weights: scaled(map[string]float64{"W1": 1e200, "W2": 1e200})})
		var got map[string]string
		status := call(t, ts.URL+"/api/backward", map[string]any{"image": img}, &got)
		if status != http.StatusInternalServerError || !strings.Contains(got["error"], "overflowed") {
			t.Errorf("status %d, %q; want 500 with the API's error", status, got["error"])
		}
	})
}

// norm against Pythagoras, where the plain sum of squares overflows or
// underflows.
func TestNorm(t *testing.T) {
	for _, tc := range []struct {
		v    []float64
		want float64
	}{
		{[]float64{3, 4}, 5},
		{[]float64{3e200, -4e200}, 5e200},
		{[]float64{3e-200, 4e-200}, 5e-200},
		{[]float64{0, 0}, 0},
		{nil, 0},
	} {
		if got := norm(tc.v); math.Abs(got-tc.want) > 1e-15*tc.want {
			t.Errorf("norm(%v) = %v, want %v", tc.v, got, tc.want)
		}
	}
	if got := norm([]float64{1, math.Inf(-1)}); !math.IsInf(got, 1) {
		t.Errorf("norm with -Inf = %v, want +Inf", got)
	}
}

// writeJSON never sends a status without its body: an answer JSON cannot
// carry is a 500 with the API's error.
func TestWriteJSONEncodesFirst(t *testing.T) {
	rec := httptest.NewRecorder()
	writeJSON(rec, http.StatusOK, map[string]float64{"norm": math.Inf(1)})
	var got map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &got); rec.Code != http.StatusInternalServerError || err != nil || !strings.Contains(got["error"], "overflowed") {
		t.Errorf("status %d, body %q (%v); want 500 with a JSON error", rec.Code, rec.Body, err)
	}
}

// The loss of /api/backward is -log(p) of the target, never negative, even
// where the book's -log(p + 1e-7) is (p within 1e-7 of 1).
func TestBackwardLossNeverNegative(t *testing.T) {
	ts, _ := testServer(t, Config{New: mlp(2, 0.1), Weights: scaled(map[string]float64{"W2": 100})})
	net := mlp(2, 0.1)()
	scaled(map[string]float64{"W2": 100})(net)
	test := randomSet(10, 4)
	sure := 0
	for i := range test.Len() {
		img := imageOf(test, i)
		var got backwardJSON
		if status := call(t, ts.URL+"/api/backward", map[string]any{"image": img}, &got); status != 200 {
			t.Fatalf("status %d", status)
		}
		book := net.Last.Forward(net.Predict(mat.NewFrom(1, Pixels, img), false), []int{got.Target})
		if book < 0 {
			sure++
		}
		if want := plainLoss(net, img, got.Target); got.Loss < 0 || math.Abs(got.Loss-want) > 1e-12 {
			t.Errorf("image %d: loss %v, want -log(p) = %v (the book's SoftmaxWithLoss: %v)", i, got.Loss, want, book)
		}
	}
	if sure == 0 {
		t.Error("no image where the book's loss is negative: a test of nothing")
	}
}

func TestPageInfoTestImageParam(t *testing.T) {
	test := randomSet(30, 5)
	ts, s := testServer(t, Config{Title: "Chapter 5: TwoLayerNet", New: mlp(1, 0.01), Test: test})
	for path, want := range map[string]string{"/": "app.js", "/app.js": "selftest", "/style.css": "canvas"} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		body.ReadFrom(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(body.String(), want) {
			t.Errorf("GET %s: status %d, %d bytes without %q", path, res.StatusCode, body.Len(), want)
		}
	}
	var info infoJSON
	call(t, ts.URL+"/api/info", nil, &info)
	if info.Title != "Chapter 5: TwoLayerNet" || info.Weights != "untrained" || info.Trained || info.CanTrain ||
		len(info.Layers) != 3 || len(info.Params) != 4 || len(info.Optimizers) != 6 || info.TestImages != 30 {
		t.Errorf("info %+v", info)
	}
	var img testImageJSON
	call(t, ts.URL+"/api/test-image?index=29", nil, &img)
	want := imageOf(test, 29)
	if img.Index != 29 || img.Label != test.Label(29) || len(img.Image) != Pixels {
		t.Fatalf("test image %+v", img)
	}
	for i := range want {
		if img.Image[i] != want[i] {
			t.Fatalf("pixel %d is %v, want %v", i, img.Image[i], want[i])
		}
	}
	var p paramJSON
	call(t, ts.URL+"/api/param?name=W1", nil, &p)
	w1 := s.model.net.Params()[0].Value
	if p.Rows != 784 || p.Cols != 50 || len(p.Values) != 784*50 || math.Abs(p.Values[123]-w1.Data[123]) > 1e-3*math.Abs(w1.Data[123]) {
		t.Errorf("W1: %dx%d, %d values", p.Rows, p.Cols, len(p.Values))
	}
}

// The page fetches nothing from elsewhere: no URL with a host in its files.
func TestAssetsAreSelfContained(t *testing.T) {
	entries, err := assets.ReadDir("assets")
	if err != nil || len(entries) < 3 {
		t.Fatalf("assets: %v, %d files", err, len(entries))
	}
	for _, e := range entries {
		data, err := assets.ReadFile("assets/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"http://", "https://", "src=\"//", "href=\"//", "@import"} {
			if strings.Contains(string(data), bad) {
				t.Errorf("assets/%s contains %q", e.Name(), bad)
			}
		}
	}
}

// Every bad input gets HTTP 400 and a JSON error saying what was expected.
func TestBadInput(t *testing.T) {
	ts, _ := testServer(t, Config{New: mlp(1, 0.01), Test: randomSet(10, 1)})
	image := func(n int, v string) string {
		return `{"image": [` + strings.TrimSuffix(strings.Repeat(v+",", n), ",") + `]}`
	}
	good := image(Pixels, "0.5")
	huge := `{"image": [` + strings.Repeat("0.000000000000000000000000000000000000000001,", 30000) + `0]}`
	tests := []struct {
		name, path, body, want string
	}{
		{"short image", "/api/predict", image(783, "0.5"), "783 numbers, want 784"},
		{"long image", "/api/predict", image(785, "0"), "785 numbers, want 784"},
		{"empty image", "/api/predict", `{"image": []}`, "0 numbers, want 784"},
		{"NaN literal", "/api/predict", strings.Replace(good, "0.5", "NaN", 1), `field "image" holds NaN or Infinity, which are not JSON numbers; want numbers in 0..1`},
		{"Infinity in a drawing", "/api/predict", `{"drawing": {"width": 1, "height": 1, "pixels": [-Infinity]}}`, `field "pixels" holds NaN or Infinity, which are not JSON numbers; want numbers in 0..255`},
		{"NaN string", "/api/predict", strings.Replace(good, "0.5", `"NaN"`, 1), `"image" holds a JSON string, want a number`},
		{"above 1", "/api/predict", strings.Replace(good, "0.5", "1.5", 1), "image[0] is 1.5, want a number in 0..1"},
		{"below 0", "/api/predict", strings.Replace(good, "0.5,0.5", "0.5,-0.001", 1), "image[1] is -0.001, want a number in 0..1"},
		{"too large a number", "/api/predict", strings.Replace(good, "0.5", "1e999", 1), "want a number in range"},
		{"body over 1 MB", "/api/predict", huge, "over 1048576 bytes"},
		{"malformed JSON", "/api/predict", `{"image": [0.5, 0.5`, "malformed JSON"},
		{"not JSON", "/api/predict", `image=0.5`, "malformed JSON"},
		{"trailing data", "/api/predict", good + `{}`, "more data after"},
		{"empty body", "/api/predict", ``, "empty request body"},
		{"array body", "/api/predict", `[0.5]`, "want a JSON object"},
		{"unknown field", "/api/predict", `{"imgae": [0.5]}`, `unknown field "imgae"`},
		{"no image", "/api/predict", `{}`, "no image"},
		{"image and drawing", "/api/predict", `{"image": [0], "drawing": {"width": 1, "height": 1, "pixels": [0]}}`, "both image and drawing"},
		{"drawing size", "/api/predict", `{"drawing": {"width": 2, "height": 2, "pixels": [0, 0, 0]}}`, "3 pixels, want width*height = 4"},
		{"drawing too big", "/api/predict", `{"drawing": {"width": 5000, "height": 2, "pixels": []}}`, "want width and height in 1..1024"},
		{"drawing value", "/api/predict", `{"drawing": {"width": 1, "height": 1, "pixels": [256]}}`, "drawing.pixels[0] is 256, want a number in 0..255"},
		{"noise", "/api/predict", strings.Replace(good, "{", `{"noise": 101,`, 1), "noise is 101, want a percentage in 0..100"},
		{"negative seed", "/api/predict", strings.Replace(good, "{", `{"seed": -1,`, 1), `"seed" holds a JSON number -1, want an integer 0 or more`},
		{"target on predict", "/api/predict", strings.Replace(good, "{", `{"target": 3,`, 1), "belong to /api/backward"},
		{"target 10", "/api/backward", strings.Replace(good, "{", `{"target": 10,`, 1), "target is 10, want a class in 0..9"},
		{"target -1", "/api/backward", strings.Replace(good, "{", `{"target": -1,`, 1), "target is -1"},
		{"backward short", "/api/backward", image(10, "0"), "10 numbers, want 784"},
		{"train action", "/api/train", `{"action": "go"}`, "want start, pause, resume or reset"},
		{"train without a set", "/api/train", `{"action": "start", "optimizer": "SGD", "lr": 0.1}`, "no training set"},
		{"resume idle", "/api/train", `{"action": "resume"}`, "resume continues a paused run"},
		{"train iterations", "/api/train", `{"action": "resume", "iterations": -5}`, "iterations is -5"},
		{"test image index", "/api/test-image?index=10", "", "want an integer in 0..9"},
		{"test image not a number", "/api/test-image?index=seven", "", "want an integer in 0..9"},
		{"param name", "/api/param?name=W9", "", `no parameter "W9": want one of [W1 b1 W2 b2]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got map[string]string
			var status int
			if strings.HasPrefix(tc.path, "/api/test-image") || strings.HasPrefix(tc.path, "/api/param") {
				status = call(t, ts.URL+tc.path, nil, &got)
			} else {
				status = call(t, ts.URL+tc.path, tc.body, &got)
			}
			if status != http.StatusBadRequest {
				t.Errorf("status %d, want 400", status)
			}
			if !strings.Contains(got["error"], tc.want) {
				t.Errorf("error %q, want it to say %q", got["error"], tc.want)
			}
		})
	}
	// The server still answers after all that.
	var ok predictJSON
	if status := call(t, ts.URL+"/api/predict", good, &ok); status != 200 || len(ok.Probabilities) != 10 {
		t.Errorf("after the bad requests: status %d", status)
	}
	var got map[string]string
	if status := call(t, ts.URL+"/api/nothing", nil, &got); status != http.StatusNotFound || !strings.Contains(got["error"], "POST /api/predict") {
		t.Errorf("GET /api/nothing: status %d, %q", status, got["error"])
	}
}

func TestBadTrainingRequests(t *testing.T) {
	ts, s := testServer(t, Config{New: mlp(1, 0.01), Train: randomSet(300, 1), Test: randomSet(50, 2)})
	for _, tc := range []struct{ body, want string }{
		{`{"action": "start", "optimizer": "SGD", "lr": 0}`, "lr is 0, want a learning rate in (0, 10]"},
		{`{"action": "start", "optimizer": "SGD", "lr": 1e300}`, "lr is 1e+300"},
		{`{"action": "start", "optimizer": "LBFGS", "lr": 0.1}`, `optimizer "LBFGS": want one of [SGD Momentum Nesterov AdaGrad RMSprop Adam]`},
		{`{"action": "start", "optimizer": "SGD", "lr": "fast"}`, `"lr" holds a JSON string, want a number`},
		{`{"action": "start", "optimizer": "SGD", "lr": -0.1}`, "lr is -0.1, want a learning rate in (0, 10]"},
		{`{"action": "start", "optimizer": "SGD", "lr": NaN}`, `field "lr" holds NaN or Infinity, which are not JSON numbers; want a learning rate in (0, 10]`},
		{`{"action": "start", "optimizer": "SGD", "lr": Infinity}`, `field "lr" holds NaN or Infinity`},
		{`{"action": "start", "lr": -Infinity, "optimizer": "SGD"}`, `field "lr" holds NaN or Infinity`},
		{`{"action": "start", "optimizer": "SGD", "lr": 1e999}`, `"lr" holds a JSON number 1e999, want a number in range`},
	} {
		var got map[string]string
		if status := call(t, ts.URL+"/api/train", tc.body, &got); status != 400 || !strings.Contains(got["error"], tc.want) || strings.Contains(got["error"], "0..1") {
			t.Errorf("%s: status %d, %q, want 400 saying %q", tc.body, status, got["error"], tc.want)
		}
	}
	// One run at a time: a second start while the first runs is refused.
	var st stateEvent
	if status := call(t, ts.URL+"/api/train", `{"action": "start", "optimizer": "Adam", "lr": 0.001}`, &st); status != 200 || st.State != stateRunning {
		t.Fatalf("start: status %d, %+v", status, st)
	}
	var got map[string]string
	if status := call(t, ts.URL+"/api/train", `{"action": "start", "optimizer": "SGD", "lr": 0.1}`, &got); status != 400 || !strings.Contains(got["error"], "one run at a time") {
		t.Errorf("second start: status %d, %q", status, got["error"])
	}
	call(t, ts.URL+"/api/train", `{"action": "pause"}`, &st)
	if st.State != statePaused {
		t.Errorf("after pause: %+v", st)
	}
	call(t, ts.URL+"/api/train", `{"action": "reset"}`, &st)
	if h := s.train.history(); st.State != stateIdle || st.Iter != 0 || len(h.Steps) != 0 || len(h.Evals) != 0 {
		t.Errorf("after reset: %+v", st)
	}
}

func TestHandlerNeedsNew(t *testing.T) {
	if _, err := Handler(Config{}); err == nil || !strings.Contains(err.Error(), "Config.New is nil") {
		t.Errorf("Handler(Config{}): %v", err)
	}
	if _, err := Handler(Config{New: simpleConvNet, Weights: func(n *network.Net) error { return os.ErrNotExist }}); err == nil {
		t.Error("Handler with failing Weights: no error")
	}
	raw := randomSet(10, 1)
	raw.Normalize = false
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{New: mlp(1, 0.01), Train: raw}, "Config.Train was loaded without Normalize"},
		{Config{New: mlp(1, 0.01), Test: raw}, "Config.Test was loaded without Normalize"},
		{Config{New: mlp(1, 0.01), Train: randomSet(10, 1)}, "the training set has 10 images, fewer than one mini-batch of 100"},
	} {
		if _, err := Handler(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Handler: %v, want an error saying %q", err, tc.want)
		}
	}
}
