// Package fetch downloads the pictures that articles give by web address,
// for `edition build --allow-remote`: one GET at a time, over http or https,
// with an overall timeout, a size cap, a User-Agent naming edition, at most
// a few redirects, and never to a private, loopback or link-local address.
// The address is checked after DNS resolution, in the dialer, so a name that
// resolves (or re-resolves) to an internal address is refused too.
//
// It is not a general HTTP client and not used by the library on its own:
// content.Loader downloads only through a Fetch function its caller gives,
// and only cmd/edition gives one, when asked to.
package fetch
