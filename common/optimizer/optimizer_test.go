package optimizer_test

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/optimizer"
)

// Every case starts from W = [1, -2] and takes two steps, with gradients
// g1 = [3, -4] and then g2 = [4, 3]. The squares 9, 16 and then 25, 25 keep
// AdaGrad's square roots whole. Each want is the hand arithmetic written out.
func TestTwoSteps(t *testing.T) {
	cases := []struct {
		name         string
		opt          optimizer.Optimizer
		step1, step2 [2]float64
	}{
		{
			// W -= 0.1*g1 = [0.3, -0.4];  W -= 0.1*g2 = [0.4, 0.3].
			name:  "SGD",
			opt:   optimizer.NewSGD(0.1),
			step1: [2]float64{0.7, -1.6},
			step2: [2]float64{0.3, -1.9},
		},
		{
			// v = -0.1*g1 = [-0.3, 0.4]; W += v.
			// v = 0.9*[-0.3, 0.4] - 0.1*[4, 3] = [-0.67, 0.06]; W += v.
			name:  "Momentum",
			opt:   optimizer.NewMomentum(0.1, 0.9),
			step1: [2]float64{0.7, -1.6},
			step2: [2]float64{0.7 - 0.67, -1.6 + 0.06},
		},
		{
			// Step 1, v = 0: W -= (1+0.9)*0.1*g1 = [0.57, -0.76]; then v = [-0.3, 0.4].
			// Step 2: W += 0.81*v = [-0.243, 0.324]; W -= 0.19*g2 = [0.76, 0.57].
			// (Updating v before W, the old bug, would give [0.187, -0.916] at step 1.)
			name:  "Nesterov",
			opt:   optimizer.NewNesterov(0.1, 0.9),
			step1: [2]float64{0.43, -1.24},
			step2: [2]float64{0.43 - 0.243 - 0.76, -1.24 + 0.324 - 0.57},
		},
		{
			// h = [9, 16]: W -= 0.1*[3/(3+1e-7), -4/(4+1e-7)], about [0.1, -0.1].
			// h = [25, 25]: W -= 0.1*[4/(5+1e-7), 3/(5+1e-7)], about [0.08, 0.06].
			name:  "AdaGrad",
			opt:   optimizer.NewAdaGrad(0.1),
			step1: [2]float64{1 - 0.3/(3+1e-7), -2 + 0.4/(4+1e-7)},
			step2: [2]float64{1 - 0.3/(3+1e-7) - 0.4/(5+1e-7), -2 + 0.4/(4+1e-7) - 0.3/(5+1e-7)},
		},
		{
			// h = 0.01*[9, 16] = [0.09, 0.16], sqrt [0.3, 0.4]: W -= about [1, -1].
			// h = 0.99*[0.09, 0.16] + 0.01*[16, 9] = [0.2491, 0.2484]:
			// W -= 0.1*[4, 3]/sqrt(h), about [0.8014, 0.6019].
			name:  "RMSprop",
			opt:   optimizer.NewRMSprop(0.1, 0.99),
			step1: [2]float64{1 - 0.3/(0.3+1e-7), -2 + 0.4/(0.4+1e-7)},
			step2: [2]float64{
				1 - 0.3/(0.3+1e-7) - 0.4/(math.Sqrt(0.2491)+1e-7),
				-2 + 0.4/(0.4+1e-7) - 0.3/(math.Sqrt(0.2484)+1e-7),
			},
		},
		{
			// Step 1: lr_t = 0.1*sqrt(1-0.999)/(1-0.9) = sqrt(0.001);
			// m = 0.1*g1 = [0.3, -0.4]; v = 0.001*g1^2 = [0.009, 0.016];
			// W -= lr_t*m/sqrt(v), about 0.1*sign(g1): Adam's first step is lr per weight.
			// Step 2: lr_t = 0.1*sqrt(1-0.999^2)/(1-0.9^2) = 0.1*sqrt(0.001999)/0.19;
			// m += 0.1*(g2-m) = [0.67, -0.06]; v += 0.001*(g2^2-v) = [0.024991, 0.024984];
			// W -= lr_t*m/sqrt(v), about [0.0997, -0.0089].
			name: "Adam",
			opt:  optimizer.NewAdam(0.1, 0.9, 0.999),
			step1: [2]float64{
				1 - math.Sqrt(0.001)*0.3/(math.Sqrt(0.009)+1e-7),
				-2 + math.Sqrt(0.001)*0.4/(math.Sqrt(0.016)+1e-7),
			},
			step2: [2]float64{
				1 - math.Sqrt(0.001)*0.3/(math.Sqrt(0.009)+1e-7) -
					0.1*math.Sqrt(0.001999)/0.19*0.67/(math.Sqrt(0.024991)+1e-7),
				-2 + math.Sqrt(0.001)*0.4/(math.Sqrt(0.016)+1e-7) -
					0.1*math.Sqrt(0.001999)/0.19*-0.06/(math.Sqrt(0.024984)+1e-7),
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := mat.NewFrom(1, 2, []float64{1, -2})
			params := map[string]*mat.Matrix{"W": w}
			for step, s := range []struct {
				grad []float64
				want [2]float64
			}{{[]float64{3, -4}, c.step1}, {[]float64{4, 3}, c.step2}} {
				update(c.opt, params, map[string]*mat.Matrix{"W": mat.NewFrom(1, 2, s.grad)})
				for i, want := range s.want {
					if math.Abs(w.Data[i]-want) > 1e-12 {
						t.Errorf("step %d: W[%d] = %.15g, want %.15g", step+1, i, w.Data[i], want)
					}
				}
			}
		})
	}
}

