package cli

import (
	"errors"
	"math"
	"testing"
)

func TestValueChecks(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string // "" for nil
	}{
		{IntIn("iters", 1, 1, 10, "number of iterations"), ""},
		{IntIn("iters", 10, 1, 10, "number of iterations"), ""},
		{IntIn("iters", 0, 1, 10, "number of iterations"), "-iters 0: want a number of iterations from 1 to 10"},
		{IntIn("iters", 11, 1, 10, "number of iterations"), "-iters 11: want a number of iterations from 1 to 10"},
		{IntIn("batch", 1<<40, 1, 0, "mini-batch size"), ""},
		{IntIn("batch", -1, 1, 0, "mini-batch size"), "-batch -1: want a mini-batch size of at least 1"},
		{Positive("lr", 0.1, "learning rate", "0.1"), ""},
		{Positive("lr", 0, "learning rate", "0.1"), "-lr 0: want a learning rate above 0, such as 0.1"},
		{Positive("lr", math.NaN(), "learning rate", "0.1"), "-lr NaN: want a learning rate above 0, such as 0.1"},
		{Positive("lr", math.Inf(1), "learning rate", "0.1"), "-lr +Inf: want a learning rate above 0, such as 0.1"},
		{NonNegative("lambda", 0, "weight decay", "0.1"), ""},
		{NonNegative("lambda", -1, "weight decay", "0.1"), "-lambda -1: want a weight decay of 0 or more, such as 0.1"},
		{NonNegative("lambda", math.Inf(1), "weight decay", "0.1"), "-lambda +Inf: want a weight decay of 0 or more, such as 0.1"},
		{Fraction("dropout", 0.5, "ratio", "0.2"), ""},
		{Fraction("dropout", 1, "ratio", "0.2"), "-dropout 1: want a ratio between 0 and 1, such as 0.2"},
		{Fraction("dropout", 0, "ratio", "0.2"), "-dropout 0: want a ratio between 0 and 1, such as 0.2"},
		{Fraction("dropout", math.NaN(), "ratio", "0.2"), "-dropout NaN: want a ratio between 0 and 1, such as 0.2"},
		{Finite("noise", -3, "noise level"), ""},
		{Finite("noise", math.Inf(-1), "noise level"), "-noise -Inf: want a finite noise level"},
	} {
		if tc.want == "" {
			if tc.err != nil {
				t.Errorf("got %v, want nil", tc.err)
			}
			continue
		}
		if _, ok := errors.AsType[UsageError](tc.err); !ok || tc.err.Error() != tc.want {
			t.Errorf("got %v, want the UsageError %q", tc.err, tc.want)
		}
	}
}
