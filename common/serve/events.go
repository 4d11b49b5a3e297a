// The Server-Sent Events of /api/events (the WHATWG HTML standard, section
// "Server-sent events"): each event is "event: NAME\ndata: JSON\n\n". A
// broker fans each published event out to every connected page; a page
// that falls behind loses events rather than slowing the training down.
//
// Machinery of the page, not the book.

package serve

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"
)

// broker hands published events to subscribers.
type broker struct {
	log  *log.Logger // receives the events that cannot be encoded
	mu   sync.Mutex
	subs map[chan []byte]struct{}
	done chan struct{} // closed by close: every stream ends
	shut bool
}

// newBroker returns a broker that logs to l.
func newBroker(l *log.Logger) *broker {
	return &broker{log: l, subs: make(map[chan []byte]struct{}), done: make(chan struct{})}
}

// encodeEvent returns event name with v as its JSON data.
func encodeEvent(name string, v any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("serve: event %s: %w", name, err)
	}
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", name, data), nil
}

// publish sends event name with v as its JSON data to every subscriber
// that has room for it. An event JSON cannot carry (a NaN) is logged and
// dropped: the training's guard stops a run before its numbers get there.
func (b *broker) publish(name string, v any) {
	msg, err := encodeEvent(name, v)
	if err != nil {
		b.log.Print(err)
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- msg:
		default: // this page is behind: it misses the event
		}
	}
}

// subscribe returns a channel of encoded events and the function that
// unsubscribes it.
func (b *broker) subscribe() (<-chan []byte, func()) {
	ch := make(chan []byte, 256)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		delete(b.subs, ch)
		b.mu.Unlock()
	}
}

// close ends every stream, for the server's shutdown.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.shut {
		b.shut = true
		close(b.done)
	}
}

// serveEvents streams events to one page until it goes away or the server
// shuts down. The first is the "history" event: the state so far, so a
// page that connects late draws complete charts. (The server's read
// timeout does not end it: net/http lifts the read deadline once a request
// without a body is read.)
func (b *broker) serveEvents(w http.ResponseWriter, r *http.Request, history func() historyEvent) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, fmt.Errorf("this connection cannot stream events"))
		return
	}
	first, err := encodeEvent("history", history())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	ch, cancel := b.subscribe()
	defer cancel()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 2000\n\n")
	w.Write(first)
	flusher.Flush()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case msg := <-ch:
			if _, err := w.Write(msg); err != nil {
				return
			}
			flusher.Flush()
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-b.done:
			return
		}
	}
}
