// The page in a real browser: headless Chromium loads ?selftest=1 from a
// test server; the page loads test image 0, draws a 7 through its own
// pointer handlers, and writes what it showed into <pre id="selftest">,
// which this test reads from chromium --dump-dom.

package serve

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"dlfs/dataset"
)

// chromium returns the path of the Chromium binary. When there is none it
// skips the test, or fails it under CHROMIUM_REQUIRED=1, which .ci/run sets
// after installing the Debian package chromium.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	const msg = "no chromium on $PATH (Debian: apt-get install chromium)"
	if os.Getenv("CHROMIUM_REQUIRED") == "1" {
		t.Fatal(msg + ", and CHROMIUM_REQUIRED=1")
	}
	t.Skip(msg + ": skipping the browser test")
	return ""
}

// headless runs Chromium on url with flags that keep it off the network
// and away from the user's profile, and returns its standard output.
func headless(t *testing.T, bin, url string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}, extra...)
	cmd := exec.CommandContext(ctx, bin, append(args, url)...)
	out, err := cmd.Output()
	if ctx.Err() != nil {
		t.Fatalf("chromium did not finish in 120 s")
	}
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return out
}

// selftestJSON is what the page's self-test writes.
type selftestJSON struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
	Drawn struct {
		Class     int       `json:"class"`
		InputSum  float64   `json:"inputSum"`
		InkPixels int       `json:"inkPixels"`
		Target    int       `json:"target"`
		Probs     []float64 `json:"probabilities"`
		Latency   float64   `json:"latencyMs"`
	} `json:"drawn"`
	Test struct {
		Class int       `json:"class"`
		Label int       `json:"label"`
		Probs []float64 `json:"probabilities"`
	} `json:"test"`
	Numerical []pixelGradJSON `json:"numerical"`
	Layers    []struct {
		Name     string `json:"name"`
		Rendered bool   `json:"rendered"`
		Width    int    `json:"width"`
	} `json:"layers"`
	ExpectedLayers []string `json:"expectedLayers"`
	Hover          struct {
		Shown bool   `json:"shown"`
		Text  string `json:"text"`
	} `json:"hover"`
	Views map[string]bool `json:"views"`
}

var selftestPre = regexp.MustCompile(`(?s)<pre id="selftest"[^>]*data-done="1"[^>]*>(.*?)</pre>`)

func TestBrowserSelfTest(t *testing.T) {
	bin := chromium(t)
	// The book's SimpleConvNet when its weights are here, which must read
	// the drawn strokes and test image 0 as 7s; else the untrained
	// MLP, of which only the rendering is checked.
	cfg := Config{Title: "784-50-10, untrained", New: mlp(1, 0.1)}
	book := os.Getenv("BOOK_WEIGHTS_DIR") != ""
	if book {
		cfg = bookConvNet(t)
	}
	var test *dataset.Set
	if os.Getenv("MNIST_DIR") != "" || os.Getenv("MNIST_REQUIRED") == "1" {
		test = mnistTest(t)
	} else {
		t.Log("MNIST_DIR is not set: test image 0 is a random image")
		test = randomSet(10, 1)
	}
	cfg.Test = test
	ts, s := testServer(t, cfg)

	out := headless(t, bin, ts.URL+"/?selftest=1", "--virtual-time-budget=30000", "--dump-dom")
	m := selftestPre.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no finished #selftest in the page's DOM:\n%.2000s", out)
	}
	var got selftestJSON
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &got); err != nil {
		t.Fatalf("#selftest is not JSON: %v\n%s", err, m[1])
	}
	if !got.OK {
		t.Fatalf("the page's self-test failed: %s", got.Error)
	}
	t.Logf("drawn stroke: class %d (%.4f), answered in %.0f ms of the page's virtual time; test image 0 (label %d): class %d (%.4f)",
		got.Drawn.Class, got.Drawn.Probs[got.Drawn.Class], got.Drawn.Latency, got.Test.Label, got.Test.Class, got.Test.Probs[got.Test.Class])

	// Every layer view rendered, one per layer of the network.
	if !slices.Equal(got.ExpectedLayers, s.model.net.Names) || len(got.Layers) != len(s.model.net.Names) {
		t.Errorf("the page shows %d layers %v, the network has %v", len(got.Layers), got.ExpectedLayers, s.model.net.Names)
	}
	for _, l := range got.Layers {
		if !l.Rendered || l.Width == 0 {
			t.Errorf("layer %s did not render", l.Name)
		}
	}
	for _, view := range []string{"input", "bars", "input-grad", "grad-norms"} {
		if !got.Views[view] {
			t.Errorf("view #%s did not render", view)
		}
	}
	// Hovering over the first layer shows a template: W1's column or filter.
	if !got.Hover.Shown || !strings.Contains(got.Hover.Text, "W1") {
		t.Errorf("hover over unit 3 of %s: shown %v, %q", got.ExpectedLayers[0], got.Hover.Shown, got.Hover.Text)
	}
	// The stroke went through the pad's pointer handlers and the MNIST preparation.
	if got.Drawn.InkPixels < 1000 || got.Drawn.InputSum < 10 || got.Drawn.Target != got.Drawn.Class {
		t.Errorf("drawn: %d inked pixels, input sum %v, target %d for class %d", got.Drawn.InkPixels, got.Drawn.InputSum, got.Drawn.Target, got.Drawn.Class)
	}
	// The test image's answer is the network's own.
	want := s.model.predict(imageOf(test, 0))
	if got.Test.Label != test.Label(0) || got.Test.Class != want.Class {
		t.Errorf("test image 0: label %d class %d on the page, want label %d class %d", got.Test.Label, got.Test.Class, test.Label(0), want.Class)
	}
	if len(got.Numerical) != numericalPixels {
		t.Errorf("%d numerical gradients shown, want %d", len(got.Numerical), numericalPixels)
	}
	if book {
		if got.Drawn.Class != 7 {
			t.Errorf("the drawn 7 reads as %d", got.Drawn.Class)
		}
		if got.Test.Class != 7 {
			t.Errorf("test image 0 reads as %d, want 7", got.Test.Class)
		}
	}
}
