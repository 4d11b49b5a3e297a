// Package progress is machinery, safe to skip: it is not part of the book.
// It prints one line of progress for a long training loop:
//
//	train 1200/10000 (12.0%) 85.3 it/s ETA 01:43 loss 0.1234
//
// The book's loops print a line per epoch with print(); a Go loop of 10,000
// iterations deserves to say how far it is and how long it will take. On a
// terminal the line is redrawn in place (with '\r') at most ten times a
// second; in a log file or a CI run it is printed as a plain line every few
// seconds, so the log stays readable. Done prints a final line with the
// total time.
//
// A Bar is not safe for concurrent use: call it from the loop's goroutine.
package progress

import (
	"io"
	"math"
	"os"
	"strconv"
	"time"
)

// Bar reports the progress of one loop. Create it with New.
type Bar struct {
	w        io.Writer
	label    string
	total    int
	now      func() time.Time
	interval time.Duration // least time between two printed lines
	terminal bool          // redraw in place rather than print new lines

	start, last time.Time // when the loop started, when a line was last printed
	i           int       // iterations done
	loss        float64
	hasLoss     bool
	note        string
	lastLen     int // length of the last line drawn on a terminal
	done        bool
	buf         []byte // the line being built, reused so printing does not allocate
}

// An Option changes a Bar's defaults.
type Option func(*Bar)

// WithClock makes the Bar read the time from now instead of time.Now, so
// tests can run a loop on a fake clock.
func WithClock(now func() time.Time) Option { return func(b *Bar) { b.now = now } }

// WithInterval sets the least time between plain lines when the writer is
// not a terminal; the default is 5 seconds.
func WithInterval(d time.Duration) Option { return func(b *Bar) { b.interval = d } }

// WithTerminal overrides the detection of a terminal: true redraws one line
// in place, false prints plain lines.
func WithTerminal(on bool) Option { return func(b *Bar) { b.terminal = on } }

// terminalInterval is the least time between two redraws on a terminal.
const terminalInterval = 100 * time.Millisecond

// New starts reporting a loop of total iterations (0 or less if the total
// is unknown) to w, under the given label. The clock starts now. w is a
// terminal when it is an *os.File on a character device.
func New(w io.Writer, label string, total int, opts ...Option) *Bar {
	b := &Bar{w: w, label: label, total: total, now: time.Now, interval: 5 * time.Second, terminal: IsTerminal(w)}
	for _, o := range opts {
		o(b)
	}
	if b.terminal {
		b.interval = terminalInterval
	}
	b.start = b.now()
	b.last = b.start
	return b
}

// IsTerminal reports whether w is a terminal (an *os.File on a character
// device), where a line can be redrawn in place with \r.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Update records that i iterations are done (i from 1 to total) and that the
// latest loss is loss, and prints a line if enough time has passed since the
// last one. When it prints nothing it only reads the clock: it does not
// allocate.
func (b *Bar) Update(i int, loss float64) {
	b.loss, b.hasLoss = loss, true
	b.Step(i)
}

// Step is Update for loops without a loss to show.
func (b *Bar) Step(i int) {
	if b.done {
		return
	}
	b.i = i
	now := b.now()
	if now.Sub(b.last) < b.interval {
		return
	}
	b.last = now
	b.print(now, false)
}

// Note sets extra text shown at the end of the following lines, such as
// "epoch 3 test acc 0.9712". An empty note removes it.
func (b *Bar) Note(s string) { b.note = s }

// Println writes line and a newline to out, usually standard output, for a
// line such as an epoch's accuracy that should appear while the loop runs.
// On a terminal it first blanks the progress line and then redraws it below
// the new line, so the two never mix when out and the Bar's writer are the
// same screen.
func (b *Bar) Println(out io.Writer, line string) {
	if b.terminal && b.lastLen > 0 && !b.done {
		blank := append(b.buf[:0], '\r')
		for range b.lastLen {
			blank = append(blank, ' ')
		}
		blank = append(blank, '\r')
		b.buf = blank
		b.w.Write(blank)
		b.lastLen = 0
		io.WriteString(out, line+"\n")
		b.print(b.now(), false)
		return
	}
	io.WriteString(out, line+"\n")
}

