// Helpers shared by this package's tests: MNIST loaded once, and an SVG
// checker that parses a chart as XML and counts its parts.

package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"sync"
	"testing"

	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

var mnistOnce struct {
	sync.Once
	train, test *dataset.Set
	err         error
}

// mnist returns the MNIST training and test sets, loaded once for all
// tests; it skips the test (or fails it when MNIST_REQUIRED=1) if they are
// not there.
func mnist(t testing.TB) (train, test *dataset.Set) {
	t.Helper()
	dir := datasettest.MNISTDir(t)
	mnistOnce.Do(func() {
		mnistOnce.train, mnistOnce.test, mnistOnce.err = dataset.Load(dataset.Options{Dir: dir, Normalize: true, Flatten: true, Progress: io.Discard, Context: context.Background()})
	})
	if mnistOnce.err != nil {
		t.Fatal(mnistOnce.err)
	}
	return mnistOnce.train, mnistOnce.test
}

// svgParts parses an SVG document as XML and returns how many elements
// carry each class attribute ("chart", "series", "bars", ...). It fails the
// test if the document is not well-formed XML or its root is not <svg>.
func svgParts(t *testing.T, doc []byte) map[string]int {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	parts := map[string]int{}
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok {
			if root == "" {
				root = el.Name.Local
			}
			for _, a := range el.Attr {
				if a.Name.Local == "class" {
					parts[a.Value]++
				}
			}
		}
	}
	if root != "svg" {
		t.Fatalf("root element is <%s>, want <svg>", root)
	}
	return parts
}

// render writes a chart to memory and returns its parts (see svgParts).
func render(t *testing.T, chart io.WriterTo) map[string]int {
	t.Helper()
	var buf bytes.Buffer
	if _, err := chart.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return svgParts(t, buf.Bytes())
}

// svgFile returns the parts of an SVG file (see svgParts).
func svgFile(t *testing.T, path string) map[string]int {
	t.Helper()
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return svgParts(t, doc)
}
