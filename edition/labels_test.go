package edition

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/edition-project/edition/content"
)

func TestLabels(t *testing.T) {
	aedt := time.FixedZone("", 11*3600)
	pub := time.Date(2016, 12, 13, 8, 26, 0, 0, aedt)
	assert.Equal(t, "13 December 2016, 8:26 am UTC+11", LabelsFor("en-AU").DateTime(pub))
	assert.Equal(t, "December 13, 2016, 8:26 am UTC+11", LabelsFor("en-US").DateTime(pub))
	assert.Equal(t, "13. Dezember 2016, 08:26 UTC+11", LabelsFor("de").DateTime(pub))
	assert.Equal(t, "13 декабря 2016 г., 08:26 UTC+11", LabelsFor("ru").DateTime(pub))
	assert.Equal(t, "2016年12月13日, 08:26 UTC+11", LabelsFor("zh-Hans").DateTime(pub))
	assert.Equal(t, "2016-12-13, 08:26 UTC+11", LabelsFor("tlh").DateTime(pub), "unknown languages get ISO dates")
	assert.Equal(t, "13 December 2016, 8:26 am AEDT", LabelsFor("en").DateTime(pub.In(time.FixedZone("AEDT", 11*3600))))
	assert.Equal(t, "13 December 2016, 9:00 pm UTC−5:30", LabelsFor("en").DateTime(time.Date(2016, 12, 13, 21, 0, 0, 0, time.FixedZone("", -5*3600-1800))))
	day := time.Date(2016, 12, 13, 0, 0, 0, 0, content.DateOnly)
	assert.Equal(t, "13 December 2016", LabelsFor("en").DateTime(day))
	assert.Equal(t, "2016-12-13", MachineTime(day))
	assert.Equal(t, "2016-12-13T08:26:00+11:00", MachineTime(pub))

	en := LabelsFor("en")
	assert.Equal(t, "Ann", en.Names([]string{"Ann"}))
	assert.Equal(t, "Ann, Bo and Cy", en.Names([]string{"Ann", "Bo", "Cy"}))
	assert.Equal(t, "Ann und Bo", LabelsFor("de-AT").Names([]string{"Ann", "Bo"}))
	assert.Equal(t, "Photo: ", en.CreditPrefix("Abdalrhman Ismail / Reuters"))
	assert.Equal(t, "", en.CreditPrefix("Photo-illustration: Bell & Hart"), "a credit that labels itself")
	assert.Equal(t, "2 of 5", en.PageOf(2, 5))
	assert.Equal(t, "Hintergrund", LabelsFor("de").Background)
}

// TestEditionLabels checks every language has its own words for the links
// between an edition's articles.
func TestEditionLabels(t *testing.T) {
	en := LabelsFor("en")
	for _, lang := range []string{"en", "de", "fr", "es", "it", "pt", "nl", "ru", "el", "ar", "he", "zh"} {
		l := LabelsFor(lang)
		for name, s := range map[string]string{"Previous": l.Previous, "Next": l.Next, "Section": l.Section,
			"ArticleNav": l.ArticleNav, "Contents": l.Contents} {
			assert.NotEmpty(t, s, "%s %s", lang, name)
		}
		assert.NotEqual(t, l.Previous, l.Next, lang)
		if lang != "en" {
			assert.NotEqual(t, en.ArticleNav, l.ArticleNav, lang)
		}
	}
	assert.Equal(t, "Article navigation", LabelsFor("tlh").ArticleNav, "unknown languages get English words")
}
