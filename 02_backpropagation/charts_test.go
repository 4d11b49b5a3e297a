// Tests of -out: every file is written, the SVGs are well-formed with the
// expected series, the PNG has one tile per hidden unit, and the confusion
// matrix adds up.

package main

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestConfusionMatrix(t *testing.T) {
	labels := []int{0, 0, 1, 1, 2, 2, 2}
	predicted := []int{0, 1, 1, 1, 2, 0, 2}
	got := confusionMatrix(labels, predicted, 3)
	want := [][]int{{1, 1, 0}, {0, 2, 0}, {1, 0, 2}}
	for r := range want {
		for c := range want[r] {
			if got[r][c] != want[r][c] {
				t.Fatalf("confusionMatrix = %v, want %v (rows true, columns predicted)", got, want)
			}
		}
	}

	path := filepath.Join(t.TempDir(), "confusion.csv")
	if err := writeConfusionCSV(path, got); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wantCSV := "true\\predicted,0,1,2\n0,1,1,0\n1,0,2,0\n2,1,0,2\n"
	if string(data) != wantCSV {
		t.Errorf("confusion.csv =\n%s\nwant\n%s", data, wantCSV)
	}
}

// A short run with -out writes every chart; the confusion matrix covers the
// whole test set and its diagonal is the printed accuracy.
func TestOutFiles(t *testing.T) {
	dir := mnistDir(t)
	out := filepath.Join(t.TempDir(), "charts") // created by the program
	stdout, _, err := runProgram(t, "-data", dir, "-train-size", "1000", "-iters", "60", "-hidden", "20", "-out", out)
	if err != nil {
		t.Fatal(err)
	}
	acc := testAccuracy(t, stdout)

	for name, want := range map[string][]string{
		"loss.svg":      {"training loss", "iterations", "each mini-batch", "smoothed"},
		"accuracy.svg":  {"train acc", "test acc", "epochs"},
		"confusion.svg": {"confusion matrix", "predicted", "true"},
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

	f, err := os.Open(filepath.Join(out, "w1.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("w1.png: %v", err)
	}
	// 20 hidden units in rows of 10: 2 rows of 28x28 tiles drawn 3x.
	if b := img.Bounds(); b.Dx() < 10*84 || b.Dy() < 2*84 || b.Dy() > 4*84 {
		t.Errorf("w1.png is %dx%d, want 10 tiles of 84 pixels across and 2 rows", b.Dx(), b.Dy())
	}

	rows, err := csv.NewReader(strings.NewReader(mustRead(t, filepath.Join(out, "confusion.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 11 {
		t.Fatalf("confusion.csv has %d rows, want a header and 10", len(rows))
	}
	total, diagonal := 0, 0
	for r, row := range rows[1:] {
		for c, cell := range row[1:] {
			n, err := strconv.Atoi(cell)
			if err != nil {
				t.Fatal(err)
			}
			total += n
			if r == c {
				diagonal += n
			}
		}
	}
	if total != 10000 {
		t.Errorf("confusion matrix counts %d images, want the 10000 of the test set", total)
	}
	if got := float64(diagonal) / float64(total); strconv.FormatFloat(got, 'f', 4, 64) != strconv.FormatFloat(acc, 'f', 4, 64) {
		t.Errorf("confusion matrix diagonal gives accuracy %.4f, the run printed %.4f", got, acc)
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
