// An example of serving a network and asking it through the JSON API, as a
// test or another program would.

package serve_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"

	"dlfs/common/network"
	"dlfs/common/serve"
)

func ExampleHandler() {
	h, err := serve.Handler(serve.Config{
		Title: "Chapter 5: TwoLayerNet",
		New: func() *network.Net { // the same weights on every call
			rng := rand.New(rand.NewPCG(1, 1))
			return network.NewBuilder(784).Affine(50, 0.01, rng).Relu().Affine(10, 0.01, rng).Net()
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(h)
	defer ts.Close()

	image := "[" + strings.TrimSuffix(strings.Repeat("0.5,", 784), ",") + "]"
	res, err := http.Post(ts.URL+"/api/predict", "application/json", strings.NewReader(`{"image": `+image+`}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	var answer struct {
		Probabilities []float64
		Layers        []struct {
			Name  string
			Shape []int
		}
	}
	json.NewDecoder(res.Body).Decode(&answer)
	fmt.Println(res.Status, len(answer.Probabilities), "probabilities")
	for _, l := range answer.Layers {
		fmt.Println(l.Name, l.Shape)
	}

	res, _ = http.Post(ts.URL+"/api/predict", "application/json", strings.NewReader(`{"image": [0.5, 2]}`))
	var bad struct{ Error string }
	json.NewDecoder(res.Body).Decode(&bad)
	res.Body.Close()
	fmt.Println(res.Status, bad.Error)
	// Output:
	// 200 OK 10 probabilities
	// Affine1 [50]
	// Relu1 [50]
	// Affine2 [10]
	// 400 Bad Request image has 2 numbers, want 784 (28x28, row by row) in 0..1
}
