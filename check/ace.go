package check

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Ace runs DAISY Ace (its ace-puppeteer command, from npm's @daisy/ace)
// on an EPUB and returns every violation it reports, of any impact. Ace
// drives a headless Chromium: PUPPETEER_EXECUTABLE_PATH is set to
// /usr/bin/chromium unless the environment already names one. It returns
// ErrToolMissing when ace-puppeteer or a browser cannot be found.
func Ace(ctx context.Context, path string) ([]Finding, error) {
	bin, err := lookTool("ace-puppeteer")
	if err != nil {
		return nil, fmt.Errorf("%w: ace-puppeteer (npm install @daisy/ace@1.4.6 and put its node_modules/.bin on PATH)", ErrToolMissing)
	}
	browser := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if browser == "" {
		browser = "/usr/bin/chromium"
	}
	if _, err := os.Stat(browser); err != nil {
		return nil, fmt.Errorf("%w: a Chromium for Ace at %s (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)", ErrToolMissing, browser)
	}
	out, err := os.MkdirTemp("", "edition-ace-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(out)
	cmd := exec.CommandContext(ctx, bin, "--silent", "--force", "--outdir", out, path)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+browser)
	// Ace keeps its config and cache under HOME; keep them out of the user's.
	cmd.Env = append(cmd.Env, "HOME="+out, "XDG_CONFIG_HOME="+out, "XDG_CACHE_HOME="+out)
	msg, runErr := cmd.CombinedOutput()
	report, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		if runErr != nil {
			return nil, fmt.Errorf("ace: %v: %s", runErr, strings.TrimSpace(string(msg)))
		}
		return nil, fmt.Errorf("ace wrote no report: %w", err)
	}
	return parseAceReport(report)
}

// aceReport is the part of Ace's report.json (EARL) that we read.
type aceReport struct {
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Impact string `json:"earl:impact"`
				Title  string `json:"dct:title"`
				Desc   string `json:"dct:description"`
			} `json:"earl:test"`
			Result struct {
				Outcome string `json:"earl:outcome"`
				Desc    string `json:"dct:description"`
				Pointer struct {
					CSS []string `json:"css"`
				} `json:"earl:pointer"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
}

func parseAceReport(data []byte) ([]Finding, error) {
	var r aceReport
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("ace: cannot read report.json: %w", err)
	}
	var fs []Finding
	for _, doc := range r.Assertions {
		for _, a := range doc.Assertions {
			if a.Result.Outcome != "fail" {
				continue
			}
			sev := Warning
			switch a.Test.Impact {
			case "critical", "serious":
				sev = Error
			}
			where := doc.Subject.URL
			if len(a.Result.Pointer.CSS) > 0 {
				where += " " + strings.Join(a.Result.Pointer.CSS, ", ")
			}
			msg := strings.TrimSpace(a.Result.Desc)
			if msg == "" {
				msg = strings.TrimSpace(a.Test.Desc)
			}
			fs = append(fs, Finding{
				Severity: sev,
				Checker:  "ace",
				Code:     a.Test.Title + " (" + a.Test.Impact + ")",
				Where:    where,
				Message:  msg,
			})
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Severity < fs[j].Severity })
	return fs, nil
}
