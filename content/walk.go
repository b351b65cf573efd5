package content

// WalkBlocks calls fn for every block in blocks, depth first, parents before
// children (list items, quotes). It stops early and returns false when fn does.
func WalkBlocks(blocks []Block, fn func(Block) bool) bool {
	for _, b := range blocks {
		if !fn(b) {
			return false
		}
		switch b := b.(type) {
		case *List:
			for _, it := range b.Items {
				if !WalkBlocks(it.Blocks, fn) {
					return false
				}
			}
		case *Quote:
			if !WalkBlocks(b.Blocks, fn) {
				return false
			}
		}
	}
	return true
}

// Photos returns every photo of the article in reading order: the lead photo
// first, then figures in the body, the notes and the background.
func (a *Article) Photos() []*Photo {
	var ps []*Photo
	if a.Photo != nil {
		ps = append(ps, a.Photo)
	}
	collect := func(b Block) bool {
		if f, ok := b.(*Figure); ok && f.Photo != nil {
			ps = append(ps, f.Photo)
		}
		return true
	}
	WalkBlocks(a.Body, collect)
	if a.Background != nil {
		WalkBlocks(a.Background.Body, collect)
	}
	return ps
}
