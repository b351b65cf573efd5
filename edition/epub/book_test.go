package epub

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

// testJPEG encodes a small picture: a gradient, so it is a real photo-like
// JPEG and not a flat colour.
func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(40 + x*150/w), uint8(60 + y*120/h), 90, 255})
		}
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}))
	return buf.Bytes()
}

func txt(s string) []content.Inline { return []content.Inline{{Text: s}} }

func para(ins ...content.Inline) *content.Paragraph { return &content.Paragraph{Inlines: ins} }

// aleppoArticle is the 2016 report from /work/shared/seeds, with the kinds
// of blocks and inlines an article can hold.
func aleppoArticle(t testing.TB) *content.Article {
	aedt := time.FixedZone("AEDT", 11*60*60)
	photo := &content.Photo{
		Src:     "photo.jpg",
		Alt:     "A crowd of people carrying bags and bundles walk along a rubble-strewn street between damaged buildings.",
		Caption: txt("People carry their belongings as they flee deeper into the remaining rebel-held areas of Aleppo"),
		Credit:  txt("Abdalrhman Ismail / Reuters"),
		Line:    9,
	}
	return &content.Article{
		File:     "aleppo/index.md",
		Slug:     "syrians-aleppo",
		Headline: "Syrians Are Posting Heartbreaking Messages As Aleppo Is Seized",
		Standfirst: txt("\u2018I am very sad no one is helping us in this world, " +
			"no one is evacuating me\u2019."),
		Byline:    []string{"Lara Example", "Sam Reporter"},
		Published: time.Date(2016, 12, 13, 8, 26, 0, 0, aedt),
		Updated:   time.Date(2016, 12, 13, 9, 28, 0, 0, aedt),
		Language:  "en-AU",
		Section:   "World",
		Publisher: "HuffPost Australia",
		Source:    "https://www.huffingtonpost.com.au/2016/12/12/syrians-are-posting-heartbreaking-messages-as-aleppo-is-seized/",
		Photo:     photo,
		Body: []content.Block{
			para(content.Inline{Text: "The Syrian army is in the \u201cfinal stages\u201d of retaking the warzone city of Aleppo from rebel groups, with "},
				content.Inline{Text: "heartbreaking", Style: content.Emphasis},
				content.Inline{Text: " messages coming from those stuck inside the city."}),
			para(content.Inline{Text: "Syrian girl "},
				content.Inline{Text: "Bana Alabed", Link: "https://twitter.com/AlabedBana"},
				content.Inline{Text: ", whose tweets captured the imagination of the world, joined journalists, activists and regular citizens in sending out what may be their final messages to the world as government forces closed in."}),
			para(content.Inline{Text: "Their grief and sadness is clear; considering they backed the rebel groups, they fear they will be jailed, tortured or killed once the city is recaptured by government forces."}),
			para(content.Inline{Text: "Media working in the area reported 60 rebels had been executed by advancing government forces"},
				content.Inline{Text: "1", Note: 1},
				content.Inline{Text: ", while people fleeing Aleppo had been forced to take up arms and join Assad\u2019s forces."}),
			&content.Heading{Level: 1, Inlines: txt("Messages from inside the city")},
			para(content.Inline{Text: "On Tuesday, others shared messages from inside the city as bombs rained down. "},
				content.Inline{Text: "The Syrian Observatory for Human Rights", Style: content.Strong},
				content.Inline{Text: " reported more than 10,000 civilians had fled eastern Aleppo in the last day."}),
			&content.List{Items: []content.ListItem{
				{Blocks: []content.Block{para(content.Inline{Text: "Journalists reported difficulties in reaching their sources."})}},
				{Blocks: []content.Block{para(content.Inline{Text: "Activists feared the worst."})}},
				{Blocks: []content.Block{para(content.Inline{Text: "Pro-government citizens were reported "},
					content.Inline{Text: "celebrating", Style: content.Emphasis | content.Strong},
					content.Inline{Style: content.LineBreak},
					content.Inline{Text: "inside Aleppo."})}},
			}},
			&content.Quote{Blocks: []content.Block{
				para(content.Inline{Text: "You blew it."}),
			}},
			para(content.Inline{Text: "Journalist Bilal Abdul Kareem had a stark message for Muslim countries that did not intervene."}),
			&content.Heading{Level: 2, Inlines: txt("Numbers")},
			&content.Table{
				Align: []content.Align{content.AlignLeft, content.AlignRight},
				Head:  []content.Cell{{Inlines: txt("Figure")}, {Inlines: txt("Count")}},
				Rows: [][]content.Cell{
					{{Inlines: txt("Civilians fled in a day")}, {Inlines: txt("10,000+")}},
					{{Inlines: txt("Population before the battle")}, {Inlines: txt("2.5 million")}},
				},
			},
			&content.List{Ordered: true, Start: 3, Items: []content.ListItem{
				{Blocks: []content.Block{para(txt("Third")...)}},
				{Blocks: []content.Block{para(txt("Fourth")...)}},
			}},
			&content.Code{Text: "curl -s https://example.org/aleppo?x=1&y=<2>", Language: "sh"},
			&content.Rule{},
			para(content.Inline{Text: "CNN managed to speak to Bana and her mother Fatemah "},
				content.Inline{Text: "yesterday", Style: content.Strike},
				content.Inline{Text: " on Monday; the tweets were tagged "},
				content.Inline{Text: "#Aleppo", Style: content.Mono},
				content.Inline{Text: "."}),
		},
		Background: &content.Background{
			Title: "Background",
			Body: []content.Block{
				para(txt("The battle for Aleppo has raged since 2012. The largest city in Syria, with a population of 2.5 million before the battle, was caught in the country\u2019s civil war which burst out of the 2011 Arab Spring uprising against oppressive regimes across the Middle East.")...),
				para(txt("Syria\u2019s president, Bashar al-Assad, was opposed by Sunni rebel groups who began protests and armed opposition against his regime.")...),
			},
		},
		Notes: []content.Note{
			{N: 1, Blocks: []content.Block{para(txt("As reported by media working in the area; the figure could not be verified.")...)}},
		},
		Assets: fstest.MapFS{"photo.jpg": {Data: testJPEG(t, 64, 40)}},
	}
}

