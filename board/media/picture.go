package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// Picture limits.
const (
	MaxPixels = 40_000_000 // declared width × height
	MaxSide   = 10_000     // declared width or height
	MaxOutput = 2_560      // the longest side kept; larger pictures are scaled down
)

// Errors of Picture, checked with errors.Is.
var (
	ErrTooLarge = errors.New("picture too large") // declared size above MaxPixels or MaxSide
	ErrBroken   = errors.New("picture cannot be read")
)

// Result is a picture made safe: re-encoded bytes without metadata, their type and size.
type Result struct {
	Data          []byte
	Type          string // JPEG or PNG
	Width, Height int
}

// Config reads a picture's declared size from its header without decoding it (so nothing is
// allocated for the pixels) and refuses one above MaxPixels or MaxSide with ErrTooLarge.
func Config(data []byte, typ string) (image.Config, error) {
	var cfg image.Config
	var err error
	r := bytes.NewReader(data)
	switch typ {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(r)
	case PNG:
		cfg, err = png.DecodeConfig(r)
	case GIF:
		cfg, err = gif.DecodeConfig(r)
	case WebP:
		cfg, err = webp.DecodeConfig(r)
	default:
		return cfg, fmt.Errorf("%s: %w", typ, ErrBroken)
	}
	if err != nil {
		return cfg, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, ErrBroken
	}
	if cfg.Width > MaxSide || cfg.Height > MaxSide || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return cfg, fmt.Errorf("%d×%d: %w", cfg.Width, cfg.Height, ErrTooLarge)
	}
	return cfg, nil
}

// Picture checks the declared size (Config), decodes the picture (a GIF's first frame), turns
// it upright by its EXIF orientation, scales it to at most MaxOutput on its longest side and
// re-encodes it without metadata: EXIF, GPS, XMP, ICC and comments are not carried over. A JPEG
// or an opaque lossy WebP becomes a JPEG; everything else a PNG.
func Picture(data []byte, typ string) (Result, error) {
	if _, err := Config(data, typ); err != nil {
		return Result{}, err
	}
	var img image.Image
	var err error
	r := bytes.NewReader(data)
	switch typ {
	case JPEG:
		img, err = jpeg.Decode(r)
	case PNG:
		img, err = png.Decode(r)
	case GIF:
		img, err = gif.Decode(r)
	case WebP:
		img, err = webp.Decode(r)
	}
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	img = Fit(img, MaxOutput) // first: turning a smaller picture is cheaper
	if typ == JPEG {
		img = Orient(img, Orientation(data))
	}
	return encode(img, typ == JPEG)
}

// encode writes img as a JPEG (lossy: a photo) or a PNG, with nothing but the pixels.
func encode(img image.Image, lossy bool) (Result, error) {
	var buf bytes.Buffer
	var err error
	out := PNG
	if _, ycc := img.(*image.YCbCr); ycc || lossy {
		// Lossy in, lossy out: a photo as PNG would be several times larger.
		out = JPEG
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img)
	}
	if err != nil {
		return Result{}, fmt.Errorf("encode picture: %w", err)
	}
	b := img.Bounds()
	return Result{Data: buf.Bytes(), Type: out, Width: b.Dx(), Height: b.Dy()}, nil
}

// Smaller makes a smaller version of a stored picture (one Picture made: upright, without
// metadata), at most side pixels on its longest side, in the same type; for phones.
func Smaller(data []byte, typ string, side int) (Result, error) {
	if _, err := Config(data, typ); err != nil {
		return Result{}, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	return encode(Fit(img, side), typ == JPEG)
}

// Fit scales img down so that its longest side is at most side; a smaller image is returned as
// it is. A large reduction first averages k×k blocks (a box filter, k the whole factor), then
// interpolates bilinearly to the exact size: x/image/draw's kernel scalers (Catmull-Rom) need a
// float buffer of width×height×32 bytes, 245 MB for a 12-megapixel photo, where this needs one
// RGBA copy.
func Fit(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return img
	}
	dw, dh := side, max(1, h*side/w)
	if h > w {
		dw, dh = max(1, w*side/h), side
	}
	src := img
	if k := min(w/dw, h/dh); k >= 2 {
		rgba := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
		src = boxShrink(rgba, k)
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst
}

// boxShrink averages each k×k block of src into one pixel.
func boxShrink(src *image.RGBA, k int) *image.RGBA {
	w, h := src.Bounds().Dx()/k, src.Bounds().Dy()/k
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	n := uint32(k * k)
	for y := range h {
		for x := range w {
			var sum [4]uint32
			for dy := range k {
				row := src.Pix[(y*k+dy)*src.Stride+x*k*4:]
				for dx := range k {
					p := row[dx*4 : dx*4+4]
					sum[0] += uint32(p[0])
					sum[1] += uint32(p[1])
					sum[2] += uint32(p[2])
					sum[3] += uint32(p[3])
				}
			}
			o := dst.Pix[y*dst.Stride+x*4:]
			o[0], o[1], o[2], o[3] = uint8(sum[0]/n), uint8(sum[1]/n), uint8(sum[2]/n), uint8(sum[3]/n)
		}
	}
	return dst
}

// Orientation reads the EXIF orientation (1-8) of a JPEG; 1 (upright) when there is none.
func Orientation(jpg []byte) int {
	if len(jpg) < 4 || jpg[0] != 0xFF || jpg[1] != 0xD8 {
		return 1
	}
	p := 2
	for p+4 <= len(jpg) {
		if jpg[p] != 0xFF {
			return 1
		}
		marker := jpg[p+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 {
			p += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan: no more headers
			return 1
		}
		n := int(binary.BigEndian.Uint16(jpg[p+2:]))
		if n < 2 || p+2+n > len(jpg) {
			return 1
		}
		seg := jpg[p+4 : p+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
		p += 2 + n
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in IFD0 of a TIFF header.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	n := int(bo.Uint16(t[off:]))
	for i := range n {
		e := off + 2 + 12*i
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 {
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// Orient applies an EXIF orientation (1-8) so that the image is upright.
func Orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range h {
		for x := range w {
			var dx, dy int
			switch o {
			case 2: // mirrored horizontally
				dx, dy = w-1-x, y
			case 3: // rotated 180
				dx, dy = w-1-x, h-1-y
			case 4: // mirrored vertically
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // rotated 90 clockwise to be upright
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // rotated 90 counter-clockwise to be upright
				dx, dy = y, w-1-x
			}
			dst.Set(dx, dy, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return dst
}
