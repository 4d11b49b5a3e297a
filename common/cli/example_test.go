package cli_test

import (
	"fmt"

	"dlfs/common/cli"
)

// A chapter's run function: its flags, the help for -h, the flags its mode
// ignores refused, the values checked, all before any work.
func Example() {
	run := func(args []string) error {
		fs := cli.NewFlagSet("prog")
		train := fs.String("train", "", "write the trained weights to `file.npz`")
		epochs := fs.Int("epochs", 20, "`N` epochs, with -train")
		if err := cli.Parse(fs, args, nil, ""); err != nil {
			return err
		}
		if *train == "" {
			if err := cli.OnlyWith(fs, "evaluating (no -train)"); err != nil {
				return err
			}
		}
		return cli.IntIn("epochs", *epochs, 1, 1000, "number of epochs")
	}
	fmt.Println(run([]string{"-epochs", "5"}))
	fmt.Println(run([]string{"-train", "w.npz", "-epochs", "0"}))
	fmt.Println(run([]string{"-train", "w.npz"}))
	// Output:
	// -epochs 5: evaluating (no -train) does not use it; it uses no flags
	// -epochs 0: want a number of epochs from 1 to 1000
	// <nil>
}

func ExampleFormatBytes() {
	fmt.Println(cli.FormatBytes(cli.Float64s(784, 50)), cli.FormatBytes(cli.Float64s(60000, 10000)))
	// Output: 314 kB 4.8 GB
}

// A chapter's command line, declared: its settings, the modes, the checks,
// and every output of the run, which Start checks together before any work.
func ExampleCommand() {
	run := func(args []string) error {
		var iters int
		var save, out string
		var check bool
		cmd := cli.New("prog", "prog: what it does.\n\n")
		cmd.IntVar(&iters, "iters", 100, "`number` of iterations")
		cmd.BoolVar(&check, "check", false, "check instead of training")
		cmd.Save(&save, "the weights to `file.npz`")
		cmd.Out(&out, "", "loss.svg")
		if err := cmd.Parse(args, nil); err != nil {
			return err
		}
		if err := cli.First(cmd.Modes(cli.When(check, "-check", "check")), cli.IntIn("iters", iters, 1, 0, "number of iterations")); err != nil {
			return err
		}
		outs, err := cmd.Start(cli.File("-save", save, ".npz"), cli.Folder("-out", out, "loss.svg"))
		if err != nil {
			return err
		}
		return outs.Close(nil)
	}
	fmt.Println(run([]string{"-check", "-iters", "5"}))
	fmt.Println(run([]string{"-iters", "0"}))
	fmt.Println(run([]string{"-out", "charts", "-save", "charts/loss.svg"}))
	// Output:
	// -iters 5: -check does not use it; it uses only -check, -cpuprofile
	// -iters 0: want a number of iterations of at least 1
	// -save and -out both name the file charts/loss.svg: choose another name for one of them
}