// Done prints the final line, with the total time instead of the ETA, and
// ends it with a newline. Calls after the first do nothing.
func (b *Bar) Done() {
	if b.done {
		return
	}
	b.done = true
	b.print(b.now(), true)
}

// print writes one progress line: redrawn over the previous one on a
// terminal, a new line otherwise. Progress is best-effort: a failed write is
// not reported.
func (b *Bar) print(now time.Time, final bool) {
	out := b.buf[:0]
	if b.terminal {
		out = append(out, '\r')
	}
	start := len(out)
	out = b.format(out, now, final)
	if b.terminal {
		n := len(out) - start
		for k := n; k < b.lastLen; k++ {
			out = append(out, ' ') // blank out the rest of a longer previous line
		}
		b.lastLen = n
	}
	if !b.terminal || final {
		out = append(out, '\n')
	}
	b.buf = out
	b.w.Write(out)
}

// format appends the text of a progress line to dst:
// "label i/N (pct%) rate it/s ETA mm:ss loss x note".
func (b *Bar) format(dst []byte, now time.Time, final bool) []byte {
	elapsed := now.Sub(b.start).Seconds()
	dst = append(dst, b.label...)
	dst = append(dst, ' ')
	dst = strconv.AppendInt(dst, int64(b.i), 10)
	if b.total > 0 {
		dst = append(dst, '/')
		dst = strconv.AppendInt(dst, int64(b.total), 10)
		dst = append(dst, " ("...)
		dst = strconv.AppendFloat(dst, 100*float64(b.i)/float64(b.total), 'f', 1, 64)
		dst = append(dst, "%)"...)
	} else {
		dst = append(dst, " it"...)
	}
	rate := 0.0
	if elapsed > 0 {
		rate = float64(b.i) / elapsed
	}
	dst = append(dst, ' ')
	dst = appendRate(dst, rate)
	switch {
	case final:
		dst = append(dst, " total "...)
		dst = appendDuration(dst, elapsed)
	case b.total > 0 && rate > 0:
		dst = append(dst, " ETA "...)
		dst = appendDuration(dst, float64(max(b.total-b.i, 0))/rate)
	case b.total > 0:
		dst = append(dst, " ETA --:--"...)
	default:
		dst = append(dst, " elapsed "...)
		dst = appendDuration(dst, elapsed)
	}
	if b.hasLoss {
		dst = append(dst, " loss "...)
		dst = strconv.AppendFloat(dst, b.loss, 'f', 4, 64)
	}
	if b.note != "" {
		dst = append(dst, ' ')
		dst = append(dst, b.note...)
	}
	return dst
}

// appendRate writes iterations per second, or seconds per iteration when an
// iteration takes longer than a second (the numerical gradient of ch04), with
// three significant digits or so.
func appendRate(dst []byte, rate float64) []byte {
	switch {
	case rate <= 0:
		return append(dst, "- it/s"...)
	case rate < 1:
		dst = appendShort(dst, 1/rate)
		return append(dst, " s/it"...)
	}
	dst = appendShort(dst, rate)
	return append(dst, " it/s"...)
}

// appendShort writes v >= 0 with two decimals below 10, one below 100 and
// none above.
func appendShort(dst []byte, v float64) []byte {
	prec := 0
	if v < 10 {
		prec = 2
	} else if v < 100 {
		prec = 1
	}
	return strconv.AppendFloat(dst, v, 'f', prec, 64)
}

// appendDuration writes seconds as mm:ss, or h:mm:ss from an hour on.
func appendDuration(dst []byte, seconds float64) []byte {
	if math.IsInf(seconds, 0) || math.IsNaN(seconds) || seconds > 1e8 {
		return append(dst, "--:--"...)
	}
	s := int64(math.Round(seconds))
	h, m := s/3600, s/60%60
	s %= 60
	if h > 0 {
		dst = strconv.AppendInt(dst, h, 10)
		dst = append(dst, ':')
	}
	dst = append(dst, byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
	return dst
}
