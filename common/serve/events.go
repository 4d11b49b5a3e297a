// The Server-Sent Events of /api/events (the WHATWG HTML standard, section
// "Server-sent events"): each event is "event: NAME\ndata: JSON\n\n". A
// broker fans each published event out to every connected page; a page
// that falls behind loses events rather than slowing the training down.

package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// broker hands published events to subscribers.
type broker struct {
	mu   sync.Mutex
	subs map[chan []byte]struct{}
	done chan struct{} // closed by close: every stream ends
	shut bool
}

func newBroker() *broker {
	return &broker{subs: make(map[chan []byte]struct{}), done: make(chan struct{})}
}

// publish sends event name with v as its JSON data to every subscriber
// that has room for it.
func (b *broker) publish(name string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("serve: event %s: %v", name, err)) // a bug: the events are plain structs
	}
	msg := fmt.Appendf(nil, "event: %s\ndata: %s\n\n", name, data)
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
// shuts down. first, if not nil, is written before any event: the state so
// far, so a page that connects late draws complete charts.
func (b *broker) serveEvents(w http.ResponseWriter, r *http.Request, first func() []byte) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, fmt.Errorf("this connection cannot stream events"))
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
	if first != nil {
		w.Write(first())
	}
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
