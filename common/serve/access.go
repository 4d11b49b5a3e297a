// Which requests the server answers. A page on another site must not drive
// the API: a form or script there can POST to localhost (a "simple"
// cross-site request), and DNS rebinding can make a browser send a site's
// requests, under the site's own name, to this server. So:
//
//   - the Host must be a name of this server: localhost, 127.0.0.1 or [::1]
//     with its port, or the address it serves (RFC 9110 section 7.2);
//   - an Origin, when the browser sends one, must be the page's own
//     (RFC 6454): http:// and that Host;
//   - a POST must say Content-Type: application/json, which a cross-site
//     form cannot send (and a script only after a CORS preflight, which
//     this server never grants);
//   - each path answers its own method only, else 405 with Allow.
//
// Every refusal is the API's JSON error.
//
// Machinery of the page, not the book.

package serve

import (
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"strings"
)

// hosts is the set of Host names the server answers to.
type hosts struct {
	port  string          // the served port; "" for any (Handler, which does not know it)
	names map[string]bool // lower case, IPv6 without brackets
}

// loopbackHosts returns the names of this machine every server answers to.
func loopbackHosts(port string) hosts {
	return hosts{port, map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
}

// servedHosts returns the names a server listening on addr answers to:
// the loopback names, the address itself and, for an unspecified address
// (every interface), the addresses of every interface and the host name.
func servedHosts(addr *net.TCPAddr) hosts {
	h := loopbackHosts(fmt.Sprint(addr.Port))
	h.names[strings.ToLower(addr.IP.String())] = true
	if addr.IP.IsUnspecified() {
		if ifaddrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range ifaddrs {
				if ipnet, ok := a.(*net.IPNet); ok {
					h.names[strings.ToLower(ipnet.IP.String())] = true
				}
			}
		}
		if name, err := os.Hostname(); err == nil {
			h.names[strings.ToLower(name)] = true
		}
	}
	return h
}

// check returns an error saying why a request to host is not for this
// server, or nil.
func (h hosts) check(host string) error {
	name, port, err := net.SplitHostPort(host)
	if err != nil { // no port: the scheme's default
		name, port = strings.Trim(host, "[]"), "80"
	}
	if h.names[strings.ToLower(name)] && (h.port == "" || port == h.port) {
		return nil
	}
	want := "localhost, 127.0.0.1 or [::1]"
	if h.port != "" {
		want = fmt.Sprintf("localhost:%s, 127.0.0.1:%s or [::1]:%s, or the address served", h.port, h.port, h.port)
	}
	return fmt.Errorf("the Host header %q does not name this server: want %s", host, want)
}

// guard answers only the requests the package comment allows, and passes
// them to next.
func (h hosts) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h.check(r.Host); err != nil {
			writeError(w, http.StatusForbidden, err)
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && !strings.EqualFold(origin, "http://"+r.Host) {
			writeError(w, http.StatusForbidden, fmt.Errorf("the Origin header %q is not this page's (http://%s): the API answers its own page only", origin, r.Host))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// only answers method (and HEAD for GET) with h, any other with 405 and an
// Allow header; a POST whose body is not declared JSON gets 415.
func only(method string, h http.HandlerFunc) http.HandlerFunc {
	allow := method
	if method == http.MethodGet {
		allow = "GET, HEAD"
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != method && !(method == http.MethodGet && r.Method == http.MethodHead) {
			w.Header().Set("Allow", allow)
			writeError(w, http.StatusMethodNotAllowed, fmt.Errorf("%s %s: want %s", r.Method, r.URL.Path, allow))
			return
		}
		if method == http.MethodPost {
			ct := r.Header.Get("Content-Type")
			if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, fmt.Errorf("the Content-Type header is %q: want application/json", ct))
				return
			}
		}
		h(w, r)
	}
}
