// Tests of -out: every file is written, and the SVGs are well-formed with the
// expected series.

package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A short run with -out writes both charts into the folder it creates, and
// nothing else (the lock file is gone).
func TestOutFiles(t *testing.T) {
	dir := mnistDir(t)
	out := filepath.Join(t.TempDir(), "charts") // created by the program
	stdout, _, err := runProgram(t, "-data", dir, "-train-size", "1000", "-iters", "60", "-hidden", "20", "-out", out)
	if err != nil {
		t.Fatal(err)
	}
	acc := testAccuracy(t, stdout)

	for name, want := range map[string][]string{
		"loss.svg":     {"training loss", "iterations", "each mini-batch", "smoothed"},
		"accuracy.svg": {"train acc", "test acc", "epochs"},
	} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(data); err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
		}
		for _, s := range want {
			if !strings.Contains(string(data), s) {
				t.Errorf("%s does not contain %q", name, s)
			}
		}
	}
	if n := strings.Count(mustRead(t, filepath.Join(out, "loss.svg")), `class="series"`); n != 2 {
		t.Errorf("loss.svg has %d series, want raw and smoothed", n)
	}

	if entries, err := os.ReadDir(out); err != nil || len(entries) != 2 {
		t.Errorf("-out %s holds %v (%v), want loss.svg and accuracy.svg alone", out, entries, err)
	}
	if acc < 0.2 {
		t.Errorf("test accuracy %.4f after 60 iterations, want it well above chance (0.1)", acc)
	}
}

// wellFormed reports whether data parses as XML from start to end.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(strings.NewReader(string(data)))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
