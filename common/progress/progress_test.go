// Tests of the progress line on a fake clock: how often it prints, what it
// says, and that the quiet path does not allocate.

package progress

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when told to.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newFake() *fakeClock { return &fakeClock{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)} }

func TestPlainLines(t *testing.T) {
	// 600 iterations of 100 ms each: one minute, a line every 5 s.
	clock := newFake()
	var out bytes.Buffer
	b := New(&out, "train", 600, WithClock(clock.now), WithInterval(5*time.Second))
	for i := 1; i <= 600; i++ {
		clock.advance(100 * time.Millisecond)
		b.Update(i, 2.5/float64(i))
	}
	b.Done()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	// At 5 s, 10 s, ..., 60 s, and the final line.
	if len(lines) != 12+1 {
		t.Fatalf("got %d lines, want 13:\n%s", len(lines), out.String())
	}
	if strings.Contains(out.String(), "\r") {
		t.Error("plain output holds a carriage return")
	}
	// At 5 s, 50 of 600 are done at 10 it/s; 550 remain: 55 s.
	if want := "train 50/600 (8.3%) 10.0 it/s ETA 00:55 loss 0.0500"; lines[0] != want {
		t.Errorf("first line\n %q, want\n %q", lines[0], want)
	}
	if want := "train 600/600 (100.0%) 10.0 it/s total 01:00 loss 0.0042"; lines[12] != want {
		t.Errorf("final line\n %q, want\n %q", lines[12], want)
	}
	b.Done()
	b.Update(601, 1)
	if n := strings.Count(out.String(), "\n"); n != 13 {
		t.Errorf("calls after Done printed: %d lines", n)
	}
}

func TestTerminalRedraw(t *testing.T) {
	clock := newFake()
	var out bytes.Buffer
	b := New(&out, "epoch", 100, WithClock(clock.now), WithTerminal(true))
	// 100 iterations of 30 ms: 3 s, redrawn at most every 100 ms.
	for i := 1; i <= 100; i++ {
		clock.advance(30 * time.Millisecond)
		b.Update(i, 0.5)
		if i == 50 {
			b.Note("test acc 0.9712")
		}
	}
	b.Note("")
	b.Done()
	s := out.String()
	draws := strings.Count(s, "\r")
	// 3 s at one redraw per 4 iterations (120 ms) is 25, plus the final line.
	if draws < 20 || draws > 31 {
		t.Errorf("%d redraws in 3 s, want at most one per 100 ms (about 25)", draws)
	}
	if strings.Count(s, "\n") != 1 || !strings.HasSuffix(s, "\n") {
		t.Errorf("terminal output should end with its only newline")
	}
	// The final line is shorter than the ones with the note, so spaces must
	// blank out what is left of them.
	last := s[strings.LastIndex(s, "\r")+1:]
	if !strings.HasPrefix(last, "epoch 100/100 (100.0%) 33.3 it/s total 00:03 loss 0.5000   ") {
		t.Errorf("final redraw %q", last)
	}
	if !strings.Contains(s, "test acc 0.9712") {
		t.Errorf("the note never showed")
	}
}

func TestFormats(t *testing.T) {
	clock := newFake()
	var out bytes.Buffer
	// Unknown total, slow iterations, no loss, hours.
	b := New(&out, "grad", 0, WithClock(clock.now), WithInterval(time.Second))
	clock.advance(17 * time.Second)
	b.Step(1)
	clock.advance(2 * time.Hour)
	b.Done()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if want := "grad 1 it 17.0 s/it elapsed 00:17"; lines[0] != want {
		t.Errorf("line %q, want %q", lines[0], want)
	}
	if want := "grad 1 it 7217 s/it total 2:00:17"; lines[1] != want {
		t.Errorf("line %q, want %q", lines[1], want)
	}

	// Nothing done yet: no rate, no ETA.
	out.Reset()
	b = New(&out, "x", 10, WithClock(clock.now))
	clock.advance(6 * time.Second)
	b.Update(0, math.NaN())
	if want := "x 0/10 (0.0%) - it/s ETA --:-- loss NaN\n"; out.String() != want {
		t.Errorf("line %q, want %q", out.String(), want)
	}
}

func TestUpdateDoesNotAllocate(t *testing.T) {
	clock := newFake()
	b := New(&bytes.Buffer{}, "train", 1000, WithClock(clock.now))
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		i++
		b.Update(i, 0.25)
	})
	if allocs != 0 {
		t.Errorf("Update allocates %v times per call when it prints nothing", allocs)
	}
}

func TestNotATerminal(t *testing.T) {
	if IsTerminal(&bytes.Buffer{}) {
		t.Error("a bytes.Buffer is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("a regular file is not a terminal")
	}
}

// Progress for a loop of 10,000 iterations, written to standard error:
// redrawn in place on a terminal, a line every 5 s in a log.
func ExampleNew() {
	const iters = 10000
	p := New(os.Stderr, "train", iters)
	for i := 1; i <= iters; i++ {
		loss := 1 / float64(i) // one training step
		p.Update(i, loss)
	}
	p.Done() // train 10000/10000 (100.0%) ... it/s total 00:00 loss 0.0001
}

// BenchmarkUpdate measures the cost Update adds to every iteration of a loop
// when it prints nothing: one reading of the real clock.
func BenchmarkUpdate(b *testing.B) {
	p := New(&bytes.Buffer{}, "train", 1<<30, WithInterval(time.Hour))
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		p.Update(i, 0.25)
	}
}

// Println on a terminal blanks the progress line, writes the line, and
// redraws the progress line after it; on a plain writer it only writes.
func TestPrintln(t *testing.T) {
	clock := newFake()
	var screen bytes.Buffer
	b := New(&screen, "train", 10, WithClock(clock.now), WithTerminal(true))
	clock.advance(time.Second)
	b.Update(5, 0.5)
	drawn := screen.Len()
	b.Println(&screen, "epoch 1: test acc 0.9000")
	got := screen.String()[drawn:]
	wantPrefix := "\r" + strings.Repeat(" ", len("train 5/10 (50.0%) 5.00 it/s ETA 00:01 loss 0.5000")) + "\repoch 1: test acc 0.9000\n\rtrain 5/10"
	if !strings.HasPrefix(got, wantPrefix) {
		t.Errorf("terminal Println wrote\n %q, want it to start with\n %q", got, wantPrefix)
	}

	var plain, log bytes.Buffer
	p := New(&plain, "train", 10, WithClock(clock.now))
	p.Update(5, 0.5)
	p.Println(&log, "epoch 1")
	if log.String() != "epoch 1\n" || plain.Len() != 0 {
		t.Errorf("plain Println wrote %q to its output and %q to the progress writer", log.String(), plain.String())
	}
}
