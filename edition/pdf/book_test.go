package pdf

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/edition-project/edition/content"
	"github.com/edition-project/edition/edition"
)

// The test article is the 2016 report from Aleppo in
// /work/shared/seeds/000_98ecab54e5fe9594.txt, with typographic quotes and
// dashes, and extra blocks that exercise every part of the renderer.
var aleppoBody = []string{
	"The Syrian army is in the “final stages” of retaking the warzone city of Aleppo from rebel groups, with heartbreaking messages coming from those stuck inside the city.",
	"Syrian girl Bana Alabed, whose tweets captured the imagination of the world, joined journalists, activists and regular citizens in sending out what may be their final messages to the world as government forces closed in.",
	"Their grief and sadness is clear; considering they backed the rebel groups, they fear they will be jailed, tortured or killed once the city is recaptured by government forces.",
	"As the four-year battle drew to a close, the thoughts of observers went to the civilians trapped inside Aleppo — those who had opposed the government forces, and who feared reprisal once the rebel groups were officially defeated. Media working in the area reported 60 rebels had been executed by advancing government forces, while people fleeing Aleppo had been forced to take up arms and join Assad’s forces.",
	"CNN managed to speak to Bana and her mother Fatemah yesterday.",
	"On Tuesday, others shared messages from inside the city as bombs rained down from government forces. The Syrian Observatory for Human Rights reported more than 10,000 civilians had fled eastern Aleppo in the last day, seeking refuge in government-controlled areas.",
	"Journalists and activists reported difficulties in reaching their sources inside the city, and feared the worst.",
	"Journalist Bilal Abdul Kareem had a stark message for Muslim countries that did not intervene in or support the rebel efforts – “you blew it”.",
	"On the other side, other sources reported celebrations from pro-government citizens inside Aleppo.",
}

var aleppoBackground = []string{
	"The battle for Aleppo has raged since 2012. The largest city in Syria, with a population of 2.5 million before the battle, was caught in the country’s civil war which burst out of the 2011 Arab Spring uprising against oppressive regimes across the Middle East.",
	"Syria’s president, Bashar al-Assad, was opposed by Sunni rebel groups who began protests and armed opposition against his regime. Rebel groups sought to take Aleppo in mid-2012, sparking a four-year conflict that killed untold thousands, blew entire districts of the city to rubble, and drew international condemnation and horror for the tactics used by both sides, with civilians and families caught in the middle.",
}

func p(ins ...content.Inline) *content.Paragraph { return &content.Paragraph{Inlines: ins} }
func txt(s string) content.Inline                { return content.Inline{Text: s} }

// testJPEG encodes a small picture: a sky over rubble, more or less.
func testJPEG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(120 + x*100/w), uint8(110 + y*60/h), uint8(100 + (x+y)%40), 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(tb, jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}))
	return buf.Bytes()
}

// aleppo returns the test article; the body paragraphs come first, in
// order, then the extra blocks.
func aleppo(tb testing.TB) *content.Article {
	aest := time.FixedZone("", 11*3600)
	a := &content.Article{
		File:       "aleppo/index.md",
		Slug:       "syrians-aleppo",
		Headline:   "Syrians Are Posting Heartbreaking Messages As Aleppo Is Seized",
		Standfirst: []content.Inline{txt("‘I am very sad no one is helping us in this world, no one is evacuating me’.")},
		Byline:     []string{"Josh Butler"},
		Published:  time.Date(2016, 12, 13, 8, 26, 0, 0, aest),
		Updated:    time.Date(2016, 12, 13, 9, 28, 0, 0, aest),
		Language:   "en-AU",
		Section:    "World",
		Publisher:  "The Huffington Post Australia",
		Photo: &content.Photo{
			Src:     "aleppo.jpg",
			Alt:     "People carrying bags walk along a damaged street",
			Caption: []content.Inline{txt("People carry their belongings as they flee deeper into the remaining rebel-held areas of Aleppo")},
			Credit:  []content.Inline{txt("Abdalrhman Ismail / Reuters")},
		},
		Assets: fstest.MapFS{"aleppo.jpg": {Data: testJPEG(tb, 480, 300)}},
	}
	for _, s := range aleppoBody {
		a.Body = append(a.Body, p(txt(s)))
	}
	// Mixed inline styles, a link and a footnote reference.
	a.Body[1] = p(txt("Syrian girl "), content.Inline{Text: "Bana Alabed", Style: content.Strong},
		txt(", whose "), content.Inline{Text: "tweets", Link: "https://twitter.com/AlabedBana"},
		txt(" captured the imagination of the world, joined journalists, activists and regular citizens in sending out what may be their "),
		content.Inline{Text: "final", Style: content.Emphasis}, txt(" messages to the world as government forces closed in."),
		content.Inline{Text: "1", Note: 1})
	a.Body = append(a.Body,
		&content.Heading{Level: 1, Inlines: []content.Inline{txt("What the messages said")}},
		&content.List{Items: []content.ListItem{
			{Blocks: []content.Block{p(txt("Calls for an evacuation corridor for civilians and the wounded."))}},
			{Blocks: []content.Block{p(txt("Farewells to followers around the world, some "), content.Inline{Text: "written in haste", Style: content.Emphasis}, txt(".")),
				&content.List{Ordered: true, Start: 1, Items: []content.ListItem{
					{Blocks: []content.Block{p(txt("from journalists;"))}},
					{Blocks: []content.Block{p(txt("from doctors and teachers."))}},
				}}}},
		}},
		&content.Quote{Blocks: []content.Block{p(txt("“I am very sad no one is helping us in this world, no one is evacuating me,” Bana wrote."))}},
		&content.Rule{},
		&content.Table{Align: []content.Align{content.AlignLeft, content.AlignRight},
			Head: []content.Cell{{Inlines: []content.Inline{txt("Year")}}, {Inlines: []content.Inline{txt("Population of Aleppo")}}},
			Rows: [][]content.Cell{
				{{Inlines: []content.Inline{txt("2011")}}, {Inlines: []content.Inline{txt("2,500,000")}}},
				{{Inlines: []content.Inline{txt("2016")}}, {Inlines: []content.Inline{txt("1,600,000")}}},
			}},
		&content.Code{Text: "curl https://example.org/aleppo\n  --output messages.json\n"},
		p(txt("Strike "), content.Inline{Text: "this", Style: content.Strike}, txt(" and "), content.Inline{Text: "mono", Style: content.Mono},
			txt(", line"), content.Inline{Style: content.LineBreak}, txt("break, emoji 😢 and arrows → kept.")),
	)
	a.Background = &content.Background{Title: "Background"}
	for _, s := range aleppoBackground {
		a.Background.Body = append(a.Background.Body, p(txt(s)))
	}
	a.Notes = []content.Note{{N: 1, Blocks: []content.Block{p(txt("Bana’s account was run with help from her mother."))}}}
	return a
}

// book builds an edition of one article (or of several, if given).
func book(tb testing.TB, opts edition.Options, arts ...*content.Article) *edition.Book {
	tb.Helper()
	if len(arts) == 0 {
		arts = []*content.Article{aleppo(tb)}
	}
	ed := &content.Edition{Sections: []*content.Section{{Title: "World", Articles: arts}}}
	b, err := edition.Build(context.Background(), ed, opts)
	require.NoError(tb, err)
	return b
}
