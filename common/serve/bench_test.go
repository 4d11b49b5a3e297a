// Benchmarks of one /api/predict answer, through the handler, for the
// chapter 5 MLP and (with BOOK_WEIGHTS_DIR) the book's SimpleConvNet: the
// page must answer a drawing in under 50 ms.

package serve

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func benchmarkPredict(b *testing.B, cfg Config, drawing bool) {
	s, err := newServer(cfg)
	if err != nil {
		b.Fatal(err)
	}
	h := s.routes(loopbackHosts(""))
	var body []byte
	if drawing {
		// What the page sends: a 140x140 drawing, here a bar.
		pixels := make([]float64, 140*140)
		for y := 20; y < 120; y++ {
			for x := 65; x < 75; x++ {
				pixels[y*140+x] = 255
			}
		}
		body, _ = json.Marshal(map[string]any{"drawing": map[string]any{"width": 140, "height": 140, "pixels": pixels}})
	} else {
		img := imageOf(randomSet(1, 1), 0)
		body, _ = json.Marshal(map[string]any{"image": img})
	}
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/api/predict", bytes.NewReader(body)))
		if w.Code != http.StatusOK {
			b.Fatal(w.Body.String())
		}
	}
}

// benchmarkRoundTrip times a drawing's /api/predict over a real connection,
// the answer read but not decoded (the page's JSON.parse is the browser's).
func benchmarkRoundTrip(b *testing.B, cfg Config) {
	ts, _ := testServer(b, cfg)
	pixels := make([]float64, 140*140)
	for y := 20; y < 120; y++ {
		for x := 65; x < 75; x++ {
			pixels[y*140+x] = 255
		}
	}
	body, _ := json.Marshal(map[string]any{"drawing": map[string]any{"width": 140, "height": 140, "pixels": pixels}})
	var size int64
	for b.Loop() {
		res, err := http.Post(ts.URL+"/api/predict", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		size, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	b.ReportMetric(float64(size), "answer-bytes")
}

func BenchmarkRoundTripMLP(b *testing.B) { benchmarkRoundTrip(b, Config{New: mlp(1, 0.01)}) }

func BenchmarkRoundTripSimpleConvNet(b *testing.B) { benchmarkRoundTrip(b, bookConvNet(b)) }

func BenchmarkPredictMLP(b *testing.B) { benchmarkPredict(b, Config{New: mlp(1, 0.01)}, false) }

func BenchmarkPredictMLPDrawing(b *testing.B) { benchmarkPredict(b, Config{New: mlp(1, 0.01)}, true) }

func BenchmarkPredictSimpleConvNet(b *testing.B) { benchmarkPredict(b, bookConvNet(b), false) }

func BenchmarkPredictSimpleConvNetDrawing(b *testing.B) {
	benchmarkPredict(b, bookConvNet(b), true)
}
