// Requests the server refuses: from other sites (Host, Origin, a body not
// declared JSON) and with the wrong method, each with the API's JSON error.

package serve

import (
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
)

// send sends a request with the given method, body, Content-Type, Host
// and Origin ("" for none) and returns the status, the Allow header and
// the JSON error, failing if the answer is not JSON.
func send(t *testing.T, method, url, body, contentType, host, origin string) (status int, allow, errMsg string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if host != "" {
		req.Host = host
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 && ct != "application/json" {
		t.Fatalf("%s %s: status %d with Content-Type %q, want the API's JSON error", method, url, res.StatusCode, ct)
	}
	var e struct{ Error string }
	if res.StatusCode != 200 {
		if err := json.NewDecoder(res.Body).Decode(&e); err != nil || e.Error == "" {
			t.Fatalf("%s %s: status %d, no JSON error (%v)", method, url, res.StatusCode, err)
		}
	}
	return res.StatusCode, res.Header.Get("Allow"), e.Error
}

func TestRequestsFromOtherSites(t *testing.T) {
	ts, s := testServer(t, Config{New: mlp(1, 0.01), Train: randomSet(200, 1)})
	own := ts.Listener.Addr().String() // 127.0.0.1:PORT
	_, port, _ := net.SplitHostPort(own)
	image := `{"image": [` + strings.TrimSuffix(strings.Repeat("0.5,", Pixels), ",") + `]}`
	start := `{"action": "start", "optimizer": "SGD", "lr": 0.1}`
	for _, tc := range []struct {
		name, path, body, contentType, host, origin string
		status                                      int
		want                                        string
	}{
		{"plain POST", "/api/predict", image, "application/json", "", "", 200, ""},
		{"charset", "/api/predict", image, "application/json; charset=utf-8", "", "", 200, ""},
		{"text/plain", "/api/train", start, "text/plain", "", "", 415, `Content-Type header is "text/plain": want application/json`},
		{"form", "/api/train", start, "application/x-www-form-urlencoded", "", "", 415, "want application/json"},
		{"no Content-Type", "/api/train", start, "", "", "", 415, "want application/json"},
		{"localhost", "/api/info", "", "", "localhost:" + port, "", 200, ""},
		{"[::1]", "/api/info", "", "", "[::1]:" + port, "", 200, ""},
		{"rebound name", "/api/info", "", "", "evil.example:" + port, "", 403, `Host header "evil.example:` + port + `" does not name this server`},
		{"rebound name, POST", "/api/train", start, "application/json", "evil.example", "", 403, "does not name this server"},
		{"own Origin", "/api/predict", image, "application/json", "", "http://" + own, 200, ""},
		{"other Origin", "/api/train", start, "application/json", "", "http://evil.example", 403, `Origin header "http://evil.example" is not this page's`},
		{"null Origin", "/api/train", start, "application/json", "", "null", 403, "is not this page's"},
		{"https Origin", "/api/train", start, "application/json", "", "https://" + own, 403, "is not this page's"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			method := http.MethodGet
			if tc.body != "" {
				method = http.MethodPost
			}
			status, _, msg := send(t, method, ts.URL+tc.path, tc.body, tc.contentType, tc.host, tc.origin)
			if status != tc.status || !strings.Contains(msg, tc.want) {
				t.Errorf("status %d, %q; want %d saying %q", status, msg, tc.status, tc.want)
			}
		})
	}
	if st := s.train.current(); st.State != stateIdle {
		t.Errorf("after the refused starts the training is %s", st.State)
	}
}

// The names a server answers to, on the address it listens on.
func TestServedHosts(t *testing.T) {
	loop := servedHosts(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
	lan := servedHosts(&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 8080})
	all := servedHosts(&net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	for _, tc := range []struct {
		h    hosts
		host string
		ok   bool
	}{
		{loop, "localhost:8080", true},
		{loop, "LOCALHOST:8080", true},
		{loop, "127.0.0.1:8080", true},
		{loop, "[::1]:8080", true},
		{loop, "localhost:8081", false},
		{loop, "localhost", false}, // port 80
		{loop, "192.168.1.5:8080", false},
		{loop, "evil.example:8080", false},
		{lan, "192.168.1.5:8080", true},
		{lan, "localhost:8080", true},
		{lan, "evil.example:8080", false},
		{all, "127.0.0.1:8080", true},
		{all, "evil.example:8080", false},
	} {
		if err := tc.h.check(tc.host); (err == nil) != tc.ok {
			t.Errorf("Host %q for %v: %v, want allowed %v", tc.host, tc.h.names, err, tc.ok)
		}
	}
	if !servedHosts(&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 80}).names["192.168.1.5"] ||
		servedHosts(&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 80}).check("192.168.1.5") != nil {
		t.Error("a server on port 80 refuses a Host without a port")
	}
}

// Every path answers its own method, and any other with 405, Allow and
// the API's JSON error.
func TestWrongMethod(t *testing.T) {
	ts, _ := testServer(t, Config{New: mlp(1, 0.01), Train: randomSet(200, 1), Test: randomSet(10, 1)})
	for _, tc := range []struct{ method, path, allow string }{
		{"GET", "/api/predict", "POST"},
		{"GET", "/api/backward", "POST"},
		{"GET", "/api/train", "POST"},
		{"PUT", "/api/train", "POST"},
		{"POST", "/api/info", "GET, HEAD"},
		{"DELETE", "/api/test-image?index=1", "GET, HEAD"},
		{"POST", "/api/param?name=W1", "GET, HEAD"},
		{"POST", "/api/events", "GET, HEAD"},
		{"POST", "/", "GET, HEAD"},
		{"PATCH", "/app.js", "GET, HEAD"},
	} {
		status, allow, msg := send(t, tc.method, ts.URL+tc.path, "{}", "application/json", "", "")
		if status != http.StatusMethodNotAllowed || allow != tc.allow || !strings.Contains(msg, "want "+tc.allow) {
			t.Errorf("%s %s: status %d, Allow %q, %q; want 405, Allow %q", tc.method, tc.path, status, allow, msg, tc.allow)
		}
	}
	// No such API is still 404, whatever the method.
	for _, method := range []string{"GET", "POST"} {
		if status, _, msg := send(t, method, ts.URL+"/api/nothing", "{}", "application/json", "", ""); status != http.StatusNotFound || !strings.Contains(msg, "no API") {
			t.Errorf("%s /api/nothing: status %d, %q", method, status, msg)
		}
	}
}
