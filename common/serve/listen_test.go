// Tests of Listen and Serve: what they print, how they stop on an
// interrupt (and what the program's exit status then is), the timeouts
// that keep a slow client from holding a connection, and a busy address.

package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"dlfs/common/cli"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// running is a Serve under way in a test.
type running struct {
	url            string // http://localhost:PORT/, to reach it
	stdout, stderr *syncBuffer
	done           chan error
	stop           context.CancelCauseFunc
}

// startServe runs Serve on addr until the test ends or stop is called.
func startServe(t *testing.T, addr string, cfg Config) *running {
	t.Helper()
	ln, err := Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancelCause(context.Background())
	r := &running{stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan error, 1), stop: stop}
	go func() { r.done <- Serve(ctx, ln, cfg, r.stdout, r.stderr) }()
	t.Cleanup(func() {
		stop(context.Canceled)
		select {
		case <-r.done:
		case <-time.After(20 * time.Second):
			t.Error("Serve still running 20 s after its context was cancelled")
		}
	})
	port := ln.Addr().(*net.TCPAddr).Port
	r.url = "http://localhost:" + strconv.Itoa(port) + "/"
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(r.stdout.String(), "serving"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("Serve printed nothing in 10 s")
		}
	}
	return r
}

// wait returns Serve's error after stop, failing after 10 s.
func (r *running) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-r.done:
		r.done <- err // for the cleanup
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Serve still running 10 s after its context was cancelled")
	}
	return nil
}

// A loopback address prints http://localhost:PORT/ and no warning; an
// unspecified one prints the address served and warns on stderr that other
// machines can reach the training controls.
func TestServeAnnounces(t *testing.T) {
	cfg := Config{Title: "test", New: mlp(1, 0.01)}
	local := startServe(t, "127.0.0.1:0", cfg)
	if out := local.stdout.String(); !strings.Contains(out, "serving test at "+local.url+" ") || local.stderr.String() != "" {
		t.Errorf("127.0.0.1:0 printed %q and %q on stderr, want %s and nothing", out, local.stderr.String(), local.url)
	}
	bare := startServe(t, ":0", cfg) // a bare port is localhost
	if !strings.Contains(bare.stdout.String(), "http://localhost:") || bare.stderr.String() != "" {
		t.Errorf(":0 printed %q and %q on stderr", bare.stdout.String(), bare.stderr.String())
	}
	all := startServe(t, "0.0.0.0:0", cfg)
	port := strings.TrimSuffix(strings.TrimPrefix(all.url, "http://localhost:"), "/")
	out, warn := all.stdout.String(), all.stderr.String()
	if !strings.Contains(out, "every interface, port "+port) || strings.Contains(out, "serving test at http://localhost") {
		t.Errorf("0.0.0.0 printed %q, want the address served", out)
	}
	if !strings.Contains(warn, "warning: listening on every network interface, port "+port) || !strings.Contains(warn, "other machines can reach the page and its training controls") {
		t.Errorf("0.0.0.0 warned %q, want a warning that other machines can reach it", warn)
	}
	// The page still answers on localhost.
	var info infoJSON
	if status := call(t, all.url+"api/info", nil, &info); status != 200 || info.Title != "test" {
		t.Errorf("GET %sapi/info: status %d", all.url, status)
	}
}

// An interrupt stops the training and the server, and Serve's error says
// where the training stood and carries the signal, so that the program
// exits 130 for SIGINT and 143 for SIGTERM.
func TestServeStopsOnInterrupt(t *testing.T) {
	for _, tc := range []struct {
		sig    os.Signal
		train  bool
		status int
		where  string
	}{
		{os.Interrupt, true, 130, "the training was running, stopped after iteration "},
		{syscall.SIGTERM, false, 143, "the training had not started"},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			r := startServe(t, "localhost:0", Config{Title: "test", New: mlp(1, 0.01), Train: randomSet(200, 1)})
			if tc.train {
				var st stateEvent
				call(t, r.url+"api/train", `{"action": "start", "optimizer": "SGD", "lr": 0.1}`, &st)
				if st.State != stateRunning {
					t.Fatalf("start: %+v", st)
				}
			}
			// An open event stream must not hold the shutdown up.
			res, err := http.Get(r.url + "api/events")
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			r.stop(&cli.Interrupted{Signal: tc.sig})
			err = r.wait(t)
			if in := (*cli.Interrupted)(nil); !errors.As(err, &in) || !strings.Contains(err.Error(), tc.where) {
				t.Errorf("Serve returned %v, want an error saying %q and wrapping the interrupt", err, tc.where)
			}
			var msg bytes.Buffer
			if status := cli.ExitCode("prog", err, &msg); status != tc.status {
				t.Errorf("exit status %d, want %d", status, tc.status)
			}
			t.Logf("%s", strings.TrimSpace(msg.String()))
			if _, err := http.Get(r.url + "api/info"); err == nil {
				t.Error("the server still answers after shutdown")
			}
		})
	}
}

// A body sent a byte at a time cannot hold a connection past the read
// timeout; the event stream, which reads nothing, outlives it.
func TestTimeouts(t *testing.T) {
	setVar(t, &readTimeout, 300*time.Millisecond)
	setVar(t, &headerTimeout, 300*time.Millisecond)
	r := startServe(t, "localhost:0", Config{Title: "test", New: mlp(1, 0.01), Train: randomSet(200, 1)})
	host := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")

	t.Run("slow body", func(t *testing.T) {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "POST /api/predict HTTP/1.1\r\nHost: "+host+"\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{")
		stop := make(chan struct{})
		defer close(stop)
		go func() { // a byte every 50 ms, for as long as the server listens
			for {
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
					if _, err := io.WriteString(conn, " "); err != nil {
						return
					}
				}
			}
		}()
		conn.SetReadDeadline(time.Now().Add(15 * time.Second))
		answer, err := io.ReadAll(conn) // until the server closes the connection
		if err != nil && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("the server held the connection of a slow body: %v", err)
		}
		if len(answer) > 0 && !bytes.Contains(answer, []byte(" 400 ")) {
			t.Errorf("answer to a slow body: %.200q, want 400 or nothing", answer)
		}
	})

	t.Run("slow header", func(t *testing.T) {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "GET /api/info HTTP/1.1\r\nHost: ")
		conn.SetReadDeadline(time.Now().Add(15 * time.Second))
		if _, err := io.ReadAll(conn); err != nil && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("the server held the connection of a slow header: %v", err)
		}
	})

	t.Run("event stream", func(t *testing.T) {
		res, err := http.Get(r.url + "api/events")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		lines := make(chan string, 100)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(res.Body)
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		time.Sleep(4 * readTimeout) // past the read deadline
		call(t, r.url+"api/train", `{"action": "start", "optimizer": "SGD", "lr": 0.1, "iterations": 5}`, nil)
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatal("the event stream ended at the read timeout")
				}
				if strings.Contains(line, `"state":"running"`) {
					return
				}
			case <-time.After(15 * time.Second):
				t.Fatal("no state event 15 s after the start")
			}
		}
	})
}

// Listen reports a busy address at once.
func TestListenBusy(t *testing.T) {
	ln, err := Listen("localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if ln2, err := Listen(ln.Addr().String()); err == nil || !strings.Contains(err.Error(), "address already in use") {
		if ln2 != nil {
			ln2.Close()
		}
		t.Errorf("Listen on a busy address: %v", err)
	}
	if _, err := Listen("localhost:http-nonsense"); err == nil {
		t.Error("Listen on a bad port: no error")
	}
}
