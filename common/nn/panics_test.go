// checkPanics, the shape-mismatch tests' loop: each call must panic with a
// message that names what is wrong.

package nn

import (
	"strings"
	"testing"
)

// panicCase is a call, run, that must panic with a message holding want
// (a shape such as "2x72", a flag, a name).
type panicCase struct {
	name string
	run  func()
	want string
}

// checkPanics runs each case and checks that it panics with a message
// naming its want.
func checkPanics(t *testing.T, tests []panicCase) {
	t.Helper()
	for _, tc := range tests {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, tc.want) {
					t.Errorf("%s: panic %q, want a message naming %s", tc.name, msg, tc.want)
				}
			}()
			tc.run()
		}()
	}
}
