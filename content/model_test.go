package content

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWithoutNotes(t *testing.T) {
	ins := []Inline{{Text: "A claim"}, {Text: "1", Note: 1}, {Text: " stands.", Style: Emphasis}}
	assert.Equal(t, []Inline{{Text: "A claim"}, {Text: " stands.", Style: Emphasis}}, WithoutNotes(ins))
	assert.Equal(t, "A claim1 stands.", PlainText(ins), "the input is left as it was")
	assert.Empty(t, WithoutNotes(nil))
}
