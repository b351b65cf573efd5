package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/edition-project/edition/images"
)

// Defaults for the zero fields of Options.
const (
	DefaultTimeout   = 20 * time.Second
	DefaultUserAgent = "edition (+https://github.com/edition-project/edition)"
	maxRedirects     = 5
)

// ErrRefused is what errors.Is matches for a download that was refused
// before or instead of connecting: a private address, a scheme other than
// http or https, too many redirects.
var ErrRefused = errors.New("refused")

// ErrNotImage is what errors.Is matches when the server sent something other
// than a picture.
var ErrNotImage = errors.New("not a picture")

// ErrTooBig is what errors.Is matches when the picture is over the size cap.
var ErrTooBig = errors.New("too big")

// Options control a Fetcher; the zero value is the safe default.
type Options struct {
	// Timeout bounds a whole download: connecting, redirects and the body.
	// Zero means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes caps a picture's size; zero means images.DefaultMaxBytes,
	// the largest picture a build accepts anyway.
	MaxBytes int64
	// UserAgent names the client to servers; "" means DefaultUserAgent.
	UserAgent string
	// Allow decides which resolved addresses may be dialled; nil means
	// Public. Tests use it to reach an httptest server on loopback.
	Allow func(netip.Addr) bool
}

// Fetcher downloads pictures; it is safe for concurrent use.
type Fetcher struct {
	client  *http.Client
	max     int64
	agent   string
	timeout time.Duration
}

// New returns a Fetcher with the options o.
func New(o Options) *Fetcher {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = images.DefaultMaxBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	allow := o.Allow
	if allow == nil {
		allow = Public
	}
	dialer := &net.Dialer{
		Timeout: o.Timeout,
		// Control runs on the address actually dialled, after DNS: a name
		// that resolves to an internal address (DNS rebinding included) is
		// refused before any packet is sent to it.
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: cannot tell where %q leads", ErrRefused, address)
			}
			if a := ap.Addr().Unmap(); !allow(a) {
				return &RefusedError{Addr: a}
			}
			return nil
		},
	}
	tr := &http.Transport{
		// No proxy from the environment: the address checked must be the
		// server's own, not a proxy's that would then go anywhere.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   o.Timeout,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConns:          16,
		IdleConnTimeout:       30 * time.Second,
	}
	return &Fetcher{
		client: &http.Client{
			Transport:     tr,
			Timeout:       o.Timeout,
			CheckRedirect: checkRedirect,
		},
		max:     o.MaxBytes,
		agent:   o.UserAgent,
		timeout: o.Timeout,
	}
}

// RefusedError is a connection refused because of where it would go.
type RefusedError struct{ Addr netip.Addr }

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refused to connect to %s: it is %s; only public addresses are fetched", e.Addr, kind(e.Addr))
}

// Is makes errors.Is(err, ErrRefused) true.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d redirects", ErrRefused, maxRedirects)
	}
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return fmt.Errorf("%w: redirected to %q, which is not an http or https address", ErrRefused, req.URL.Redacted())
	}
	return nil
}

// Fetch downloads the picture at rawURL. Errors say why without repeating
// the address; the caller names it.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: not an http or https address", ErrRefused)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	req.Header.Set("User-Agent", f.agent)
	req.Header.Set("Accept", "image/*")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.explain(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the server answered %q", resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	if ct != "" {
		media, _, err := mime.ParseMediaType(ct)
		if err != nil || !strings.HasPrefix(media, "image/") {
			return nil, fmt.Errorf("%w: the server sent %q", ErrNotImage, ct)
		}
	}
	if resp.ContentLength > f.max {
		return nil, f.tooBig(resp.ContentLength)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.max+1))
	if err != nil {
		return nil, f.explain(ctx, err)
	}
	if int64(len(data)) > f.max {
		return nil, f.tooBig(-1)
	}
	if ct == "" {
		if media := http.DetectContentType(data); !strings.HasPrefix(media, "image/") {
			return nil, fmt.Errorf("%w: the server sent no type and it looks like %q", ErrNotImage, media)
		}
	}
	return data, nil
}

func (f *Fetcher) tooBig(n int64) error {
	if n < 0 {
		return fmt.Errorf("%w: the picture is more than the limit of %d MB", ErrTooBig, f.max>>20)
	}
	return fmt.Errorf("%w: the picture is %.1f MB, more than the limit of %d MB", ErrTooBig, float64(n)/(1<<20), f.max>>20)
}

// explain turns a transport error into one a reader can act on, keeping
// ErrRefused and the context's error matchable.
func (f *Fetcher) explain(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var re *RefusedError
	if errors.As(err, &re) {
		return re
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no complete answer within %s: try again, or save the picture next to the article", f.timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err // without "Get <url>:", which the caller says
	}
	return err
}

// Reserved ranges that netip's predicates do not cover.
var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may lead to any IPv4 address
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("2001::/32"),       // Teredo: tunnels to any IPv4 address
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4: tunnels to any IPv4 address
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
}

// Public reports whether a is a public unicast address, the only kind a
// Fetcher with default Options connects to.
func Public(a netip.Addr) bool { return kind(a) == "public" }

// kind names what sort of address a is, in words for error messages.
func kind(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case !a.IsValid():
		return "not an address"
	case a.IsLoopback():
		return "a loopback address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "a link-local address"
	case a.IsUnspecified():
		return "the unspecified address"
	case a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "a multicast address"
	}
	for _, p := range reserved {
		if p.Contains(a) {
			return "a reserved address"
		}
	}
	return "public"
}
