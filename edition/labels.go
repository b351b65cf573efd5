package edition

import (
	"fmt"
	"strings"
	"time"

	"github.com/edition-project/edition/content"
)

// Labels are the words an edition prints around its content ("Published",
// "Background", "Photo:") and its date format, in the edition's language.
// Languages without a translation get English words and ISO dates.
type Labels struct {
	By, Published, Updated string
	And                    string // between the last two names of a byline
	Photo                  string // prefix of a photo credit, "Photo: "
	Background, Notes      string
	Contents, Cover        string
	Continued              string // after a title continued on a new page
	// The links between the articles of an edition: to the previous and
	// next article and to the article's section, and the name of the
	// group of links for screen readers.
	Previous, Next, Section string
	ArticleNav              string
	of                      string // "n of N"
	months                  [12]string
	dateFormat              func(l *Labels, t time.Time) string
	clock12                 bool
}

var english = Labels{
	By: "By", And: "and", Published: "Published", Updated: "Updated", Photo: "Photo: ",
	Background: "Background", Notes: "Notes", Contents: "Contents", Cover: "Cover",
	Continued: "continued", of: "of",
	Previous: "Previous", Next: "Next", Section: "Section", ArticleNav: "Article navigation",
	months: [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
	dateFormat: dayMonthYear(" ", " ", ""),
	clock12:    true,
}

func dayMonthYear(afterDay, afterMonth, after string) func(*Labels, time.Time) string {
	return func(l *Labels, t time.Time) string {
		return fmt.Sprintf("%d%s%s%s%d%s", t.Day(), afterDay, l.months[t.Month()-1], afterMonth, t.Year(), after)
	}
}

var labels = map[string]Labels{
	"en": english,
	"de": {By: "Von", And: "und", Published: "Veröffentlicht", Updated: "Aktualisiert", Photo: "Foto: ",
		Background: "Hintergrund", Notes: "Anmerkungen", Contents: "Inhalt", Cover: "Titelseite",
		Continued: "Fortsetzung", of: "von",
		Previous: "Vorheriger", Next: "Nächster", Section: "Rubrik", ArticleNav: "Navigation zwischen den Artikeln",
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
			"August", "September", "Oktober", "November", "Dezember"},
		dateFormat: dayMonthYear(". ", " ", "")},
	"fr": {By: "Par", And: "et", Published: "Publié le", Updated: "Mis à jour le", Photo: "Photo : ",
		Background: "Contexte", Notes: "Notes", Contents: "Sommaire", Cover: "Couverture",
		Continued: "suite", of: "sur",
		Previous: "Précédent", Next: "Suivant", Section: "Rubrique", ArticleNav: "Navigation entre les articles",
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			"août", "septembre", "octobre", "novembre", "décembre"},
		dateFormat: dayMonthYear(" ", " ", "")},
	"es": {By: "Por", And: "y", Published: "Publicado", Updated: "Actualizado", Photo: "Foto: ",
		Background: "Contexto", Notes: "Notas", Contents: "Índice", Cover: "Portada",
		Continued: "continuación", of: "de",
		Previous: "Anterior", Next: "Siguiente", Section: "Sección", ArticleNav: "Navegación entre artículos",
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
			"agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		dateFormat: dayMonthYear(" de ", " de ", "")},
	"it": {By: "Di", And: "e", Published: "Pubblicato", Updated: "Aggiornato", Photo: "Foto: ",
		Background: "Contesto", Notes: "Note", Contents: "Indice", Cover: "Copertina",
		Continued: "segue", of: "di",
		Previous: "Precedente", Next: "Successivo", Section: "Sezione", ArticleNav: "Navigazione tra gli articoli",
		months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
			"agosto", "settembre", "ottobre", "novembre", "dicembre"},
		dateFormat: dayMonthYear(" ", " ", "")},
	"pt": {By: "Por", And: "e", Published: "Publicado", Updated: "Atualizado", Photo: "Foto: ",
		Background: "Contexto", Notes: "Notas", Contents: "Índice", Cover: "Capa",
		Continued: "continuação", of: "de",
		Previous: "Anterior", Next: "Seguinte", Section: "Seção", ArticleNav: "Navegação entre artigos",
		months: [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
			"agosto", "setembro", "outubro", "novembro", "dezembro"},
		dateFormat: dayMonthYear(" de ", " de ", "")},
	"nl": {By: "Door", And: "en", Published: "Gepubliceerd", Updated: "Bijgewerkt", Photo: "Foto: ",
		Background: "Achtergrond", Notes: "Noten", Contents: "Inhoud", Cover: "Omslag",
		Continued: "vervolg", of: "van",
		Previous: "Vorige", Next: "Volgende", Section: "Rubriek", ArticleNav: "Navigatie tussen artikelen",
		months: [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
			"augustus", "september", "oktober", "november", "december"},
		dateFormat: dayMonthYear(" ", " ", "")},
	"ru": {By: "Автор:", And: "и", Published: "Опубликовано", Updated: "Обновлено", Photo: "Фото: ",
		Background: "Справка", Notes: "Примечания", Contents: "Содержание", Cover: "Обложка",
		Continued: "продолжение", of: "из",
		Previous: "Предыдущая", Next: "Следующая", Section: "Рубрика", ArticleNav: "Навигация по статьям",
		months: [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
			"августа", "сентября", "октября", "ноября", "декабря"},
		dateFormat: dayMonthYear(" ", " ", " г.")},
	"el": {By: "Του/Της", And: "και", Published: "Δημοσιεύθηκε", Updated: "Ενημερώθηκε", Photo: "Φωτογραφία: ",
		Background: "Ιστορικό", Notes: "Σημειώσεις", Contents: "Περιεχόμενα", Cover: "Εξώφυλλο",
		Continued: "συνέχεια", of: "από",
		Previous: "Προηγούμενο", Next: "Επόμενο", Section: "Ενότητα", ArticleNav: "Πλοήγηση στα άρθρα",
		months: [12]string{"Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου",
			"Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"},
		dateFormat: dayMonthYear(" ", " ", "")},
	"ar": {By: "بقلم", And: "و", Published: "نُشر", Updated: "حُدّث", Photo: "تصوير: ",
		Background: "خلفية", Notes: "ملاحظات", Contents: "المحتويات", Cover: "الغلاف",
		Continued: "تتمة", of: "من",
		Previous: "السابق", Next: "التالي", Section: "القسم", ArticleNav: "التنقل بين المقالات",
		months: [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
			"أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
		dateFormat: dayMonthYear(" ", " ", "")},
	"he": {By: "מאת", And: "ו", Published: "פורסם", Updated: "עודכן", Photo: "צילום: ",
		Background: "רקע", Notes: "הערות", Contents: "תוכן העניינים", Cover: "כריכה",
		Continued: "המשך", of: "מתוך",
		Previous: "הקודם", Next: "הבא", Section: "מדור", ArticleNav: "ניווט בין הכתבות",
		months: [12]string{"בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי",
			"באוגוסט", "בספטמבר", "באוקטובר", "בנובמבר", "בדצמבר"},
		dateFormat: dayMonthYear(" ", " ", "")},
	"zh": {By: "作者：", And: "和", Published: "发布", Updated: "更新", Photo: "摄影：",
		Background: "背景", Notes: "注释", Contents: "目录", Cover: "封面",
		Continued: "续", of: "/",
		Previous: "上一篇", Next: "下一篇", Section: "栏目", ArticleNav: "文章导航",
		dateFormat: func(_ *Labels, t time.Time) string {
			return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
		}},
}

