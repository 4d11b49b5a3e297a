package cli

import (
	"slices"
	"strings"
	"testing"
)

func TestIntList(t *testing.T) {
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
		l := &IntList{Values: []int{7}, Max: 10000, MaxLen: 16}
		err := l.Set(tc.in)
		if tc.want == nil {
			if err == nil || !slices.Equal(l.Values, []int{7}) {
				t.Errorf("Set(%q) = %v, values %v; want an error and the list unchanged", tc.in, err, l.Values)
			}
			continue
		}
		if err != nil || !slices.Equal(l.Values, tc.want) {
			t.Errorf("Set(%q) = %v, %v; want %v", tc.in, l.Values, err, tc.want)
		}
	}
}

// FuzzIntList checks that any input either fails or gives a list of allowed
// sizes that prints back to an equivalent list.
func FuzzIntList(f *testing.F) {
	for _, s := range []string{"100", "256,128", " 1 ,2", "", ",", "99999999999999999999", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := &IntList{Max: 10000, MaxLen: 16}
		if l.Set(s) != nil {
			return
		}
		if len(l.Values) < 1 || len(l.Values) > 16 {
			t.Fatalf("Set(%q) gave %d numbers", s, len(l.Values))
		}
		for _, n := range l.Values {
			if n < 1 || n > 10000 {
				t.Fatalf("Set(%q) gave %d", s, n)
			}
		}
		again := &IntList{Max: 10000, MaxLen: 16}
		if err := again.Set(l.String()); err != nil || !slices.Equal(again.Values, l.Values) {
			t.Fatalf("Set(%q) = %v prints as %q, which parses to %v, %v", s, l.Values, l.String(), again.Values, err)
		}
	})
}
