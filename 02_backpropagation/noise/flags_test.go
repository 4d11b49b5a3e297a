// Tests of the noise study's list of hidden sizes (flags.go), with a fuzz
// test of its parser. main_test.go tests the flags through the program.

package main

import (
	"slices"
	"strings"
	"testing"
)

func TestNoiseParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int // nil: an error
	}{
		{"100", []int{100}},
		{"256,128", []int{256, 128}},
		{" 64 , 32 ,16", []int{64, 32, 16}},
		{"1", []int{1}},
		{"10000", []int{10000}},
		{"", nil}, {"0", nil}, {"-5", nil}, {"10001", nil}, {"100,", nil}, {",100", nil},
		{"1.5", nil}, {"abc", nil}, {"100;50", nil}, {strings.Repeat("1,", 16) + "1", nil},
	} {
		got, err := parseSizes(tc.in)
		if tc.want == nil {
			if err == nil {
				t.Errorf("parseSizes(%q) = %v, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// FuzzNoiseParseSizes checks that any input either fails or gives a list of
// allowed sizes that prints back to an equivalent list.
func FuzzNoiseParseSizes(f *testing.F) {
	for _, s := range []string{"100", "256,128", " 1 ,2", "", ",", "99999999999999999999", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sizes, err := parseSizes(s)
		if err != nil {
			return
		}
		if len(sizes) < 1 || len(sizes) > maxHiddenLayers {
			t.Fatalf("parseSizes(%q) gave %d layers", s, len(sizes))
		}
		for _, n := range sizes {
			if n < 1 || n > maxHidden {
				t.Fatalf("parseSizes(%q) gave size %d", s, n)
			}
		}
		l := sizeList(sizes)
		again, err := parseSizes(l.String())
		if err != nil || !slices.Equal(again, sizes) {
			t.Fatalf("parseSizes(%q) = %v prints as %q, which parses to %v, %v", s, sizes, l.String(), again, err)
		}
	})
}