// aleppoBook builds the Aleppo article into a Book with a cover and a lead
// photo.
func aleppoBook(t testing.TB) *edition.Book {
	t.Helper()
	a := aleppoArticle(t)
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{a}}}}
	b, err := edition.Build(context.Background(), ed, edition.Options{})
	require.NoError(t, err)
	return b
}

// multiSectionBook is an edition of two titled sections, with articles
// whose slugs collide and one without a photo.
func multiSectionBook(t testing.TB) *edition.Book {
	t.Helper()
	a1 := aleppoArticle(t)
	a2 := aleppoArticle(t)
	a2.Headline = "Evacuation of Eastern Aleppo Begins"
	a2.Photo = nil
	a2.Byline = []string{"Sam Reporter", "Kim Editor"}
	a3 := aleppoArticle(t)
	a3.Slug = "markets"
	a3.Headline = "Markets Steady"
	a3.Section = "Business"
	a3.Photo.Alt = "" // a photo without a text description
	ed := &content.Edition{
		Title:     "The Morning Edition",
		Subtitle:  "News from 13 December 2016",
		Publisher: "Edition Project",
		Language:  "en-AU",
		Sections: []*content.Section{
			{Title: "World", Articles: []*content.Article{a1, a2}},
			{Title: "Business", Articles: []*content.Article{a3}},
		},
	}
	b, err := edition.Build(context.Background(), ed, edition.Options{})
	require.NoError(t, err)
	return b
}

// arabicBook is a right-to-left article without a cover picture.
func arabicBook(t testing.TB) *edition.Book {
	t.Helper()
	a := &content.Article{
		Slug:       "halab",
		Headline:   "السوريون ينشرون رسائل مؤلمة مع سقوط حلب",
		Standfirst: txt("«أنا حزينة جداً، لا أحد يساعدنا في هذا العالم»."),
		Byline:     []string{"مراسل"},
		Published:  time.Date(2016, 12, 13, 8, 26, 0, 0, time.FixedZone("", 3*60*60)),
		Language:   "ar",
		Body: []content.Block{
			para(txt("يقول الجيش السوري إنه في «المراحل الأخيرة» من استعادة مدينة حلب.")...),
			&content.Heading{Level: 1, Inlines: txt("رسائل من داخل المدينة")},
			para(content.Inline{Text: "نقلت "}, content.Inline{Text: "CNN", Link: "https://edition.cnn.com/"},
				content.Inline{Text: " رسائل من داخل المدينة."}),
		},
	}
	ed := &content.Edition{Sections: []*content.Section{{Articles: []*content.Article{a}}}}
	b, err := edition.Build(context.Background(), ed, edition.Options{})
	require.NoError(t, err)
	b.Cover = nil
	return b
}
