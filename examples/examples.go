// Package examples embeds the project's example article, which
// `edition build` builds when given no path: a 2016 news report from Aleppo
// with a stand-in lead photo and a background section.
package examples

import (
	"embed"
	"io/fs"

	"github.com/edition-project/edition/content"
)

//go:embed aleppo/aleppo.md aleppo/photo.jpg
var files embed.FS

// AleppoFile is the example article's name as it appears in messages.
const AleppoFile = "aleppo/aleppo.md"

// Aleppo returns the example article.
func Aleppo() (*content.Article, error) {
	src, err := files.ReadFile(AleppoFile)
	if err != nil {
		return nil, err
	}
	assets, err := fs.Sub(files, "aleppo")
	if err != nil {
		return nil, err
	}
	return content.ParseArticle(AleppoFile, src, assets)
}
