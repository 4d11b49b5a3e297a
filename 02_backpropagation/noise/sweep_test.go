// Tests of the sweeps: a tiny learning-rate and hidden-size sweep on a slice
// of MNIST writes a CSV with a row per network, a chart with both curves,
// and a loss log with a row per iteration of each network.

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// readCSV reads a whole CSV file.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

func TestSweepLearningRate(t *testing.T) {
	train, test := mnistHead(t, 1000, 500)
	dir := t.TempDir()
	c := tinyNoiseConfig()
	var stdout bytes.Buffer
	s, err := sweepLearningRate(context.Background(), c, 0, []float64{0.001, 0.5}, train, test, &stdout, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	names, err := writeSweep(outDir(t, dir), s)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, []string{"sweep_lr.svg", "sweep_lr.csv"}) {
		t.Errorf("wrote %v", names)
	}
	rows := readCSV(t, filepath.Join(dir, "sweep_lr.csv"))
	if len(rows) != 3 || !slices.Equal(rows[0], []string{"lr", "train_acc", "test_acc"}) || rows[1][0] != "0.001" || rows[2][0] != "0.5" {
		t.Fatalf("sweep_lr.csv is %q, want a header and rows for lr 0.001 and 0.5", rows)
	}
	acc := func(row []string) float64 {
		v, err := strconv.ParseFloat(row[2], 64)
		if err != nil || v < 0 || v > 1 {
			t.Fatalf("row %q: test accuracy %q", row, row[2])
		}
		return v
	}
	// 30 steps of lr 0.001 hardly move the weights; 30 of 0.5 learn.
	if slow, fast := acc(rows[1]), acc(rows[2]); !(fast > slow+0.2) {
		t.Errorf("test accuracy %.4f at lr 0.001 and %.4f at lr 0.5, want the larger rate far ahead after 30 steps", slow, fast)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "sweep_lr.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"train acc", "test acc", "learning rate", "accuracy against learning rate"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("sweep_lr.svg lacks %q", want)
		}
	}
	if n := strings.Count(stdout.String(), "\n"); n != 2 {
		t.Errorf("printed %d lines, want one per network:\n%s", n, stdout.String())
	}

	log := filepath.Join(dir, "loss.csv")
	if err := writeSweepLog(log, s); err != nil {
		t.Fatal(err)
	}
	rows = readCSV(t, log)
	if len(rows) != 1+2*c.iters || !slices.Equal(rows[0], []string{"lr", "iter", "loss"}) {
		t.Fatalf("loss log has %d rows starting %q, want a header and %d", len(rows), rows[0], 2*c.iters)
	}
	if !slices.Equal(rows[1][:2], []string{"0.001", "1"}) || !slices.Equal(rows[len(rows)-1][:2], []string{"0.5", strconv.Itoa(c.iters)}) {
		t.Errorf("loss log runs from %q to %q", rows[1], rows[len(rows)-1])
	}
	if l, err := strconv.ParseFloat(rows[1][2], 64); err != nil || l != s.losses[0][0] {
		t.Errorf("first loss %q, want %v", rows[1][2], s.losses[0][0])
	}
}

func TestSweepHiddenSize(t *testing.T) {
	train, test := mnistHead(t, 1000, 500)
	dir := t.TempDir()
	s, err := sweepHiddenSize(context.Background(), tinyNoiseConfig(), 10, []float64{5, 50}, train, test, io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := writeSweep(outDir(t, dir), s); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, filepath.Join(dir, "sweep_hidden.csv"))
	if len(rows) != 3 || rows[0][0] != "hidden" || rows[1][0] != "5" || rows[2][0] != "50" {
		t.Fatalf("sweep_hidden.csv is %q", rows)
	}
	if !s.chart().X.Log {
		t.Errorf("hidden sizes not on a log axis")
	}
	if _, err := sweepHiddenSize(context.Background(), tinyNoiseConfig(), 0, []float64{2.5}, train, test, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "2.5") {
		t.Errorf("hidden size 2.5: error %v, want one naming it", err)
	}
}

// A single run's log: "iter,loss" and a row per iteration.
func TestWriteLossLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.csv")
	if err := writeLossLog(path, "", nil, [][]float64{{2.3, 1.5, 0.25}}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "iter,loss\n1,2.3\n2,1.5\n3,0.25\n"; string(data) != want {
		t.Errorf("log is %q, want %q", data, want)
	}
	if err := writeLossLog(path, "lr", []float64{0.1}, [][]float64{{1}, {2}}); err == nil {
		t.Errorf("one value for two runs gave no error")
	}
}
