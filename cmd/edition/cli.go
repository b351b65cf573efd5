package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/edition-project/edition/check"
	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
	"github.com/edition-project/edition/edition/epub"
	"github.com/edition-project/edition/edition/pdf"
	"github.com/edition-project/edition/examples"
)

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1 // the input has a problem, or the build failed
	exitUsage   = 2 // the command line is wrong
)

const usage = `edition builds an EPUB 3 and a print PDF from a news article.

Usage:
  edition build [PATH...] [-o DIR] [-j N] [--format epub,pdf] [--page-size a4|letter] [--columns 1|2] [--certify] [--allow-remote] [--embed-fonts]
  edition check [-u] [--builtin] FILE...
  edition version

PATH is an article's Markdown file or a folder holding one (index.md), a
schema.org JSON-LD article (.json, .jsonld), or an edition manifest
(edition.yaml, or a folder holding one) listing sections of articles.
Without PATH, build builds the embedded example article. Given several
paths, build builds them at once (-j at a time), each into its own files,
reports each on stderr with a summary, and exits 1 if any failed.
check validates EPUB and PDF files (any, not only ours) with the built-in
checks and, when installed, EPUBCheck, DAISY Ace and qpdf; it exits 1 when
it finds a problem.

Build flags:
`

// renderers are the formats edition writes, in the order they are built.
var renderers = []edition.Renderer{pdf.Renderer{}, epub.Renderer{}}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		buildFlags(nil).PrintDefaults()
		return exitUsage
	}
	var err error
	switch args[0] {
	case "build":
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		err = build(ctx, args[1:], stdout, stderr)
	case "check":
		err = checkFiles(context.Background(), args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "edition", version())
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		fs := buildFlags(nil)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return exitOK
	default:
		err = usageError{fmt.Sprintf("unknown command %q: use build, check or version", args[0])}
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errFindings):
		return exitContent
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintf(stderr, "edition: %s\n", timeoutHint(err))
		return exitContent
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "edition: %v\nRun 'edition help' for usage.\n", err)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "edition: %v\n", err)
		return exitContent
	}
}

type buildOptions struct {
	out         string
	formats     string
	pageSize    string
	columns     int
	certify     bool
	jobs        int  // inputs built at once; 0 means one per CPU
	allowRemote bool // download pictures given by web address
	embedFonts  bool // put the PDF's fonts into the EPUB
	noCache     bool // make generated covers afresh, keep none
	limits      limitFlags
}

func buildFlags(o *buildOptions) *flag.FlagSet {
	if o == nil {
		o = &buildOptions{}
	}
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.StringVar(&o.out, "o", ".", "write the files into `DIR`")
	fs.StringVar(&o.formats, "format", "epub,pdf", "the formats to write, comma-separated: epub, pdf")
	fs.StringVar(&o.pageSize, "page-size", "a4", "paper size of the PDF: a4 or letter")
	fs.IntVar(&o.columns, "columns", 1, "columns of the PDF's article bodies: 1 or 2 (under a full-width head)")
	fs.BoolVar(&o.certify, "certify", false, "run EPUBCheck and DAISY Ace on the EPUB and, when they find nothing,\nclaim conformance to EPUB Accessibility 1.1 (WCAG 2.2 AA) in it")
	fs.IntVar(&o.jobs, "j", 0, "build up to `N` of the given paths at once (default: one per CPU)")
	fs.BoolVar(&o.embedFonts, "embed-fonts", false, "put the fonts the text needs, with their licences, into the EPUB\n(as the PDF is set; adds 0.2 to 4 MB)")
	fs.BoolVar(&o.allowRemote, "allow-remote", false, "download pictures that articles give by http or https address\n(20 s timeout, 30 MB cap, public addresses only)")
	fs.BoolVar(&o.noCache, "no-cache", false, "neither use nor keep generated covers in the user's cache folder\n(the files are the same either way; the cache saves ~0.1 s a build)")
	o.limits.register(fs)
	return fs
}

