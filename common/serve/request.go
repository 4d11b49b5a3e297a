// Reading and checking the JSON bodies of the API: every mistake a client
// can make (a body over 1 MB, malformed JSON, an unknown field, an image of
// the wrong length, a value that is not a number in 0..1) becomes an
// *inputError, which the handlers answer with HTTP 400 and a JSON
// {"error": "..."} that says what was expected. Then the image gets the
// noise the request asks for.
//
// Machinery of the page, not the book.

package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"

	"dlfs/dataset"
)

// MaxBody is the largest request body the API reads, 1 MB. The page's
// 140x140 drawing of integers 0..255 is at most 79 kB, an image of 784
// numbers about 15 kB.
const MaxBody = 1 << 20

// maxDrawing is the largest drawing accepted, in pixels per side.
const maxDrawing = 1024

// inputError is a mistake in a request, answered with HTTP 400.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

// badInput returns an *inputError with a formatted message.
func badInput(format string, args ...any) error {
	return &inputError{fmt.Sprintf(format, args...)}
}

// imageRequest is the input of /api/predict and /api/backward: either an
// MNIST image or a drawing to prepare as MNIST's digits were, then noise.
type imageRequest struct {
	// Image is 784 values in [0, 1], row by row.
	Image []float64 `json:"image"`
	// Drawing is a drawing to Preprocess, used when Image is absent.
	Drawing *drawingJSON `json:"drawing"`
	// Noise is the noise level of dataset.AddNoise, in percent, 0 to 100.
	Noise float64 `json:"noise"`
	// Seed seeds the noise.
	Seed uint64 `json:"seed"`

	// The fields of /api/backward.

	// Target is the class whose loss is differentiated; nil means the
	// predicted class.
	Target *int `json:"target"`
	// Numerical asks for the numerical gradient of a few pixels too.
	Numerical bool `json:"numerical"`
}

// drawingJSON is a drawing as the page sends it: the alpha channel of its
// canvas, 0 (paper) to 255 (ink), row by row.
type drawingJSON struct {
	Width  int       `json:"width"`
	Height int       `json:"height"`
	Pixels []float64 `json:"pixels"`
}

// decodeJSON reads one JSON value from r's body (at most MaxBody bytes)
// into v, refusing unknown fields and trailing data.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return badInput("request body is over %d bytes (1 MB): want a JSON object such as {\"image\": [784 numbers in 0..1]}", MaxBody)
		}
		return badInput("reading the request body: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(body, err)
	}
	if dec.More() {
		return badInput("malformed JSON: more data after the first value; want one JSON object")
	}
	return nil
}

// jsonError explains a decoding error of body.
func jsonError(body []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case len(bytes.TrimSpace(body)) == 0:
		return badInput("empty request body: want a JSON object such as {\"image\": [784 numbers in 0..1]}")
	case errors.As(err, &syntax) && nonNumber(body, syntax.Offset):
		field := fieldAt(body, syntax.Offset)
		return badInput("malformed JSON at byte %d: field %q holds NaN or Infinity, which are not JSON numbers; want %s", syntax.Offset, field, fieldWants[field])
	case errors.As(err, &syntax):
		return badInput("malformed JSON at byte %d: %v", syntax.Offset, err)
	case errors.As(err, &typ):
		if typ.Field != "" {
			// The field of the request, not the element of it ("image",
			// where Go 1.27 says "image.0").
			field, _, _ := strings.Cut(typ.Field, ".")
			return badInput("field %q holds a JSON %s, want %s", field, typ.Value, wantType(typ))
		}
		return badInput("the body is a JSON %s, want a JSON object", typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badInput("malformed JSON: the body ends in the middle of a value")
	}
	return badInput("malformed JSON: %v", err)
}

// fieldWants says what each number field of the API holds, for the errors.
var fieldWants = map[string]string{
	"image":      "numbers in 0..1",
	"pixels":     "numbers in 0..255",
	"width":      "an integer in 1..1024",
	"height":     "an integer in 1..1024",
	"noise":      "a percentage in 0..100",
	"seed":       "an integer 0 or more",
	"target":     "a class such as 7",
	"lr":         "a learning rate in (0, 10], such as 0.1 for SGD or 0.001 for Adam",
	"iterations": "an integer 0 or more",
	"":           "a JSON object",
}

