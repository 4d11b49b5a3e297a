// The SVG writer every figure shares: a buffer with helpers for elements,
// numbers and escaped text, a text-width estimate for layout, and the atomic
// file write.

package plot

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"

	"dlfs/common/atomicfile"
)

// Font sizes in pixels, chosen to stay readable when an SVG is opened at its
// natural size.
const (
	titleSize = 15
	labelSize = 13
	tickSize  = 11.5
	fontStack = "DejaVu Sans, Helvetica, Arial, sans-serif"
)

// svgWriter accumulates one SVG document.
type svgWriter struct {
	b bytes.Buffer
}

// newSVG starts a document of the given size with a white background.
func newSVG(width, height float64) *svgWriter {
	s := &svgWriter{}
	s.printf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s">`+"\n",
		num(width), num(height), num(width), num(height), fontStack)
	s.printf(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	return s
}

// finish closes the document and writes it to w.
func (s *svgWriter) finish(w io.Writer) (int64, error) {
	s.printf("</svg>\n")
	n, err := w.Write(s.b.Bytes())
	return int64(n), err
}

func (s *svgWriter) printf(format string, args ...any) { fmt.Fprintf(&s.b, format, args...) }

// text writes a <text> element with escaped content. anchor is "start",
// "middle" or "end"; extra holds further attributes, already formatted.
func (s *svgWriter) text(x, y, size float64, anchor, class, extra, content string) {
	s.printf(`<text class="%s" x="%s" y="%s" font-size="%s" text-anchor="%s"%s>`, class, num(x), num(y), num(size), anchor, extra)
	s.escape(content)
	s.printf("</text>\n")
}

// escape writes content with XML's special characters escaped; characters
// XML cannot hold become U+FFFD.
func (s *svgWriter) escape(content string) {
	xml.EscapeText(&s.b, []byte(content)) // writes to a bytes.Buffer cannot fail
}

// attr returns content escaped for use inside a double-quoted attribute.
func attr(content string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(content))
	return b.String()
}

// num formats a coordinate with at most two decimals and no trailing zeros.
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// textWidth estimates the rendered width of s at the given font size, using
// per-character advances of DejaVu Sans (the widest of the fonts in
// fontStack), so layouts leave enough room for any of them.
func textWidth(s string, size float64) float64 {
	em := 0.0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			em += 0.64
		case r == '.' || r == ',' || r == ':' || r == ' ' || r == '\'' || r == 'i' || r == 'l' || r == 'j' || r == '|':
			em += 0.32
		case r == '-' || r == '(' || r == ')' || r == 'f' || r == 't' || r == 'r' || r == 'I':
			em += 0.4
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			em += 0.95
		case r >= 'A' && r <= 'Z':
			em += 0.72
		case r >= 'a' && r <= 'z':
			em += 0.61
		default:
			em += 0.75
		}
	}
	return em * size
}

// writeFileAtomic writes what write produces to path through
// atomicfile.Write, so path holds either the old contents or the complete
// new ones.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if err := atomicfile.Write(path, write); err != nil {
		return fmt.Errorf("plot: %w", err)
	}
	return nil
}

// writeToFile writes the SVG document f writes to path, atomically.
func writeToFile(path string, f io.WriterTo) error {
	return writeFileAtomic(path, func(w io.Writer) error { _, err := f.WriteTo(w); return err })
}

// sizeOr returns the size w x h of a figure, with defW for a width and
// defH for a height not set (not above 0).
func sizeOr(w, h, defW, defH float64) (float64, float64) {
	if w <= 0 {
		w = defW
	}
	if h <= 0 {
		h = defH
	}
	return w, h
}

// A Panel is a figure that can also be one cell of a Grid: *Chart and
// *Heatmap. Its methods are unexported, so only this package's figures are
// panels.
type Panel interface {
	// size is the figure's own size when written alone.
	size() (w, h float64)
	// render draws the figure into box b of s; id is unique in the document
	// and prefixes the figure's element ids.
	render(s *svgWriter, b box, id string) error
}

// writeSVG renders f alone as a complete document.
func writeSVG(w io.Writer, f Panel) (int64, error) {
	width, height := f.size()
	s := newSVG(width, height)
	if err := f.render(s, box{0, 0, width, height}, "p0"); err != nil {
		return 0, err
	}
	return s.finish(w)
}

// box is a rectangle in SVG pixels, y growing downwards.
type box struct{ x, y, w, h float64 }
