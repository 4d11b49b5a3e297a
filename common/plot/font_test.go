// Tests of the 5x7 bitmap font: coverage, shape of the table, drawing.

package plot

import (
	"image"
	"image/color"
	"testing"
)

func TestFontCoversCaptions(t *testing.T) {
	need := "0123456789 -.:>" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz"
	for _, r := range need {
		if _, ok := glyphs[r]; !ok {
			t.Errorf("no glyph for %q", r)
		}
	}
	// Glyphs fit five columns, and no two characters look the same (a
	// copy-and-paste slip in the table would show up here).
	seen := map[[glyphH]uint8]rune{}
	for r, g := range glyphs {
		for _, row := range g {
			if row >= 1<<glyphW {
				t.Errorf("glyph %q is wider than %d pixels", r, glyphW)
			}
		}
		if other, dup := seen[g]; dup {
			t.Errorf("glyphs %q and %q are identical", r, other)
		}
		seen[g] = r
	}
}

func TestDrawText(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	black := color.RGBA{0, 0, 0, 255}
	drawText(img, 1, 1, 2, "1", black)
	// "1" has 3 pixels in its bottom row at columns 1-3: at scale 2 they are
	// x = 1+2..1+7, y = 1+12..1+13.
	lit := 0
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			if img.RGBAAt(x, y) == black {
				lit++
			}
		}
	}
	if want := 4 * (1 + 2 + 1 + 1 + 1 + 1 + 3); lit != want {
		t.Errorf("\"1\" at scale 2 lit %d pixels, want %d", lit, want)
	}
	if img.RGBAAt(3, 13) != black || img.RGBAAt(8, 14) != black || img.RGBAAt(9, 13) == black {
		t.Errorf("the foot of the 1 is not where expected")
	}
	// Unknown characters draw as '?', and text running off the image is cut.
	drawText(img, 30, 15, 3, "€", black)
	if textPixelWidth("7 -> 1", 1) != 35 || textPixelWidth("", 2) != 0 {
		t.Errorf("textPixelWidth: %d, %d", textPixelWidth("7 -> 1", 1), textPixelWidth("", 2))
	}
}
