// The progress line of a download, one per file: what the book's
// urlretrieve leaves out, so that a first run of a chapter does not look hung.

package dataset

import (
	"fmt"
	"io"
)

// progress counts the bytes written through it and shows them as
// "name  4.2 MB / 9.9 MB  42%". On a terminal it redraws the line in place
// (with \r) as the percentage changes; elsewhere (a log file, a pipe) it
// writes the line once, when the download ends.
type progress struct {
	w     io.Writer
	tty   bool
	name  string
	total int64
	done  int64
	shown int // the percentage last drawn, or -1
}

func (d *downloader) newProgress(name string, total int64) *progress {
	return &progress{w: d.progress, tty: d.tty, name: name, total: total, shown: -1}
}

func (p *progress) Write(b []byte) (int, error) {
	p.done += int64(len(b))
	if p.tty && p.percent() != p.shown {
		p.shown = p.percent()
		fmt.Fprintf(p.w, "\r%s", p.line())
	}
	return len(b), nil
}

// end finishes the line, whether the download succeeded or not.
func (p *progress) end() {
	if p.tty {
		fmt.Fprintf(p.w, "\r%s\n", p.line())
	} else {
		fmt.Fprintln(p.w, p.line())
	}
}

func (p *progress) percent() int {
	if p.total <= 0 {
		return 100
	}
	return int(100 * p.done / p.total)
}

func (p *progress) line() string {
	return fmt.Sprintf("  %-28s %9s / %s %3d%%", p.name, byteSize(p.done), byteSize(p.total), p.percent())
}

// byteSize formats n bytes for people: 512 B, 28.9 kB, 9.9 MB.
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000_000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
