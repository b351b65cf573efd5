package check

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/fonts"
)

// makePDF writes a one-page PDF; core uses a core (unembedded) font.
func makePDF(t *testing.T, core, title, lang bool) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCreationDate(time.Unix(0, 0))
	f.SetModificationDate(time.Unix(0, 0))
	if title {
		f.SetTitle("A title", true)
	}
	if lang {
		f.SetLang("en")
	}
	f.AddPage()
	if core {
		f.SetFont("Helvetica", "", 12)
	} else {
		f.AddUTF8FontFromBytes("serif", "", fonts.Serif.Bytes())
		f.SetFont("serif", "", 12)
	}
	f.Text(50, 50, "Hello")
	var buf bytes.Buffer
	require.NoError(t, f.Output(&buf))
	return buf.Bytes()
}

func TestPDF(t *testing.T) {
	fs, err := PDF(bytes.NewReader(makePDF(t, false, true, true)))
	require.NoError(t, err)
	assert.Empty(t, fs)

	fs, err = PDF(bytes.NewReader(makePDF(t, true, false, false)))
	require.NoError(t, err)
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.String())
	}
	require.Len(t, fs, 3, msgs)
	assert.Contains(t, fs[0].Message, "Helvetica is not embedded")
	assert.Contains(t, fs[1].Message, "no title")
	assert.Contains(t, fs[2].Message, "no language")

	fs, err = PDF(bytes.NewReader([]byte("not a pdf")))
	require.NoError(t, err)
	require.Len(t, fs, 1)
	assert.Equal(t, Fatal, fs[0].Severity)

	_, err = PDF(nil)
	assert.Error(t, err)
}

func TestQpdf(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pdf")
	require.NoError(t, os.WriteFile(good, makePDF(t, false, true, true), 0o600))
	fs, err := Qpdf(context.Background(), good)
	if errors.Is(err, ErrToolMissing) {
		if os.Getenv("EDITION_REQUIRE_TOOLS") == "1" {
			t.Fatal("qpdf is required (EDITION_REQUIRE_TOOLS=1) but not installed")
		}
		t.Skip("qpdf not installed")
	}
	require.NoError(t, err)
	assert.Empty(t, fs)

	bad := filepath.Join(dir, "bad.pdf")
	require.NoError(t, os.WriteFile(bad, []byte("%PDF-1.4\nnonsense\n"), 0o600))
	fs, err = Qpdf(context.Background(), bad)
	require.NoError(t, err)
	assert.NotEmpty(t, fs)
	_, lookErr := exec.LookPath("qpdf")
	assert.NoError(t, lookErr)
}
