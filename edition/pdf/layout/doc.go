// Package layout breaks a paragraph into lines. A paragraph comes in as a
// sequence of items in the manner of Knuth and Plass: boxes (words or parts
// of words, of fixed width), glue (spaces that may stretch or shrink) and
// penalties (places where a break is allowed at a cost, forced or
// forbidden). A Breaker chooses the breaks and says how much each line's glue
// must stretch or shrink to fill the measure.
//
// It knows nothing of fonts, PDF or pages: the caller measures the words and
// draws the lines. KnuthPlass (total fit) sets justified text, choosing the
// breaks of a whole paragraph at once; Greedy (first fit) sets ragged text
// and is KnuthPlass's last resort.
package layout
