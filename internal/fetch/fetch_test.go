package fetch_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/internal/fetch"
)

// loopbackOnly lets a test reach its httptest server (127.0.0.1) and
// nothing else: every other address keeps being refused.
func loopbackOnly(a netip.Addr) bool { return a == netip.MustParseAddr("127.0.0.1") }

func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4))))
	return b.Bytes()
}

// server serves a PNG at /photo.png, HTML at /page, and whatever the test
// adds; hits counts the requests it saw.
func server(t *testing.T, extra map[string]http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	hits := &atomic.Int32{}
	img := pngBytes(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/photo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("X-Agent", r.UserAgent())
		w.Write(img)
	})
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body>not a picture</body></html>"))
	})
	for path, h := range extra {
		mux.HandleFunc(path, h)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, hits
}

func TestFetch(t *testing.T) {
	var agent string
	srv, _ := server(t, map[string]http.HandlerFunc{
		"/agent.png": func(w http.ResponseWriter, r *http.Request) {
			agent = r.UserAgent()
			w.Header().Set("Content-Type", "image/png")
			w.Write(pngBytes(t))
		},
	})
	f := fetch.New(fetch.Options{Allow: loopbackOnly, UserAgent: "edition/test"})
	data, err := f.Fetch(context.Background(), srv.URL+"/agent.png")
	require.NoError(t, err)
	assert.Equal(t, pngBytes(t), data)
	assert.Equal(t, "edition/test", agent)

	data, err = fetch.New(fetch.Options{Allow: loopbackOnly}).Fetch(context.Background(), srv.URL+"/agent.png")
	require.NoError(t, err)
	assert.NotEmpty(t, data)
	assert.Contains(t, agent, "edition")
}

// TestRefusesLoopbackByDefault checks that the default rule refuses the
// httptest server's own address, by number and by name, without a request
// ever reaching it.
func TestRefusesLoopbackByDefault(t *testing.T) {
	srv, hits := server(t, nil)
	f := fetch.New(fetch.Options{})
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{srv.URL + "/photo.png", "http://localhost" + port + "/photo.png"} {
		_, err := f.Fetch(context.Background(), u)
		require.Error(t, err, u)
		assert.ErrorIs(t, err, fetch.ErrRefused, u)
		assert.Contains(t, err.Error(), "loopback", u)
	}
	assert.Zero(t, hits.Load(), "no request reached the server")
}

func TestSizeCap(t *testing.T) {
	big := append(pngBytes(t), make([]byte, 5000)...)
	srv, _ := server(t, map[string]http.HandlerFunc{
		// Content-Length given: refused before reading the body.
		"/big.png": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			w.Write(big)
		},
		// Chunked, no length: cut off at the cap.
		"/stream.png": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			for i := 0; i < 10; i++ {
				w.Write(big[:1000])
				w.(http.Flusher).Flush()
			}
		},
	})
	f := fetch.New(fetch.Options{Allow: loopbackOnly, MaxBytes: 4096})
	for _, path := range []string{"/big.png", "/stream.png"} {
		_, err := f.Fetch(context.Background(), srv.URL+path)
		assert.ErrorIs(t, err, fetch.ErrTooBig, path)
	}
	_, err := f.Fetch(context.Background(), srv.URL+"/photo.png")
	assert.NoError(t, err, "a picture under the cap")
}

func TestTimeout(t *testing.T) {
	srv, _ := server(t, map[string]http.HandlerFunc{
		"/slow.png": func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done() // never answers; ends when the client gives up
		},
		"/trickle.png": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG"))
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		},
	})
	f := fetch.New(fetch.Options{Allow: loopbackOnly, Timeout: 100 * time.Millisecond})
	for _, path := range []string{"/slow.png", "/trickle.png"} {
		_, err := f.Fetch(context.Background(), srv.URL+path)
		require.Error(t, err, path)
		assert.Contains(t, err.Error(), "no complete answer within 100ms", path)
	}

	// Cancelling the caller's context stops a download too.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := fetch.New(fetch.Options{Allow: loopbackOnly}).Fetch(ctx, srv.URL+"/slow.png")
	assert.ErrorIs(t, err, context.Canceled)
}

