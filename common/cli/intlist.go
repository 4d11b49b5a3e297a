// A flag that holds a list of sizes, such as -hidden 256,128.

package cli

import (
	"fmt"
	"strconv"
	"strings"
)

// IntList is a flag.Value holding a comma-separated list of 1 to MaxLen
// whole numbers, each from 1 to Max, such as "100" or "256,128".
type IntList struct {
	Values      []int
	Max, MaxLen int
}

// String returns the list as it is written on the command line.
func (l *IntList) String() string {
	if l == nil {
		return ""
	}
	parts := make([]string, len(l.Values))
	for i, n := range l.Values {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// Set parses a list such as "100" or "256,128" into l.Values.
func (l *IntList) Set(s string) error {
	parts := strings.Split(s, ",")
	if len(parts) > l.MaxLen {
		return fmt.Errorf("%d numbers, want at most %d", len(parts), l.MaxLen)
	}
	values := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 || n > l.Max {
			return fmt.Errorf("%q is not a size: want whole numbers from 1 to %d separated by commas, such as 100 or 256,128", p, l.Max)
		}
		values[i] = n
	}
	l.Values = values
	return nil
}
