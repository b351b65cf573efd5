// Package content is the content model of an edition: an Edition of Sections
// of Articles, each with a headline, standfirst, byline, dates, a lead Photo
// (alt text, caption and credit kept apart), a body of Blocks and a
// Background section, and the loaders: articles from Markdown with YAML front
// matter or from schema.org JSON-LD, whole editions from an edition.yaml
// manifest.
//
// It is not for rendering: renderers live in package edition and below. The
// Parse functions take bytes and an fs.FS from the caller; only the Read...File
// helpers touch the disk. It imports nothing else of this module.
package content
