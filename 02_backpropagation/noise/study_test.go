// Tests of the noise study (study.go, report.go, charts.go, weights.go): a tiny sweep on a slice of MNIST
// writes a table of the right shape and charts that parse, the digit
// templates are the product of the weight matrices, and saved weights load
// back.

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/npy"
)

// tinyNoiseConfig is the study shrunk to run in a fraction of a second.
func tinyNoiseConfig() noiseConfig {
	c := defaultNoiseConfig()
	c.hidden = []int{20}
	c.iters, c.evalEvery, c.evalTrain = 30, 10, 300
	return c
}

// outDir returns a checked output folder at dir, closed when the test ends.
func outDir(t *testing.T, dir string) *cli.Dir {
	t.Helper()
	out, err := cli.OutputDir("-out", dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.Close(nil) })
	return out
}

// TestNoiseSweepFiles runs the -sweep 5 report on 1000 training images and
// checks what it writes: noise.csv with a header of test levels 0..5 and a
// row for each training level 0 and 5, noise.svg with a line per training
// level, and each network's pictures in noise00 and noise05.
func TestNoiseSweepFiles(t *testing.T) {
	train, test := mnistHead(t, 1000, 500)
	dir := t.TempDir()
	var stdout bytes.Buffer
	if err := runNoiseSweep(context.Background(), tinyNoiseConfig(), 5, outDir(t, dir), true, "", train, test, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}

	f, err := os.Open(filepath.Join(dir, "noise.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("noise.csv: %v", err)
	}
	if want := []string{`train_noise\test_noise`, "0", "1", "2", "3", "4", "5"}; !slices.Equal(rows[0], want) {
		t.Errorf("noise.csv header = %q, want %q", rows[0], want)
	}
	if len(rows) != 3 || rows[1][0] != "0" || rows[2][0] != "5" {
		t.Fatalf("noise.csv has rows %q, want a header and rows for training noise 0 and 5", rows)
	}
	for _, row := range rows[1:] {
		for _, cell := range row[1:] {
			if acc, err := strconv.ParseFloat(cell, 64); err != nil || acc < 0 || acc > 1 {
				t.Errorf("noise.csv row %s: %q is not an accuracy", row[0], cell)
			}
		}
	}
	// 30 iterations on clean images lift the accuracy well above chance (0.1).
	if acc, _ := strconv.ParseFloat(rows[1][1], 64); acc < 0.25 {
		t.Errorf("trained and tested without noise: accuracy %v, want well above chance (0.1)", acc)
	}

	svg := readXML(t, filepath.Join(dir, "noise.svg"))
	if n := strings.Count(svg, `class="series"`); n != 2 {
		t.Errorf("noise.svg has %d series, want 2 (training noise 0%% and 5%%)", n)
	}
	for _, sub := range []string{"noise00", "noise05"} {
		for _, name := range strings.Fields(noiseRunFiles) {
			path := filepath.Join(dir, sub, name)
			switch filepath.Ext(name) {
			case ".svg":
				readXML(t, path)
			case ".png":
				decodePNG(t, path)
			default:
				if _, err := os.Stat(path); err != nil {
					t.Error(err)
				}
			}
		}
	}
	if !strings.Contains(stdout.String(), "train ") || !strings.Contains(stdout.String(), "5%") {
		t.Errorf("the sweep printed no table:\n%s", stdout.String())
	}
}

// TestNoiseRunPictures trains one tiny network at 10% noise with -out and
// -save, and checks the pictures against the network: w1.png is one 28x28
// tile per hidden unit in rows of 10, digits.png has ten tiles in rows of
// five, and confusion.csv counts every test image once.
func TestNoiseRunPictures(t *testing.T) {
	train, test := mnistHead(t, 1000, 500)
	dir := t.TempDir()
	save := filepath.Join(dir, "w.npz")
	var stdout bytes.Buffer
	if err := runNoise(context.Background(), tinyNoiseConfig(), 10, save, "", outDir(t, dir), train, test, &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"accuracy.svg", "loss.svg", "confusion.svg"} {
		readXML(t, filepath.Join(dir, name))
	}

	// 20 hidden units: 2 rows of 10 captioned tiles (weightImages), each
	// tile 28*s pixels for a whole scale s, with 2-pixel gaps.
	w1 := decodePNG(t, filepath.Join(dir, "w1.png")).Bounds()
	if tile := (w1.Dx() - 11*2) / 10; (w1.Dx()-11*2)%10 != 0 || tile%28 != 0 || w1.Dy() < 2*tile+3*2 || w1.Dy() >= 3*tile {
		t.Errorf("w1.png is %dx%d, want 2 rows of 10 tiles of 28*s pixels with 2-pixel gaps", w1.Dx(), w1.Dy())
	}
	digits := decodePNG(t, filepath.Join(dir, "digits.png")).Bounds()
	if (digits.Dx()-6*2)%(5*28) != 0 || digits.Dy() <= 2*(digits.Dx()-12)/5 {
		t.Errorf("digits.png is %dx%d, want 5 tiles of 28*s pixels across and 2 rows of tiles with captions", digits.Dx(), digits.Dy())
	}

	data, err := os.ReadFile(filepath.Join(dir, "confusion.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) != 11 {
		t.Fatalf("confusion.csv: %d rows, error %v; want a header and 10 rows", len(rows), err)
	}
	total := 0
	for _, row := range rows[1:] {
		for _, cell := range row[1:] {
			n, _ := strconv.Atoi(cell)
			total += n
		}
	}
	if total != test.Len() {
		t.Errorf("confusion.csv counts %d images, want the %d test images", total, test.Len())
	}

	// The saved network evaluates to the accuracy the run printed.
	var eval bytes.Buffer
	if err := evaluateNoise(save, 10, tinyNoiseConfig().seed, nil, test, &eval); err != nil {
		t.Fatal(err)
	}
	trained := lastField(stdout.String())
	if got := lastField(eval.String()); got != trained {
		t.Errorf("-weights evaluation gives %s, the training run printed %s", got, trained)
	}
}

// TestNoiseDigitTemplates checks each digit's tile against the slow
// product: the sum over every path through the hidden units of the
// weights along it, for a network with two hidden layers.
func TestNoiseDigitTemplates(t *testing.T) {
	c := defaultNoiseConfig()
	c.hidden = []int{3, 4}
	net, err := newNoiseNet(c)
	if err != nil {
		t.Fatal(err)
	}
	w1, w2, w3 := net.Param("W1"), net.Param("W2"), net.Param("W3")
	g := digitTemplates(net)
	if len(g.Tiles) != 10 {
		t.Fatalf("%d tiles, want 10", len(g.Tiles))
	}
	for d, tile := range g.Tiles {
		if tile.Caption != strconv.Itoa(d) || tile.W != 28 || tile.H != 28 {
			t.Errorf("tile %d is %dx%d captioned %q, want 28x28 captioned %q", d, tile.W, tile.H, tile.Caption, strconv.Itoa(d))
		}
		for pix := range 784 {
			want := 0.0
			for a := range 3 {
				for b := range 4 {
					want += w1.At(pix, a) * w2.At(a, b) * w3.At(b, d)
				}
			}
			if diff := tile.Pix[pix] - want; diff > 1e-12 || diff < -1e-12 {
				t.Fatalf("digit %d pixel %d = %v, want %v", d, pix, tile.Pix[pix], want)
			}
		}
	}
}

// TestNoiseWeightsFile saves a network with two hidden layers, loads it
// back, and checks that damaged files are refused with errors naming the
// file and the array.
func TestNoiseWeightsFile(t *testing.T) {
	c := defaultNoiseConfig()
	c.hidden = []int{7, 5}
	net, err := newNoiseNet(c)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "net.npz")
	if err := net.SaveParams(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := loadNoiseNet(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range net.Params() {
		got := loaded.Param(want.Name)
		if got == nil || got.Rows != want.Value.Rows || !slices.Equal(got.Data, want.Value.Data) {
			t.Errorf("%s did not load back", want.Name)
		}
	}
	if len(loaded.Params()) != len(net.Params()) {
		t.Errorf("loaded %d parameters, saved %d", len(loaded.Params()), len(net.Params()))
	}

	arrays, err := npy.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		change func(map[string]*npy.Array)
		want   string
	}{
		{"no W1", func(a map[string]*npy.Array) { delete(a, "W1") }, `no array "W1"`},
		{"no b2", func(a map[string]*npy.Array) { delete(a, "b2") }, `no array "b2"`},
		{"W2 does not chain", func(a map[string]*npy.Array) { a["W2"] = &npy.Array{Shape: []int{6, 5}, Data: make([]float64, 30)} }, "W2 has shape [6 5], want (7, units)"},
		{"9 outputs", func(a map[string]*npy.Array) { a["W3"] = &npy.Array{Shape: []int{5, 9}, Data: make([]float64, 45)} }, "9 outputs, want 10"},
		{"b1 a matrix", func(a map[string]*npy.Array) { a["b1"] = &npy.Array{Shape: []int{1, 7}, Data: make([]float64, 7)} }, `"b1": shape (7,) expected`},
	} {
		damaged := map[string]*npy.Array{}
		for k, v := range arrays {
			damaged[k] = v
		}
		tc.change(damaged)
		bad := filepath.Join(dir, "bad.npz")
		if err := npy.WriteNPZ(bad, damaged); err != nil {
			t.Fatal(err)
		}
		_, err := loadNoiseNet(bad)
		if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %s and saying %q", tc.name, err, bad, tc.want)
		}
	}
}

// TestNoiseWeightsForged checks that headers claiming more than the study
// builds are refused before anything is allocated for them, and that a file
// whose arrays hold less data than their headers claim is refused by
// LoadParams, each with an error naming the file.
func TestNoiseWeightsForged(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name   string
		shapes [][2]string // member name and the shape its header claims, with no data
		want   string
	}{
		{"a billion units", [][2]string{{"W1", "(784, 1000000000)"}, {"b1", "(1000000000,)"}, {"W2", "(1000000000, 10)"}, {"b2", "(10,)"}}, "W1 has 1000000000 units, want 1 to 10000"},
		{"no units", [][2]string{{"W1", "(784, 0)"}, {"b1", "(0,)"}, {"W2", "(0, 10)"}, {"b2", "(10,)"}}, "W1 has 0 units"},
		{"headers alone", [][2]string{{"W1", "(784, 20)"}, {"b1", "(20,)"}, {"W2", "(20, 10)"}, {"b2", "(10,)"}}, "W1"},
		{"an array too many", [][2]string{{"W1", "(784, 10)"}, {"b1", "(10,)"}, {"W9", "(5, 5)"}}, "W9"},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".npz")
		writeForgedNPZ(t, path, tc.shapes)
		_, err := loadNoiseNet(path)
		t.Logf("%s: %v", tc.name, err)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming %s and saying %q", tc.name, err, path, tc.want)
		}
	}
}

// writeForgedNPZ writes a .npz file at path whose members are .npy headers
// of float64 arrays with the given shapes, and no data.
func writeForgedNPZ(t *testing.T, path string, members [][2]string) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, m := range members {
		dict := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': %s, }", m[1])
		dict += strings.Repeat(" ", 63-(10+len(dict))%64) + "\n" // the whole header a multiple of 64 bytes
		w, err := zw.Create(m[0] + ".npy")
		if err != nil {
			t.Fatal(err)
		}
		w.Write(append([]byte{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, byte(len(dict)), byte(len(dict) >> 8)}, dict...))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readXML checks that the file at path is well-formed XML and returns it.
func readXML(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", path, err)
		}
	}
	return string(data)
}

// decodePNG decodes the PNG file at path.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}
