// A fuzzer of the API's request bodies: whatever arrives, the answer is a
// whole JSON answer or the API's JSON error, never a crash or a 500.

package serve

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func FuzzRequestBody(f *testing.F) {
	image := `[` + strings.TrimSuffix(strings.Repeat("0.5,", Pixels), ",") + `]`
	for _, seed := range []string{
		`{"image": ` + image + `}`,
		`{"image": ` + image + `, "target": 3, "numerical": true}`,
		`{"drawing": {"width": 2, "height": 1, "pixels": [0, 255]}, "noise": 10, "seed": 4}`,
		`{"action": "start", "optimizer": "SGD", "lr": NaN}`,
		`{"action": "reset"}`,
		`{"lr": -Infinity}`,
		`[1, 2`,
		``,
	} {
		for _, path := range []string{"/api/predict", "/api/backward", "/api/train"} {
			f.Add(path, seed)
		}
	}
	s, err := newServer(Config{New: mlp(1, 0.1), Train: randomSet(100, 1), BatchSize: 10})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(s.close)
	h := s.routes(loopbackHosts(""))
	f.Fuzz(func(t *testing.T, path, body string) {
		if path != "/api/predict" && path != "/api/backward" && path != "/api/train" {
			return
		}
		req := httptest.NewRequest(http.MethodPost, "http://localhost"+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var answer map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
			t.Fatalf("%s %q: status %d, the answer is not JSON: %v", path, body, rec.Code, err)
		}
		switch {
		case rec.Code == http.StatusOK:
		case rec.Code == http.StatusBadRequest && answer["error"] != nil:
		default:
			t.Fatalf("%s %q: status %d, %v", path, body, rec.Code, answer)
		}
	})
}