// parseInterspersed parses flags that may come before or after positional
// arguments ("build article.md -o out").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func build(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o buildOptions
	fs := buildFlags(&o)
	fs.SetOutput(stderr)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if o.jobs < 0 {
		return usageError{fmt.Sprintf("-j %d: give the number of paths to build at once, 1 or more", o.jobs)}
	}
	want := map[string]bool{}
	for _, f := range strings.Split(o.formats, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if !slices.ContainsFunc(renderers, func(r edition.Renderer) bool { return r.Name() == f }) {
			return usageError{fmt.Sprintf("unknown format %q: use epub, pdf or epub,pdf", f)}
		}
		want[f] = true
	}
	// In the renderers' order, whatever order the flag gave.
	var chosen []edition.Renderer
	for _, r := range renderers {
		if want[r.Name()] {
			chosen = append(chosen, r)
		}
	}
	opts := edition.Options{PageSize: edition.PageSize(strings.ToLower(o.pageSize)), EmbedFonts: o.embedFonts}
	if opts.PageSize != edition.A4 && opts.PageSize != edition.Letter {
		return usageError{fmt.Sprintf("unknown page size %q: use a4 or letter", o.pageSize)}
	}
	if o.columns != 1 && o.columns != 2 {
		return usageError{fmt.Sprintf("--columns %d: use 1 or 2", o.columns)}
	}
	opts.Columns = o.columns
	if opts.Modified, err = sourceDateEpoch(); err != nil {
		return usageError{err.Error()}
	}
	if err := o.limits.check(); err != nil {
		return err
	}
	o.limits.applyMemory(fs)
	opts.Limits = o.limits.limits()
	if !o.noCache {
		opts.Cache = userCache()
	}

	// An edition's manifest may choose the paper and the columns; the
	// flags, when given, win.
	pageSizeFlag, columnsFlag := false, false
	fs.Visit(func(f *flag.Flag) {
		pageSizeFlag = pageSizeFlag || f.Name == "page-size"
		columnsFlag = columnsFlag || f.Name == "columns"
	})
	w := writer{out: o.out, renderers: chosen, opts: opts, pageSizeFlag: pageSizeFlag, columnsFlag: columnsFlag, certify: o.certify}
	if len(paths) > 1 {
		// --timeout bounds each input of a batch, not the whole batch.
		return buildBatch(ctx, w, o.allowRemote, paths, o.jobs, o.limits.withTimeout, stderr)
	}
	ctx, cancel := o.limits.withTimeout(ctx)
	defer cancel()
	ld := newLoader(ctx, o.allowRemote, opts.Limits.MaxImageBytes)
	ed, err := load(ctx, func() (*content.Edition, error) { return readEdition(ld, paths) })
	if err != nil {
		return remoteHint(err, o.allowRemote)
	}
	return w.write(ctx, ed, func(name string, n int64) { fmt.Fprintf(stdout, "wrote %s (%s)\n", name, size(n)) })
}

// userCache returns the cache of generated covers in the user's cache
// folder ($XDG_CACHE_HOME/edition, ~/Library/Caches/edition, …), or nil
// when there is none.
func userCache() edition.Cache {
	dir, err := os.UserCacheDir()
	if err != nil {
		return nil
	}
	return edition.DirCache{Dir: filepath.Join(dir, "edition", "covers")}
}

// writer builds editions into files, with the options of one command line.
type writer struct {
	out          string
	renderers    []edition.Renderer
	opts         edition.Options
	pageSizeFlag bool // --page-size was given: it wins over a manifest's
	columnsFlag  bool // --columns was given: it wins over a manifest's
	certify      bool
}

