// The memory bound: what a configuration will allocate, compared before it
// is allocated with what the machine has, so that a huge -hidden or -batch is
// refused with a message instead of crashing the runtime or the machine; and
// the collector's setting, which decides how far above that the peak goes.

package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// GCPercent sets the garbage collector's target percentage to percent (see
// runtime/debug.SetGCPercent) unless GOGC is set in the environment, which
// wins. Go collects when the heap has grown by 100% since the last
// collection; a chapter whose heap is mostly large arrays without pointers
// (MNIST's pixels, the weights), which the collector marks in a moment,
// keeps its peak memory lower with a smaller figure at little cost in time.
// It returns whether it set it.
func GCPercent(percent int) bool {
	if os.Getenv("GOGC") != "" {
		return false
	}
	debug.SetGCPercent(percent)
	return true
}

// fallbackMemory is the memory assumed when the machine's cannot be read:
// 4 GiB, less than any machine these chapters are run on has.
const fallbackMemory = 4 << 30

// Memory returns the memory this process can use, in bytes, and where the
// figure comes from: the smaller of MemTotal in /proc/meminfo and the limit of
// its cgroup (/sys/fs/cgroup/memory.max), else 4 GiB, "assumed".
func Memory() (bytes uint64, source string) {
	total, source := uint64(0), ""
	if n, ok := readMemTotal("/proc/meminfo"); ok {
		total, source = n, "MemTotal in /proc/meminfo"
	}
	if n, ok := readCgroupMax("/sys/fs/cgroup/memory.max"); ok && (total == 0 || n < total) {
		total, source = n, "the cgroup's memory.max"
	}
	if total == 0 {
		return fallbackMemory, "assumed: the machine's memory could not be read"
	}
	return total, source
}

// readMemTotal reads the MemTotal line of a /proc/meminfo file, in kB.
func readMemTotal(path string) (uint64, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, false
		}
		kb, err := strconv.ParseUint(f[0], 10, 64)
		return kb * 1024, err == nil && kb > 0
	}
	return 0, false
}

// readCgroupMax reads a cgroup v2 memory.max file: a number of bytes, or
// "max" for no limit.
func readCgroupMax(path string) (uint64, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64)
	return n, err == nil && n > 0
}

// CheckMemory refuses a configuration that would allocate need bytes when
// that is more than three quarters of the machine's memory (see Memory),
// leaving room for the system and the rest of the program. The UsageError
// names the flag as the caller gives it (such as "-hidden 1000000" or
// "-hidden 10000 with -batch 60000"), the estimate and the machine's
// memory.
func CheckMemory(flag string, need uint64) error {
	total, source := Memory()
	return checkMemory(flag, need, total, source)
}

// checkMemory is CheckMemory with the machine's memory given.
func checkMemory(flag string, need, total uint64, source string) error {
	if need <= total/4*3 {
		return nil
	}
	return Usagef("%s: needs about %s of memory, more than 3/4 of the machine's %s (%s)",
		flag, FormatBytes(need), FormatBytes(total), source)
}

// FormatBytes writes n bytes in the largest unit that gives at least 1, with
// three significant digits: "512 B", "37.5 MB", "8.19 GB" (units of 1000).
func FormatBytes(n uint64) string {
	units := []string{"B", "kB", "MB", "GB", "TB", "PB", "EB"}
	v, i := float64(n), 0
	for v >= 1000 && i < len(units)-1 {
		v /= 1000
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.3g %s", v, units[i])
}

// Float64s returns the bytes n float64 values take, saturating instead of
// overflowing, for adding up an estimate: Float64s(784*hidden) is the
// first layer's weights.
func Float64s(n ...int) uint64 {
	total := uint64(8)
	for _, d := range n {
		if d < 0 {
			d = 0
		}
		if d != 0 && total > ^uint64(0)/uint64(d) {
			return ^uint64(0)
		}
		total *= uint64(d)
	}
	return total
}