// all returns one of each optimizer with the book's defaults.
func all(t testing.TB) map[string]optimizer.Optimizer {
	opts := make(map[string]optimizer.Optimizer)
	for _, name := range optimizer.Names {
		opt, err := optimizer.New(name, 0)
		if err != nil {
			t.Fatal(err)
		}
		opts[name] = opt
	}
	return opts
}

// The 1e-7 in AdaGrad, RMSprop and Adam is there for this: a weight whose
// gradient has always been 0 must stay put, not become 0/0 = NaN.
func TestZeroGradientLeavesParamsAlone(t *testing.T) {
	for name, opt := range all(t) {
		w := mat.NewFrom(1, 2, []float64{1, -2})
		params := map[string]*mat.Matrix{"W": w}
		grads := map[string]*mat.Matrix{"W": mat.New(1, 2)}
		for range 3 {
			update(opt, params, grads)
		}
		if w.Data[0] != 1 || w.Data[1] != -2 {
			t.Errorf("%s: zero gradients moved W from [1 -2] to %v", name, w.Data)
		}
	}
}

// One optimizer updating "W" and "b" together must do exactly what two
// optimizers do when each updates only one of them: the state is per key, and
// the random order of Go's map iteration cannot matter.
func TestStateIsPerKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(r, c int) *mat.Matrix {
		m := mat.New(r, c)
		for i := range m.Data {
			m.Data[i] = rng.NormFloat64()
		}
		return m
	}
	for _, name := range optimizer.Names {
		shared, _ := optimizer.New(name, 0.1)
		alone := map[string]optimizer.Optimizer{}
		together := map[string]*mat.Matrix{"W": random(3, 4), "b": random(1, 4)}
		apart := map[string]*mat.Matrix{"W": together["W"].Clone(), "b": together["b"].Clone()}
		for key := range apart {
			alone[key], _ = optimizer.New(name, 0.1)
		}
		for range 3 {
			grads := map[string]*mat.Matrix{"W": random(3, 4), "b": random(1, 4)}
			update(shared, together, grads)
			for key, opt := range alone {
				update(opt, map[string]*mat.Matrix{key: apart[key]}, map[string]*mat.Matrix{key: grads[key]})
			}
		}
		for key := range apart {
			if d := mat.MaxAbsDiff(together[key], apart[key]); d != 0 {
				t.Errorf("%s: %s updated with other keys differs by %g from %s updated alone", name, key, d, key)
			}
		}
	}
}

// A parameter first seen in a later Update starts from zero state: Momentum's
// first step for it is plain SGD, whatever the other keys' velocities are.
func TestNewKeyStartsFromZeroState(t *testing.T) {
	opt := optimizer.NewMomentum(0.1, 0.9)
	a, b := mat.NewFrom(1, 1, []float64{0}), mat.NewFrom(1, 1, []float64{0})
	g := mat.NewFrom(1, 1, []float64{1})
	update(opt, map[string]*mat.Matrix{"a": a}, map[string]*mat.Matrix{"a": g})
	update(opt, map[string]*mat.Matrix{"a": a}, map[string]*mat.Matrix{"a": g})
	update(opt, map[string]*mat.Matrix{"a": a, "b": b}, map[string]*mat.Matrix{"a": g, "b": g})
	// a: v = -0.1, -0.19, -0.271, so a = -0.561; b: v = -0.1, so b = -0.1.
	if math.Abs(a.Data[0]+0.561) > 1e-15 || math.Abs(b.Data[0]+0.1) > 1e-15 {
		t.Errorf("a = %v, b = %v; want -0.561 and -0.1", a.Data[0], b.Data[0])
	}
}