// TestRedirects checks that redirects are followed to allowed addresses
// only: a redirect to a private, link-local or other loopback address, or
// to another scheme, is refused.
func TestRedirects(t *testing.T) {
	var port string
	srv, _ := server(t, map[string]http.HandlerFunc{
		"/to/": func(w http.ResponseWriter, r *http.Request) {
			target := map[string]string{
				"/to/same":      "/photo.png",
				"/to/private":   "http://10.0.0.1/photo.png",
				"/to/metadata":  "http://169.254.169.254/latest/meta-data/",
				"/to/loopback2": "http://127.0.0.2" + port + "/photo.png",
				"/to/ipv6":      "http://[::1]" + port + "/photo.png",
				"/to/file":      "file:///etc/passwd",
				"/to/loop":      "/to/loop",
			}[r.URL.Path]
			http.Redirect(w, r, target, http.StatusFound)
		},
	})
	port = srv.URL[strings.LastIndex(srv.URL, ":"):]
	f := fetch.New(fetch.Options{Allow: loopbackOnly})
	_, err := f.Fetch(context.Background(), srv.URL+"/to/same")
	assert.NoError(t, err, "a redirect on the same server")
	for _, path := range []string{"/to/private", "/to/metadata", "/to/loopback2", "/to/ipv6", "/to/file", "/to/loop"} {
		_, err := f.Fetch(context.Background(), srv.URL+path)
		assert.ErrorIs(t, err, fetch.ErrRefused, path)
	}
}

func TestNotImage(t *testing.T) {
	srv, _ := server(t, map[string]http.HandlerFunc{
		"/untyped": func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil // no type: sniffed
			w.Write([]byte("<!DOCTYPE html><html></html>"))
		},
		"/untyped.png": func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil
			w.Write(pngBytes(t))
		},
		"/missing.png": http.NotFound,
	})
	f := fetch.New(fetch.Options{Allow: loopbackOnly})
	for _, path := range []string{"/page", "/untyped"} {
		_, err := f.Fetch(context.Background(), srv.URL+path)
		assert.ErrorIs(t, err, fetch.ErrNotImage, path)
	}
	_, err := f.Fetch(context.Background(), srv.URL+"/untyped.png")
	assert.NoError(t, err, "an untyped PNG is sniffed as one")
	_, err = f.Fetch(context.Background(), srv.URL+"/missing.png")
	assert.ErrorContains(t, err, "404")
}

func TestSchemes(t *testing.T) {
	f := fetch.New(fetch.Options{})
	for _, u := range []string{"ftp://example.com/a.jpg", "file:///etc/passwd", "data:image/png;base64,AAAA", "photo.jpg", "http:///a.jpg"} {
		_, err := f.Fetch(context.Background(), u)
		assert.ErrorIs(t, err, fetch.ErrRefused, u)
	}
}

func TestPublic(t *testing.T) {
	for s, want := range map[string]bool{
		"93.184.215.14":         true,
		"2606:4700::1111":       true,
		"127.0.0.1":             false,
		"127.1.2.3":             false,
		"10.1.2.3":              false,
		"172.16.0.1":            false,
		"192.168.1.1":           false,
		"169.254.169.254":       false,
		"100.64.0.1":            false,
		"0.0.0.0":               false,
		"255.255.255.255":       false,
		"224.0.0.1":             false,
		"::1":                   false,
		"::":                    false,
		"fe80::1":               false,
		"fd00::1":               false,
		"::ffff:127.0.0.1":      false,
		"::ffff:10.0.0.1":       false,
		"64:ff9b::a00:1":        false,
		"2002:a00:1::1":         false,
		"::ffff:93.184.215.14":  true,
		"2001:db8::1":           false,
		"ff02::1":               false,
		"fec0::1":               false,
		"198.18.0.1":            false,
		"2001:0:4136:e378::1":   false,
		"2a00:1450:4001:80b::1": true,
	} {
		assert.Equal(t, want, fetch.Public(netip.MustParseAddr(s)), s)
	}
}