// write builds ed and writes its files, calling wrote after each.
func (w writer) write(ctx context.Context, ed *content.Edition, wrote func(name string, n int64)) error {
	opts := w.opts
	if ps := edition.PageSize(strings.ToLower(ed.Theme.PageSize)); !w.pageSizeFlag && ps != "" {
		opts.PageSize = ps
	}
	if !w.columnsFlag && ed.Theme.Columns != 0 {
		opts.Columns = ed.Theme.Columns
	}
	opts.DeferCover = true // made by render, when and if a format needs it
	book, err := edition.Build(ctx, ed, opts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(w.out, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder: %w", err)
	}
	written, pages, err := w.render(ctx, book)
	if err != nil {
		return err
	}
	for i, r := range w.renderers {
		name, n := filepath.Join(w.out, book.Slug+"."+r.Name()), written[i]
		if _, ok := r.(epub.Renderer); ok && w.certify {
			if n, err = certify(ctx, name, book, pages); err != nil {
				return err
			}
		}
		wrote(name, n)
	}
	return nil
}

// render writes book in every format, all at once, and commits the files
// together: every format is written, or none is (see staging). It returns
// the files' sizes, in the order of w.renderers, and the EPUB's page list.
//
// The EPUB's page list is the PDF's pagination, so that both editions cite
// the same page numbers: the PDF renderer hands it over as soon as its
// pages are laid out, and the EPUB is made while the PDF is drawn and
// finished (fonts cut, pages compressed), on another core. Without the
// PDF, the pages are laid out for the EPUB alone (pdf.Paginate).
func (w writer) render(parent context.Context, book *edition.Book) ([]int64, *edition.Pagination, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var st staging
	defer st.discard()

	hasPDF, others := false, false // others: formats other than the PDF, which may show the cover
	for _, r := range w.renderers {
		_, ok := r.(pdf.Renderer)
		hasPDF, others = hasPDF || ok, others || !ok
	}
	pages := make(chan *edition.Pagination, 1)
	pdfDone := make(chan struct{})
	written := make([]int64, len(w.renderers))
	errs := make([]error, len(w.renderers))
	var paged *edition.Pagination // the EPUB's page list
	var wg sync.WaitGroup

	// The cover (a tenth of a second to paint when it is not in the
	// cache): a whole edition's PDF opens with it, so it is made first; a
	// single article's PDF does not show it, so it is made meanwhile, for
	// the EPUB, or not at all for the PDF alone.
	var coverErr error
	coverDone := make(chan struct{})
	switch {
	case book.FrontMatter() || !hasPDF:
		coverErr = book.MakeCover(ctx)
		close(coverDone)
		if coverErr != nil {
			return nil, nil, coverErr
		}
	case others:
		wg.Go(func() {
			defer close(coverDone)
			if coverErr = book.MakeCover(ctx); coverErr != nil {
				cancel()
			}
		})
	default:
		close(coverDone) // the PDF of one article alone: no cover
	}
	for i, r := range w.renderers {
		render := r.Render
		switch r := r.(type) {
		case pdf.Renderer:
			r.Paginated = func(p *edition.Pagination) { pages <- p }
			render = func(ctx context.Context, w io.Writer, b *edition.Book) error {
				defer close(pdfDone)
				return r.Render(ctx, w, b)
			}
		case epub.Renderer:
			render = func(ctx context.Context, w io.Writer, b *edition.Book) error {
				var err error
				if !hasPDF {
					r.Pages, err = pdf.Paginate(ctx, b)
				} else {
					select {
					case r.Pages = <-pages:
					case <-pdfDone:
						select {
						case r.Pages = <-pages:
						default:
							return errGaveUp // the PDF's error is the one to report
						}
					}
				}
				if err != nil {
					return err
				}
				<-coverDone
				if coverErr != nil {
					return errGaveUp // the cover's error is the one to report
				}
				paged = r.Pages
				return r.Render(ctx, w, b)
			}
		default:
			render = func(ctx context.Context, w io.Writer, b *edition.Book) error {
				<-coverDone
				if coverErr != nil {
					return errGaveUp
				}
				return r.Render(ctx, w, b)
			}
		}
		name := filepath.Join(w.out, book.Slug+"."+r.Name())
		wg.Go(func() {
			n, err := st.write(name, func(w io.Writer) error { return render(ctx, w, book) })
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", name, err)
				cancel() // the others' work is lost anyway
				return
			}
			written[i] = n
		})
	}
	wg.Wait()
	if coverErr != nil {
		return nil, nil, coverErr // an error about the content, as Build's
	}
	// The first failure in the order of the formats is the one to report,
	// but not one that only echoes another's: the EPUB without the PDF's
	// pages, or a format cancelled because another failed.
	echo := func(err error) bool {
		return errors.Is(err, errGaveUp) || parent.Err() == nil && errors.Is(err, context.Canceled)
	}
	for _, err := range errs {
		if err != nil && !echo(err) {
			return nil, nil, err
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	if err := parent.Err(); err != nil {
		return nil, nil, err
	}
	return written, paged, st.commit()
}

// errGaveUp is the error of a format that waited for what another part of
// the build failed to make: the PDF's pages, or the cover. That part's
// error is reported instead.
var errGaveUp = errors.New("gave up: another part of the build failed")

// certifiedBy names who checked a certified EPUB, and with what.
const certifiedBy = "edition, checked with EPUBCheck and DAISY Ace"

// certify runs the checks that back an accessibility conformance claim
// (EPUBCheck and DAISY Ace, on the EPUB as written) and, when both ran and
// found nothing, writes the EPUB again with the claim. The EPUB without the
// claim stays when they did not pass.
func certify(ctx context.Context, name string, book *edition.Book, pages *edition.Pagination) (int64, error) {
	var findings []check.Finding
	for _, run := range []func(context.Context, string) ([]check.Finding, error){check.EPUBCheck, check.Ace} {
		fs, err := run(ctx, name)
		if err != nil {
			return 0, fmt.Errorf("%s: cannot certify: %w", name, err)
		}
		for _, f := range fs {
			if f.Severity != check.Usage {
				findings = append(findings, f)
			}
		}
	}
	if len(findings) > 0 {
		var b strings.Builder
		for _, f := range findings {
			fmt.Fprintf(&b, "\n  %s", f)
		}
		return 0, fmt.Errorf("%s: not certified: the checks found %d problems (the EPUB was written without the claim):%s", name, len(findings), b.String())
	}
	r := epub.Renderer{Pages: pages, Certified: certifiedBy}
	return writeAtomic(name, func(w io.Writer) error { return r.Render(ctx, w, book) })
}

// readEdition loads what the user named: nothing (the embedded example), an
// edition manifest (edition.yaml, or a folder holding one), a JSON-LD
// article (.json, .jsonld) or a Markdown article (file or folder).
func readEdition(ld content.Loader, paths []string) (*content.Edition, error) {
	if len(paths) == 0 {
		a, err := examples.Aleppo()
		if err != nil {
			return nil, err
		}
		return content.SingleArticle(a), nil
	}
	p := paths[0]
	ext := strings.ToLower(filepath.Ext(p))
	isManifest := ext == ".yaml" || ext == ".yml"
	if fi, err := os.Stat(filepath.Join(p, content.ManifestName)); err == nil && fi.Mode().IsRegular() {
		isManifest = true
	}
	var a *content.Article
	var err error
	switch {
	case isManifest:
		return ld.ReadEditionFile(p)
	case ext == ".json" || ext == ".jsonld":
		a, err = ld.ReadJSONLDFile(p)
	default:
		a, err = ld.ReadArticleFile(p)
	}
	if err != nil {
		return nil, err
	}
	return content.SingleArticle(a), nil
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): the
// build's timestamp, in seconds since 1970. Zero time when unset.
func sourceDateEpoch() (time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a count of seconds since 1970: set it to an integer such as 1481577960, or unset it", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// writeAtomic writes a file through a temporary file in the same folder and
// renames it into place, so that a failed build leaves nothing behind and a
// reader never sees half a file.
func writeAtomic(name string, write func(io.Writer) error) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("cannot write in the output folder: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	cw := &countWriter{w: f}
	if err := write(cw); err != nil {
		return 0, err
	}
	if err := f.Chmod(0o644); err != nil {
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp, name); err != nil {
		return 0, err
	}
	ok = true
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
