package cli

import (
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// GCPercent sets the collector's percentage unless GOGC is set.
func TestGCPercent(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	if !GCPercent(40) {
		t.Error("GCPercent(40) with GOGC unset did not set it")
	}
	if old := debug.SetGCPercent(100); old != 40 {
		t.Errorf("the collector's percentage is %d, want 40", old)
	}
	t.Setenv("GOGC", "200")
	if GCPercent(40) {
		t.Error("GCPercent(40) with GOGC=200 set it")
	}
	if old := debug.SetGCPercent(100); old != 100 {
		t.Errorf("the collector's percentage is %d, want 100 as before", old)
	}
}

// A configuration that does not fit is refused with the
// estimate and the machine's memory, naming the flag.
func TestCheckMemory(t *testing.T) {
	const gb = 1000 * 1000 * 1000
	for _, tc := range []struct {
		need, total uint64
		want        string
	}{
		{1 * gb, 8 * gb, ""},
		{6 * gb, 8 * gb, ""},
		{6*gb + 1, 8 * gb, "-hidden 1000000: needs about 6 GB of memory, more than 3/4 of the machine's 8 GB (test)"},
		{^uint64(0), 8 * gb, "-hidden 1000000: needs about 18.4 EB of memory"},
	} {
		err := checkMemory("-hidden 1000000", tc.need, tc.total, "test")
		if tc.want == "" {
			if err != nil {
				t.Errorf("need %d of %d: %v, want nil", tc.need, tc.total, err)
			}
			continue
		}
		if _, ok := errors.AsType[UsageError](err); !ok || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("need %d of %d: got %v, want a UsageError starting %q", tc.need, tc.total, err, tc.want)
		}
	}
	if total, source := Memory(); total < 1<<20 || source == "" {
		t.Errorf("Memory() = %d, %q; want at least 1 MiB and a source", total, source)
	}
	if err := CheckMemory("-hidden 1000000000", ^uint64(0)); err == nil {
		t.Error("CheckMemory(all of memory) = nil, want an error")
	}
}

func TestReadMemTotal(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		content string
		want    uint64
		ok      bool
	}{
		{"MemTotal:       24683548 kB\nMemFree: 1 kB\n", 24683548 * 1024, true},
		{"MemFree: 1 kB\n", 0, false},
		{"MemTotal: lots\n", 0, false},
		{"MemTotal: 5 MB\n", 0, false},
	} {
		path := filepath.Join(dir, "meminfo")
		if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, ok := readMemTotal(path); got != tc.want || ok != tc.ok {
			t.Errorf("readMemTotal(%q) = %d, %v; want %d, %v", tc.content, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := readMemTotal(filepath.Join(dir, "none")); ok {
		t.Error("readMemTotal of a missing file: ok")
	}
	os.WriteFile(filepath.Join(dir, "max"), []byte("max\n"), 0o644)
	if _, ok := readCgroupMax(filepath.Join(dir, "max")); ok {
		t.Error(`readCgroupMax("max"): ok, want no limit`)
	}
	os.WriteFile(filepath.Join(dir, "max"), []byte("1073741824\n"), 0o644)
	if n, ok := readCgroupMax(filepath.Join(dir, "max")); n != 1<<30 || !ok {
		t.Errorf("readCgroupMax(1073741824) = %d, %v", n, ok)
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[uint64]string{0: "0 B", 999: "999 B", 1000: "1 kB", 37_500_000: "37.5 MB", 8_190_000_000: "8.19 GB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFloat64s(t *testing.T) {
	if got := Float64s(784, 50); got != 784*50*8 {
		t.Errorf("Float64s(784, 50) = %d", got)
	}
	if got := Float64s(1<<40, 1<<40); got != ^uint64(0) {
		t.Errorf("Float64s(2^40, 2^40) = %d, want saturation", got)
	}
	if got := Float64s(); got != 8 {
		t.Errorf("Float64s() = %d, want 8", got)
	}
}