// LabelsFor returns the labels of a BCP 47 language, falling back to its
// base language and then to English.
func LabelsFor(lang string) *Labels {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	l, ok := labels[base]
	if !ok {
		l = english
		l.dateFormat = func(_ *Labels, t time.Time) string { return t.Format("2006-01-02") }
		l.clock12 = false
	}
	if strings.EqualFold(lang, "en-US") {
		l.dateFormat = func(l *Labels, t time.Time) string {
			return fmt.Sprintf("%s %d, %d", l.months[t.Month()-1], t.Day(), t.Year())
		}
	}
	return &l
}

// Date formats the calendar date of t: "13 December 2016".
func (l *Labels) Date(t time.Time) string { return l.dateFormat(l, t) }

// DateTime formats t with its time of day and UTC offset, as it was given:
// "13 December 2016, 8:26 am UTC+11". Plain dates print without a time.
func (l *Labels) DateTime(t time.Time) string {
	if content.IsDateOnly(t) {
		return l.Date(t)
	}
	clock := t.Format("15:04")
	if l.clock12 {
		clock = t.Format("3:04 pm")
	}
	zone := UTCOffset(t)
	if name, _ := t.Zone(); isZoneAbbrev(name) {
		zone = name // a named zone ("AEDT") reads better than an offset
	}
	return l.Date(t) + ", " + clock + " " + zone
}

func isZoneAbbrev(name string) bool {
	if len(name) < 2 || len(name) > 5 || name == "UTC" {
		return false
	}
	for _, r := range name {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// NameSeparator returns what goes before the i-th of n names in a byline:
// "", ", " or " and ".
func (l *Labels) NameSeparator(i, n int) string {
	switch {
	case i == 0:
		return ""
	case i == n-1:
		return " " + l.And + " "
	}
	return ", "
}

// Names joins a byline's names: "Ann Lee, Bo Chen and Cy Diaz".
func (l *Labels) Names(names []string) string {
	var b strings.Builder
	for i, n := range names {
		b.WriteString(l.NameSeparator(i, len(names)))
		b.WriteString(n)
	}
	return b.String()
}

// PageOf formats a page number: "2 of 5".
func (l *Labels) PageOf(n, total int) string { return fmt.Sprintf("%d %s %d", n, l.of, total) }

// CreditPrefix returns the label to print before a photo credit, or "" when
// the credit already says what it is ("Photo-illustration: …", "Grafik: …").
func (l *Labels) CreditPrefix(credit string) string {
	if i := strings.IndexAny(credit, ":："); i >= 0 && i < 40 {
		return ""
	}
	return l.Photo
}

// UTCOffset formats t's offset: "UTC", "UTC+11", "UTC+5:30".
func UTCOffset(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	h, m := off/3600, off%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

// MachineTime formats t for a <time datetime> attribute or metadata: RFC
// 3339 with its offset, or a plain date when it was given as one.
func MachineTime(t time.Time) string {
	if content.IsDateOnly(t) {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}
