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
