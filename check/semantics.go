package check

import (
	"encoding/xml"
	"strings"

	"golang.org/x/text/language"
)

// ariaRoles maps the epub:type values that have a DPUB-ARIA 1.1 role to
// that role. Assistive technology reads the role, not epub:type, so an
// epub:type without its role says nothing to a screen reader.
var ariaRoles = map[string]string{
	"abstract": "doc-abstract", "acknowledgments": "doc-acknowledgments", "afterword": "doc-afterword",
	"appendix": "doc-appendix", "backlink": "doc-backlink", "biblioref": "doc-biblioref",
	"bibliography": "doc-bibliography", "chapter": "doc-chapter", "colophon": "doc-colophon",
	"conclusion": "doc-conclusion", "cover": "doc-cover", "credit": "doc-credit", "credits": "doc-credits",
	"dedication": "doc-dedication", "endnotes": "doc-endnotes", "epigraph": "doc-epigraph",
	"epilogue": "doc-epilogue", "errata": "doc-errata", "example": "doc-example", "footnote": "doc-footnote",
	"glossary": "doc-glossary", "glossref": "doc-glossref", "index": "doc-index",
	"introduction": "doc-introduction", "noteref": "doc-noteref", "notice": "doc-notice",
	"pagebreak": "doc-pagebreak", "page-list": "doc-pagelist", "part": "doc-part", "preface": "doc-preface",
	"prologue": "doc-prologue", "pullquote": "doc-pullquote", "qna": "doc-qna", "subtitle": "doc-subtitle",
	"tip": "doc-tip", "toc": "doc-toc",
}

// deprecatedTypes are the epub:type values the EPUB 3 Structural Semantics
// Vocabulary 1.1 deprecates (endnote and biblioentry with their DPUB-ARIA
// roles).
var deprecatedTypes = map[string]bool{
	"annoref": true, "annotation": true, "biblioentry": true, "bridgehead": true, "endnote": true,
	"help": true, "marginalia": true, "note": true, "rearnote": true, "rearnotes": true,
	"sidebar": true, "subchapter": true, "warning": true,
}

// epubType checks an element's epub:type values: none deprecated, and each
// that has a DPUB-ARIA role paired with it. Links of the landmarks nav, and
// <html>, <head> and <body>, which take no role, are exempt from the
// pairing.
func (c *epubChecker) epubType(se xml.StartElement, where string, inLandmarks bool) {
	var types, role string
	for _, a := range se.Attr {
		switch {
		case a.Name.Space == nsEPUBOps && a.Name.Local == "type":
			types = a.Value
		case a.Name.Space == "" && a.Name.Local == "role":
			role = a.Value
		}
	}
	for _, t := range strings.Fields(types) {
		if deprecatedTypes[t] {
			c.add(Warning, where, "epub:type %q is deprecated", t)
			continue
		}
		switch se.Name.Local {
		case "html", "head", "body":
			continue
		}
		if want := ariaRoles[t]; want != "" && !inLandmarks && !hasToken(role, want) {
			c.add(Warning, where, `<%s epub:type=%q> has no role=%q`, se.Name.Local, t, want)
		}
	}
	for _, r := range strings.Fields(role) {
		if r == "doc-endnote" || r == "doc-biblioentry" {
			c.add(Warning, where, "role %q is deprecated", r)
		}
	}
}

// rightToLeft reports whether a BCP 47 tag names a language written right
// to left, by its script (given or likely).
func rightToLeft(tag string) bool {
	t, err := language.Parse(tag)
	if err != nil {
		return false
	}
	script, _ := t.Script()
	switch script.String() {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Samr", "Mand", "Yezi":
		return true
	}
	return false
}
