// Test helpers: parse an SVG document with encoding/xml into a small tree,
// so tests can count elements by class and read their attributes and text.

package plot

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// node is one element of a parsed document.
type node struct {
	name     string
	attr     map[string]string
	text     string
	children []*node
}

// parseSVG parses data as XML, failing the test if it is not well formed or
// its root is not an <svg> element.
func parseSVG(t *testing.T, data []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root := &node{name: "#document"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, data)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text += string(tok)
		}
	}
	if len(root.children) != 1 || root.children[0].name != "svg" {
		t.Fatalf("document root is not a single <svg> element")
	}
	return root.children[0]
}

// all returns the elements under n (n included) for which keep is true, in
// document order.
func (n *node) all(keep func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		if keep(m) {
			out = append(out, m)
		}
		for _, c := range m.children {
			walk(c)
		}
	}
	walk(n)
	return out
}

// class returns the elements whose class attribute is c.
func (n *node) class(c string) []*node {
	return n.all(func(m *node) bool { return m.attr["class"] == c })
}

// texts returns the text of the elements of class c.
func (n *node) texts(c string) []string {
	var out []string
	for _, m := range n.class(c) {
		out = append(out, m.text)
	}
	return out
}

// render writes a figure to a buffer, failing the test on error.
func render(t *testing.T, f io.WriterTo) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	return buf.Bytes()
}

// subpaths counts the "M" commands of an SVG path: its separate pieces.
func subpaths(d string) int { return strings.Count(d, "M") }

func TestIDsAreUnique(t *testing.T) {
	c := &Chart{}
	c.Line("a", nil, []float64{1, 2, 3}).Marker = Circle
	c.AddContour(func(x, y float64) float64 { return x + y }, 1)
	g := NewGrid(1, 2, c, c)
	doc := parseSVG(t, render(t, g))
	seen := map[string]bool{}
	for _, n := range doc.all(func(m *node) bool { return m.attr["id"] != "" }) {
		if seen[n.attr["id"]] {
			t.Errorf("id %q appears twice", n.attr["id"])
		}
		seen[n.attr["id"]] = true
	}
	if len(seen) < 6 {
		t.Errorf("found %d ids, want at least 6 (two charts with a clip path, series, markers, contour)", len(seen))
	}
}
