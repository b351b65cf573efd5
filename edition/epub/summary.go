package epub

import "strings"

// a11yWords are the accessibility summary's sentences and the names of the
// navigation document's hidden lists, in one language. The words shared
// with the PDF (Contents, Cover) come from edition.LabelsFor.
type a11yWords struct {
	landmarks, start, pages string
	sep                     string // between sentences
	order, restyle          string
	noPhotos, onlyCover     string
	photoAlt, photosAlt     string
	someAlt, noAlt          string
	pageList                string
}

var englishA11y = a11yWords{
	landmarks: "Landmarks", start: "Start of content", pages: "Pages", sep: " ",
	order:     "The text follows a logical reading order, with a table of contents and headings that mark the structure.",
	restyle:   "The text can be resized and restyled.",
	noPhotos:  "There are no photos.",
	onlyCover: "There are no photos besides the cover, which has a text description.",
	photoAlt:  "The photo has a text description; its caption and credit are given as text.",
	photosAlt: "Every photo has a text description; captions and credits are given as text.",
	someAlt:   "Some photos have no text description. Captions and credits are given as text.",
	noAlt:     "The photos have no text description. Captions and credits are given as text.",
	pageList:  "The page numbers of the print edition are marked in the text, and a page list leads to them.",
}

// a11yTexts holds the languages edition.LabelsFor knows, by base language.
var a11yTexts = map[string]a11yWords{
	"en": englishA11y,
	"de": {landmarks: "Orientierungspunkte", start: "Beginn des Inhalts", pages: "Seiten", sep: " ",
		order:     "Der Text folgt einer logischen Lesereihenfolge, mit einem Inhaltsverzeichnis und Überschriften, die die Gliederung zeigen.",
		restyle:   "Schriftgröße und Darstellung des Textes lassen sich anpassen.",
		noPhotos:  "Es gibt keine Fotos.",
		onlyCover: "Außer dem Titelbild, das eine Textbeschreibung hat, gibt es keine Fotos.",
		photoAlt:  "Das Foto hat eine Textbeschreibung; Bildunterschrift und Bildnachweis stehen als Text.",
		photosAlt: "Jedes Foto hat eine Textbeschreibung; Bildunterschriften und Bildnachweise stehen als Text.",
		someAlt:   "Einige Fotos haben keine Textbeschreibung. Bildunterschriften und Bildnachweise stehen als Text.",
		noAlt:     "Die Fotos haben keine Textbeschreibung. Bildunterschriften und Bildnachweise stehen als Text.",
		pageList:  "Die Seitenzahlen der Druckausgabe sind im Text markiert und über ein Seitenverzeichnis erreichbar."},
	"fr": {landmarks: "Repères", start: "Début du contenu", pages: "Pages", sep: " ",
		order:     "Le texte suit un ordre de lecture logique, avec une table des matières et des titres qui en marquent la structure.",
		restyle:   "La taille et la présentation du texte peuvent être modifiées.",
		noPhotos:  "Il n’y a pas de photos.",
		onlyCover: "Il n’y a pas de photos en dehors de la couverture, qui a une description textuelle.",
		photoAlt:  "La photo a une description textuelle\u00a0; sa légende et son crédit sont donnés sous forme de texte.",
		photosAlt: "Chaque photo a une description textuelle\u00a0; légendes et crédits sont donnés sous forme de texte.",
		someAlt:   "Certaines photos n’ont pas de description textuelle. Légendes et crédits sont donnés sous forme de texte.",
		noAlt:     "Les photos n’ont pas de description textuelle. Légendes et crédits sont donnés sous forme de texte.",
		pageList:  "Les numéros de page de l’édition imprimée sont marqués dans le texte, et une liste des pages y mène."},
	"es": {landmarks: "Puntos de referencia", start: "Inicio del contenido", pages: "Páginas", sep: " ",
		order:     "El texto sigue un orden de lectura lógico, con un índice y encabezados que marcan la estructura.",
		restyle:   "El tamaño y el estilo del texto se pueden ajustar.",
		noPhotos:  "No hay fotos.",
		onlyCover: "No hay fotos aparte de la portada, que tiene una descripción textual.",
		photoAlt:  "La foto tiene una descripción textual; su pie y su crédito se ofrecen como texto.",
		photosAlt: "Cada foto tiene una descripción textual; los pies de foto y los créditos se ofrecen como texto.",
		someAlt:   "Algunas fotos no tienen descripción textual. Los pies de foto y los créditos se ofrecen como texto.",
		noAlt:     "Las fotos no tienen descripción textual. Los pies de foto y los créditos se ofrecen como texto.",
		pageList:  "Los números de página de la edición impresa están marcados en el texto y una lista de páginas lleva a ellos."},
	"it": {landmarks: "Punti di riferimento", start: "Inizio del contenuto", pages: "Pagine", sep: " ",
		order:     "Il testo segue un ordine di lettura logico, con un indice e titoli che ne segnano la struttura.",
		restyle:   "Dimensione e stile del testo si possono modificare.",
		noPhotos:  "Non ci sono foto.",
		onlyCover: "Non ci sono foto oltre alla copertina, che ha una descrizione testuale.",
		photoAlt:  "La foto ha una descrizione testuale; didascalia e credito sono forniti come testo.",
		photosAlt: "Ogni foto ha una descrizione testuale; didascalie e crediti sono forniti come testo.",
		someAlt:   "Alcune foto non hanno una descrizione testuale. Didascalie e crediti sono forniti come testo.",
		noAlt:     "Le foto non hanno una descrizione testuale. Didascalie e crediti sono forniti come testo.",
		pageList:  "I numeri di pagina dell’edizione stampata sono segnati nel testo e un elenco delle pagine vi conduce."},
	"pt": {landmarks: "Pontos de referência", start: "Início do conteúdo", pages: "Páginas", sep: " ",
		order:     "O texto segue uma ordem de leitura lógica, com um índice e títulos que marcam a estrutura.",
		restyle:   "O tamanho e o estilo do texto podem ser ajustados.",
		noPhotos:  "Não há fotos.",
		onlyCover: "Não há fotos além da capa, que tem uma descrição em texto.",
		photoAlt:  "A foto tem uma descrição em texto; a legenda e o crédito são apresentados como texto.",
		photosAlt: "Cada foto tem uma descrição em texto; legendas e créditos são apresentados como texto.",
		someAlt:   "Algumas fotos não têm descrição em texto. Legendas e créditos são apresentados como texto.",
		noAlt:     "As fotos não têm descrição em texto. Legendas e créditos são apresentados como texto.",
		pageList:  "Os números de página da edição impressa estão marcados no texto, e uma lista de páginas leva até eles."},
	"nl": {landmarks: "Oriëntatiepunten", start: "Begin van de inhoud", pages: "Pagina’s", sep: " ",
		order:     "De tekst volgt een logische leesvolgorde, met een inhoudsopgave en koppen die de structuur aangeven.",
		restyle:   "Grootte en opmaak van de tekst zijn aan te passen.",
		noPhotos:  "Er zijn geen foto’s.",
		onlyCover: "Er zijn geen foto’s behalve de omslag, die een tekstbeschrijving heeft.",
		photoAlt:  "De foto heeft een tekstbeschrijving; bijschrift en fotoverantwoording staan als tekst.",
		photosAlt: "Elke foto heeft een tekstbeschrijving; bijschriften en fotoverantwoordingen staan als tekst.",
		someAlt:   "Sommige foto’s hebben geen tekstbeschrijving. Bijschriften en fotoverantwoordingen staan als tekst.",
		noAlt:     "De foto’s hebben geen tekstbeschrijving. Bijschriften en fotoverantwoordingen staan als tekst.",
		pageList:  "De paginanummers van de gedrukte editie zijn in de tekst gemarkeerd, en een paginalijst leidt ernaartoe."},
	"ru": {landmarks: "Ориентиры", start: "Начало содержания", pages: "Страницы", sep: " ",
		order:     "Текст следует логическому порядку чтения; оглавление и заголовки показывают его структуру.",
		restyle:   "Размер и оформление текста можно изменить.",
		noPhotos:  "Фотографий нет.",
		onlyCover: "Фотографий нет, кроме обложки, у которой есть текстовое описание.",
		photoAlt:  "У фотографии есть текстовое описание; подпись и указание автора даны текстом.",
		photosAlt: "У каждой фотографии есть текстовое описание; подписи и указания авторов даны текстом.",
		someAlt:   "У некоторых фотографий нет текстового описания. Подписи и указания авторов даны текстом.",
		noAlt:     "У фотографий нет текстового описания. Подписи и указания авторов даны текстом.",
		pageList:  "Номера страниц печатного издания отмечены в тексте, к ним ведёт список страниц."},
	"el": {landmarks: "Ορόσημα", start: "Αρχή του περιεχομένου", pages: "Σελίδες", sep: " ",
		order:     "Το κείμενο ακολουθεί λογική σειρά ανάγνωσης, με πίνακα περιεχομένων και επικεφαλίδες που δείχνουν τη δομή του.",
		restyle:   "Το μέγεθος και η εμφάνιση του κειμένου μπορούν να προσαρμοστούν.",
		noPhotos:  "Δεν υπάρχουν φωτογραφίες.",
		onlyCover: "Δεν υπάρχουν φωτογραφίες εκτός από το εξώφυλλο, που έχει περιγραφή σε κείμενο.",
		photoAlt:  "Η φωτογραφία έχει περιγραφή σε κείμενο· η λεζάντα και η πηγή της δίνονται ως κείμενο.",
		photosAlt: "Κάθε φωτογραφία έχει περιγραφή σε κείμενο· οι λεζάντες και οι πηγές δίνονται ως κείμενο.",
		someAlt:   "Ορισμένες φωτογραφίες δεν έχουν περιγραφή σε κείμενο. Οι λεζάντες και οι πηγές δίνονται ως κείμενο.",
		noAlt:     "Οι φωτογραφίες δεν έχουν περιγραφή σε κείμενο. Οι λεζάντες και οι πηγές δίνονται ως κείμενο.",
		pageList:  "Οι αριθμοί σελίδων της έντυπης έκδοσης σημειώνονται στο κείμενο, και ένας κατάλογος σελίδων οδηγεί σε αυτούς."},
	"ar": {landmarks: "معالم", start: "بداية المحتوى", pages: "الصفحات", sep: " ",
		order:     "يتبع النص ترتيب قراءة منطقيًا، مع جدول محتويات وعناوين تبيّن بنيته.",
		restyle:   "يمكن تغيير حجم النص وتنسيقه.",
		noPhotos:  "لا توجد صور.",
		onlyCover: "لا توجد صور سوى الغلاف، وله وصف نصي.",
		photoAlt:  "للصورة وصف نصي، وتعليقها ونسبتها مكتوبان نصًا.",
		photosAlt: "لكل صورة وصف نصي، والتعليقات ونسب الصور مكتوبة نصًا.",
		someAlt:   "بعض الصور ليس لها وصف نصي. والتعليقات ونسب الصور مكتوبة نصًا.",
		noAlt:     "ليس للصور وصف نصي. والتعليقات ونسب الصور مكتوبة نصًا.",
		pageList:  "أرقام صفحات النسخة المطبوعة معلّمة في النص، وتقود إليها قائمة الصفحات."},
	"he": {landmarks: "ציוני דרך", start: "תחילת התוכן", pages: "עמודים", sep: " ",
		order:     "הטקסט מסודר בסדר קריאה הגיוני, עם תוכן עניינים וכותרות המסמנות את המבנה.",
		restyle:   "ניתן לשנות את גודל הטקסט ואת עיצובו.",
		noPhotos:  "אין תמונות.",
		onlyCover: "אין תמונות מלבד הכריכה, שיש לה תיאור טקסטואלי.",
		photoAlt:  "לתמונה יש תיאור טקסטואלי; הכיתוב והקרדיט שלה מופיעים כטקסט.",
		photosAlt: "לכל תמונה יש תיאור טקסטואלי; הכיתובים והקרדיטים מופיעים כטקסט.",
		someAlt:   "לחלק מהתמונות אין תיאור טקסטואלי. הכיתובים והקרדיטים מופיעים כטקסט.",
		noAlt:     "לתמונות אין תיאור טקסטואלי. הכיתובים והקרדיטים מופיעים כטקסט.",
		pageList:  "מספרי העמודים של המהדורה המודפסת מסומנים בטקסט, ורשימת עמודים מובילה אליהם."},
	"zh": {landmarks: "地标", start: "正文开始", pages: "页码", sep: "",
		order:     "文本按逻辑阅读顺序排列，目录和标题标示其结构。",
		restyle:   "文本的大小和样式可以调整。",
		noPhotos:  "没有照片。",
		onlyCover: "除封面外没有照片，封面有文字描述。",
		photoAlt:  "照片有文字描述，其说明和来源以文本形式提供。",
		photosAlt: "每张照片都有文字描述，说明和来源以文本形式提供。",
		someAlt:   "部分照片没有文字描述。说明和来源以文本形式提供。",
		noAlt:     "照片没有文字描述。说明和来源以文本形式提供。",
		pageList:  "文中标出了印刷版的页码，并有页码列表可供跳转。"},
}

// a11yFor returns the words of a BCP 47 language, by its base language,
// English when there is no translation.
func a11yFor(lang string) *a11yWords {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if w, ok := a11yTexts[base]; ok {
		return &w
	}
	w := englishA11y
	return &w
}

// summary describes the publication's accessibility in a few plain
// sentences in the book's language, true to what the content holds: it
// speaks of text descriptions only as far as the photos have them, and of
// page numbers only when there is a page list.
func (p *plan) summary() string {
	t := a11yFor(p.lang)
	s := []string{t.order, t.restyle}
	switch {
	case p.photos == 0 && p.cover != nil:
		s = append(s, t.onlyCover)
	case p.photos == 0:
		s = append(s, t.noPhotos)
	case p.photosWithAlt == p.photos && p.photos == 1:
		s = append(s, t.photoAlt)
	case p.photosWithAlt == p.photos:
		s = append(s, t.photosAlt)
	case p.photosWithAlt == 0:
		s = append(s, t.noAlt)
	default:
		s = append(s, t.someAlt)
	}
	if len(p.pages) > 0 {
		s = append(s, t.pageList)
	}
	return strings.Join(s, t.sep)
}
