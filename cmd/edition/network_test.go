package main

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/internal/testtool"
)

// networkInputs are every fixture the project has: the test articles, the
// test editions and the example edition (the embedded example is built
// without a path).
func networkInputs(t *testing.T) []string {
	var in []string
	for _, pat := range []string{"../../testdata/articles/*", "../../testdata/editions/*", "../../examples/edition"} {
		m, err := filepath.Glob(pat)
		require.NoError(t, err)
		for _, p := range m {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				abs, err := filepath.Abs(p)
				require.NoError(t, err)
				in = append(in, abs)
			}
		}
	}
	require.GreaterOrEqual(t, len(in), 17)
	return in
}

// remoteArticle gives its photo by web address, which a build without
// --allow-remote must refuse without trying to fetch it.
const remoteArticle = "---\nheadline: Remote\npublished: 2024-05-01\nphoto:\n  src: https://example.com/photo.jpg\n  alt: A photo\n---\n\nText.\n"

// trap is a TCP listener that counts the connections made to it: a proxy
// that every HTTP client honouring the environment would go through.
func trap(t *testing.T) (addr string, accepted *atomic.Int64) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	accepted = new(atomic.Int64)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	return "http://" + l.Addr().String(), accepted
}

func proxyEnv(proxy string) []string {
	var env []string
	for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"} {
		env = append(env, k+"="+proxy)
	}
	return append(env, "NO_PROXY=", "no_proxy=")
}

// countingTransport fails and counts every request.
type countingTransport struct{ n *atomic.Int64 }

func (c countingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	c.n.Add(1)
	return nil, errors.New("test: the network is off limits")
}

// TestNoNetwork proves that no build reaches the network unasked, two ways.
//
// In this process: every fixture and the example are built with
// http.DefaultTransport replaced by one that fails and counts requests, and
// the proxy variables pointing at a local listener that counts connections:
// no request through net/http's defaults and no connection through a proxy.
//
// In a separate process, under strace: the same builds, as the command
// runs them, with every socket the process opens recorded by the kernel.
// No socket other than a Unix one may be opened at all: no TCP, UDP (DNS
// included) or netlink, whatever library would have made it. An article
// giving its photo by web address fails with a hint about --allow-remote,
// without a socket either.
func TestNoNetwork(t *testing.T) {
	inputs := networkInputs(t)
	proxy, accepted := trap(t)
	remote := filepath.Join(t.TempDir(), "remote.md")
	require.NoError(t, os.WriteFile(remote, []byte(remoteArticle), 0o644))

	t.Run("in process", func(t *testing.T) {
		for _, kv := range proxyEnv(proxy) {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
		var requests atomic.Int64
		saved := http.DefaultTransport
		http.DefaultTransport = countingTransport{&requests}
		defer func() { http.DefaultTransport = saved }()

		out := t.TempDir()
		var stdout, stderr bytes.Buffer
		require.Equal(t, exitOK, run(append([]string{"build", "-o", out}, inputs...), &stdout, &stderr), stderr.String())
		require.Equal(t, exitOK, run([]string{"build", "-o", out}, &stdout, &stderr), stderr.String())
		stderr.Reset()
		require.Equal(t, exitContent, run([]string{"build", "-o", out, remote}, &stdout, &stderr))
		assert.Contains(t, stderr.String(), "--allow-remote")
		assert.Zero(t, requests.Load(), "HTTP requests through http.DefaultTransport")
		assert.Zero(t, accepted.Load(), "connections to the proxy")
	})

	t.Run("strace", func(t *testing.T) {
		strace := testtool.Path(t, "strace", "apt-get install strace")
		exe, err := os.Executable()
		require.NoError(t, err)
		bin := t.TempDir()
		edition := filepath.Join(bin, "edition") // the test binary runs the command under this name (see TestMain)
		require.NoError(t, os.Symlink(exe, edition))
		out := t.TempDir()
		socket := regexp.MustCompile(`socket\((AF_\w+|PF_\w+)`)
		for _, tc := range []struct {
			name string
			args []string
			ok   bool
		}{
			{"fixtures", inputs, true},
			{"example", nil, true},
			{"remote photo", []string{remote}, false},
		} {
			trace := filepath.Join(t.TempDir(), "trace")
			args := append([]string{"-f", "-qq", "-e", "trace=%network", "-o", trace, edition, "build", "-o", out}, tc.args...)
			cmd := exec.Command(strace, args...)
			cmd.Env = append(os.Environ(), proxyEnv(proxy)...)
			output, err := cmd.CombinedOutput()
			if tc.ok {
				require.NoError(t, err, "%s: %s", tc.name, output)
			} else {
				require.Error(t, err, tc.name)
				assert.Contains(t, string(output), "--allow-remote")
			}
			data, err := os.ReadFile(trace)
			require.NoError(t, err)
			for _, m := range socket.FindAllStringSubmatch(string(data), -1) {
				assert.Contains(t, []string{"AF_UNIX", "PF_UNIX", "AF_LOCAL"}, m[1], "%s: a network socket was opened:\n%s", tc.name, data)
			}
			assert.NotContains(t, string(data), "connect(", "%s: a connection was attempted", tc.name)
		}
		assert.Zero(t, accepted.Load(), "connections to the proxy")
	})
}