func TestMisuse(t *testing.T) {
	w := mat.New(2, 3)
	cases := []struct {
		name  string
		run   func(opt optimizer.Optimizer)
		panic []string // words the panic message must contain
	}{
		{"missing gradient", func(opt optimizer.Optimizer) {
			opt.Update([]nn.Param{{Name: "W1", Value: w}})
		}, []string{`"W1"`, "no gradient"}},
		{"gradient shape", func(opt optimizer.Optimizer) {
			update(opt, map[string]*mat.Matrix{"W1": w}, map[string]*mat.Matrix{"W1": mat.New(3, 2)})
		}, []string{`"W1"`, "2x3", "3x2"}},
		{"shape changed", func(opt optimizer.Optimizer) {
			update(opt, map[string]*mat.Matrix{"W1": w}, map[string]*mat.Matrix{"W1": mat.New(2, 3)})
			update(opt, map[string]*mat.Matrix{"W1": mat.New(4, 1)}, map[string]*mat.Matrix{"W1": mat.New(4, 1)})
		}, []string{`"W1"`, "4x1", "2x3"}},
	}
	for name, opt := range all(t) {
		for _, c := range cases {
			if name == "SGD" && c.name == "shape changed" {
				continue // SGD keeps no state, so any shape is fine
			}
			msg := func() (msg string) {
				defer func() { msg, _ = recover().(string) }()
				c.run(opt)
				return ""
			}()
			for _, word := range append(c.panic, name) {
				if !strings.Contains(msg, word) {
					t.Errorf("%s, %s: panic message %q does not contain %q", name, c.name, msg, word)
				}
			}
		}
	}
}

func TestNew(t *testing.T) {
	cases := []struct {
		name string
		lr   float64
		want optimizer.Optimizer
	}{
		{"sgd", 0, optimizer.NewSGD(0.01)},
		{"SGD", 0.95, optimizer.NewSGD(0.95)},
		{"Momentum", -1, optimizer.NewMomentum(0.01, 0.9)},
		{"nesterov", 0, optimizer.NewNesterov(0.01, 0.9)},
		{"ADAGRAD", 1.5, optimizer.NewAdaGrad(1.5)},
		{"rmsprop", 0, optimizer.NewRMSprop(0.01, 0.99)},
		{"adam", 0, optimizer.NewAdam(0.001, 0.9, 0.999)},
		{"Adam", 0.3, optimizer.NewAdam(0.3, 0.9, 0.999)},
	}
	for _, c := range cases {
		got, err := optimizer.New(c.name, c.lr)
		if err != nil {
			t.Errorf("New(%q, %v): %v", c.name, c.lr, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("New(%q, %v) = %+v, want %+v", c.name, c.lr, got, c.want)
		}
	}
	for _, name := range optimizer.Names {
		if _, err := optimizer.New(strings.ToLower(name), 0); err != nil {
			t.Errorf("New does not know %q from Names: %v", name, err)
		}
	}
}

func TestNewBadInput(t *testing.T) {
	_, err := optimizer.New("adadelta", 0.1)
	if err == nil {
		t.Fatal(`New("adadelta") gave no error`)
	}
	for _, want := range append([]string{`"adadelta"`}, optimizer.Names...) {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	for _, lr := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := optimizer.New("sgd", lr); err == nil || !strings.Contains(err.Error(), "learning rate") {
			t.Errorf("New(sgd, %v): error %v, want one about the learning rate", lr, err)
		}
	}
}

// After the first Update, which creates the state, Update allocates nothing.
func TestUpdateDoesNotAllocate(t *testing.T) {
	params, grads := twoLayerNet()
	ps := paramList(params, grads)
	for name, opt := range all(t) {
		opt.Update(ps)
		if n := testing.AllocsPerRun(10, func() { opt.Update(ps) }); n != 0 {
			t.Errorf("%s: %v allocations per Update, want 0", name, n)
		}
	}
}
