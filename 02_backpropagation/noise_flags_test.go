// Tests of the noise study's flags (noise_flags.go): the list of hidden
// sizes, with a fuzz test of its parser, and the combinations of flags that
// are refused.

package main

import (
	"flag"
	"io"
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

// TestNoiseFlagsValidate parses command lines with the noise flags and
// checks which are refused, and for what.
func TestNoiseFlagsValidate(t *testing.T) {
	for _, tc := range []struct {
		args []string
		on   bool
		want string // "" for no error, else a part of the message
	}{
		{[]string{}, false, ""},
		{[]string{"-noise", "5"}, true, ""},
		{[]string{"-noise", "0"}, true, ""},
		{[]string{"-noise-sweep", "25"}, true, ""},
		{[]string{"-weights", "w.npz", "-noise", "10"}, true, ""},
		{[]string{"-noise", "101"}, true, "-noise 101"},
		{[]string{"-noise", "-1"}, true, "-noise -1"},
		{[]string{"-noise", "NaN"}, true, "-noise NaN"},
		{[]string{"-noise-sweep", "-5"}, true, "-noise-sweep -5"},
		{[]string{"-noise-sweep", "200"}, true, "-noise-sweep 200"},
		{[]string{"-noise", "5", "-noise-sweep", "25"}, true, "choose one"},
		{[]string{"-weights", "w.npz", "-noise-sweep", "25"}, true, "-weights and -noise-sweep"},
		{[]string{"-weights", "w.npz", "-save", "x.npz"}, true, "-weights and -save"},
		{[]string{"-noise-sweep", "5", "-save", "x.npz"}, true, "-save with -noise-sweep"},
		{[]string{"-noise", "5", "-check"}, true, "-check and -compare"},
		{[]string{"-debug"}, false, "-debug"},
		{[]string{"-debug", "-noise-sweep", "5"}, true, ""},
	} {
		var n noiseFlags
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		n.register(fs)
		fs.String("save", "", "")
		fs.Bool("check", false, "")
		if err := fs.Parse(tc.args); err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		explicit := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { explicit[f.Name] = true })
		if got := n.on(explicit); got != tc.on {
			t.Errorf("%q: on = %v, want %v", tc.args, got, tc.on)
		}
		err := n.validate(explicit)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v, want no error", tc.args, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: error %v, want one saying %q", tc.args, err, tc.want)
		}
	}
}