// nonNumber reports whether the syntax error at offset in body is at a
// NaN or an Infinity (JavaScript's JSON.stringify writes neither, but a
// hand-written request may).
func nonNumber(body []byte, offset int64) bool {
	i := max(0, min(int(offset)-1, len(body)))
	rest := bytes.TrimLeft(body[i:], "-+ ")
	return bytes.HasPrefix(rest, []byte("NaN")) || bytes.HasPrefix(rest, []byte("Infinity")) || bytes.HasPrefix(rest, []byte("inf"))
}

// fieldKey matches an object key and its colon.
var fieldKey = regexp.MustCompile(`"(\w+)"\s*:`)

// fieldAt returns the name of the field whose value holds byte offset of
// body: the last key before it ("" if none).
func fieldAt(body []byte, offset int64) string {
	keys := fieldKey.FindAllSubmatch(body[:max(0, min(int(offset), len(body)))], -1)
	if len(keys) == 0 {
		return ""
	}
	return string(keys[len(keys)-1][1])
}

// wantType names the Go type an UnmarshalTypeError expected, in JSON terms.
func wantType(e *json.UnmarshalTypeError) string {
	switch e.Type.Kind().String() {
	case "float64":
		if strings.HasPrefix(e.Value, "number") {
			return "a number in range"
		}
		return "a number"
	case "int":
		return "an integer"
	case "uint64":
		return "an integer 0 or more"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "ptr", "struct":
		return "an object"
	}
	return e.Type.String()
}

// input returns the 784 input values of the request: the image, or the
// prepared drawing, with noise added. It checks every field.
func (q *imageRequest) input() ([]float64, error) {
	if !(q.Noise >= 0 && q.Noise <= 100) {
		return nil, badInput("noise is %v, want a percentage in 0..100", q.Noise)
	}
	var img []float64
	switch {
	case q.Image != nil && q.Drawing != nil:
		return nil, badInput("both image and drawing given: want one of them")
	case q.Image != nil:
		if len(q.Image) != Pixels {
			return nil, badInput("image has %d numbers, want %d (28x28, row by row) in 0..1", len(q.Image), Pixels)
		}
		if i, ok := outside(q.Image, 1); !ok {
			return nil, badInput("image[%d] is %v, want a number in 0..1", i, q.Image[i])
		}
		img = append([]float64(nil), q.Image...)
	case q.Drawing != nil:
		d := q.Drawing
		if d.Width < 1 || d.Height < 1 || d.Width > maxDrawing || d.Height > maxDrawing {
			return nil, badInput("drawing is %dx%d, want width and height in 1..%d", d.Width, d.Height, maxDrawing)
		}
		if len(d.Pixels) != d.Width*d.Height {
			return nil, badInput("drawing has %d pixels, want width*height = %d values in 0..255", len(d.Pixels), d.Width*d.Height)
		}
		if i, ok := outside(d.Pixels, 255); !ok {
			return nil, badInput("drawing.pixels[%d] is %v, want a number in 0..255", i, d.Pixels[i])
		}
		ink := make([]float64, len(d.Pixels))
		for i, v := range d.Pixels {
			ink[i] = v / 255
		}
		img = Preprocess(ink, d.Width, d.Height)
	default:
		return nil, badInput("no image: want {\"image\": [784 numbers in 0..1, row by row]} or {\"drawing\": {\"width\", \"height\", \"pixels\"}}")
	}
	addNoise(img, q.Noise, q.Seed)
	return img, nil
}

// addNoise adds the noise study's pixel noise (dataset.AddNoise) at percent
// to img, drawn from a generator seeded by seed: the same seed gives the
// same noise.
func addNoise(img []float64, percent float64, seed uint64) {
	dataset.AddNoise(img, percent, rand.New(rand.NewPCG(seed, 0x6e6f697365))) // "noise"
}

// outside returns the index of the first value of v that is not in
// [0, top] (NaN included) and false, or -1 and true if there is none.
func outside(v []float64, top float64) (int, bool) {
	for i, x := range v {
		if !(x >= 0 && x <= top) || math.IsNaN(x) {
			return i, false
		}
	}
	return -1, true
}

// writeJSON writes v as the JSON answer with the given status. It encodes
// v before it writes the status, so that an answer JSON cannot carry (an
// infinity the handler did not catch) becomes a 500 with the API's error,
// never a 200 with an empty body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data, _ = json.Marshal(map[string]string{"error": fmt.Sprintf("%v (%v)", errOverflow, err)})
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(data, '\n'))
}

// writeError answers err as JSON: 400 for an *inputError, the given status
// otherwise.
func writeError(w http.ResponseWriter, status int, err error) {
	var in *inputError
	if errors.As(err, &in) {
		status = http.StatusBadRequest
	}
	writeJSON(w, status, map[string]string{"error": err.Error()})
}
