package pdf

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

var (
	reXObject = regexp.MustCompile(`/(I[0-9a-f]+) (\d+) 0 R`)
	reWidth   = regexp.MustCompile(`/Width (\d+)`)
	reObjRef  = regexp.MustCompile(`(\d+) 0 R`)
)

// resourceNo is the resource dictionary's object: fpdf writes one, as 2.
const resourceNo = 2

// orderImages renumbers the pictures fpdf wrote so that the file does not
// depend on Go's map order. fpdf v0.12.0 writes its images sorted by pixel
// width and ties in map iteration order, so two pictures of one width (a
// 1600-pixel cover and a 1600-pixel photo) came out in either order, and
// two renderings of one book differed. The pictures, each with the objects
// only it refers to (soft mask, palette), are renumbered in order of width
// and name (fpdf names a picture by the SHA-1 of its data); the resource
// dictionary, the only other object that refers to them, follows.
func (f *file) orderImages() error {
	res := f.objs[resourceNo]
	i := bytes.Index(res, []byte("/XObject <<\n"))
	if i < 0 {
		return nil
	}
	end := bytes.Index(res[i:], []byte("\n>>"))
	if end < 0 {
		return fmt.Errorf("the resource dictionary's /XObject does not end")
	}
	dict := res[i : i+end]
	type group struct {
		name  string
		width int
		objs  []int // the picture, then what it refers to
	}
	var groups []group
	owner := map[int]bool{}
	named := map[string]int{}
	for _, m := range reXObject.FindAllSubmatch(dict, -1) {
		main, _ := strconv.Atoi(string(m[2]))
		// fpdf lists a picture registered twice (the same photo in two
		// articles) twice, under its one name.
		if n, dup := named[string(m[1])]; dup {
			if n != main {
				return fmt.Errorf("XObject %s is both object %d and %d", m[1], n, main)
			}
			continue
		}
		named[string(m[1])] = main
		head := dictPart(f.objs[main])
		w := reWidth.FindSubmatch(head)
		if head == nil || w == nil || !bytes.Contains(head, []byte("/Subtype /Image")) {
			return fmt.Errorf("XObject %s (object %d) is not a picture as fpdf writes one", m[1], main)
		}
		g := group{name: string(m[1]), objs: []int{main}}
		g.width, _ = strconv.Atoi(string(w[1]))
		for _, r := range reObjRef.FindAllSubmatch(head, -1) {
			n, _ := strconv.Atoi(string(r[1]))
			g.objs = append(g.objs, n)
		}
		slices.Sort(g.objs[1:])
		for _, n := range g.objs {
			if owner[n] || f.objs[n] == nil {
				return fmt.Errorf("picture object %d is missing or shared", n)
			}
			owner[n] = true
		}
		groups = append(groups, g)
	}
	if len(groups) < 2 {
		return nil
	}
	// The pictures fill a run of object numbers, written one after another.
	var nums []int
	for n := range owner {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	first, last := nums[0], nums[len(nums)-1]
	at := slices.Index(f.order, first)
	if last-first+1 != len(nums) || at < 0 || at+len(nums) > len(f.order) ||
		!slices.Equal(f.order[at:at+len(nums)], nums) {
		return fmt.Errorf("the pictures are not written one after another")
	}
	slices.SortStableFunc(groups, func(a, b group) int {
		return cmp.Or(cmp.Compare(a.width, b.width), cmp.Compare(a.name, b.name))
	})
	renum := map[int]int{}
	next := first
	for _, g := range groups {
		for _, n := range g.objs {
			renum[n] = next
			next++
		}
	}
	old := map[int][]byte{}
	for _, n := range nums {
		old[n] = f.objs[n]
	}
	for o, n := range renum {
		body := old[o]
		head := dictPart(body)
		body = slices.Concat(fmt.Appendf(nil, "%d 0 obj\n", n),
			mapRefs(head[len(fmt.Sprintf("%d 0 obj\n", o)):], renum), body[len(head):])
		f.objs[n] = body
	}
	f.objs[resourceNo] = slices.Concat(res[:i], mapRefs(dict, renum), res[i+end:])
	return nil
}

// dictPart returns an object up to its stream, or all of it when it has
// none: where its references are, before any binary data.
func dictPart(obj []byte) []byte {
	if obj == nil {
		return nil
	}
	if s := bytes.Index(obj, []byte("stream\n")); s >= 0 {
		return obj[:s]
	}
	return obj
}

// mapRefs rewrites the references "N 0 R" to renumbered objects in s.
func mapRefs(s []byte, renum map[int]int) []byte {
	return reObjRef.ReplaceAllFunc(s, func(m []byte) []byte {
		n, _ := strconv.Atoi(string(m[:bytes.IndexByte(m, ' ')]))
		if to, ok := renum[n]; ok {
			return fmt.Appendf(nil, "%d 0 R", to)
		}
		return m
	})
}
