package images

import (
	"sync"
	"testing"
)

var benchJPEG = sync.OnceValue(func() []byte { return encodeJPEG(&testing.B{}, photo(3000, 2000)) })

func BenchmarkDecode3000x2000(b *testing.B) {
	data := benchJPEG()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepare3000x2000 is what a build does with one camera photo:
// decode once, prepare for both formats.
func BenchmarkPrepare3000x2000(b *testing.B) {
	data := benchJPEG()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := Decode(data, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.Screen(); err != nil {
			b.Fatal(err)
		}
		if _, err := d.Print(2008); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScreen3000x2000(b *testing.B) {
	d, err := Decode(benchJPEG(), Limits{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Screen(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPrint3000x2000(b *testing.B) {
	d, err := Decode(benchJPEG(), Limits{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Print(2008); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrintPassthrough is the fast path: a JPEG that fits.
func BenchmarkPrintPassthrough(b *testing.B) {
	data := encodeJPEG(b, photo(2000, 1333))
	b.ReportAllocs()
	for b.Loop() {
		d, err := Decode(data, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := d.Print(2008); err != nil {
			b.Fatal(err)
		}
	}
}
