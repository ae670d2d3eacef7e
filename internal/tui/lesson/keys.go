package lesson

import (
	"charm.land/bubbles/v2/key"
)

// keyMap is the lesson's own keys, beside the player's shared ones: they
// mean something only here, so they live with the screen that reads them.
type keyMap struct {
	Search     key.Binding // opens the search field
	NextMatch  key.Binding // while matches are kept
	PrevMatch  key.Binding
	Contents   key.Binding // the table of contents
	PrevLesson key.Binding
	NextLesson key.Binding

	// While the search field is open: letters type, these do not.
	KeepMatches key.Binding
	FieldNext   key.Binding
	FieldPrev   key.Binding
	ClearSearch key.Binding

	// While the table of contents is open.
	GoTo          key.Binding
	CloseContents key.Binding
}

var keys = newKeyMap()

func newKeyMap() keyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return keyMap{
		Search:        b([]string{"/"}, "/", "search"),
		NextMatch:     b([]string{"n"}, "n", "next match"),
		PrevMatch:     b([]string{"N"}, "N", "previous match"),
		Contents:      b([]string{"o"}, "o", "contents"),
		PrevLesson:    b([]string{"["}, "[", "previous lesson"),
		NextLesson:    b([]string{"]"}, "]", "next lesson"),
		KeepMatches:   b([]string{"enter"}, "enter", "keep matches"),
		FieldNext:     b([]string{"down"}, "↓", "next match"),
		FieldPrev:     b([]string{"up"}, "↑", "previous match"),
		ClearSearch:   b([]string{"esc"}, "esc", "clear search"),
		GoTo:          b([]string{"enter"}, "enter", "go to heading"),
		CloseContents: b([]string{"esc", "o"}, "esc", "close contents"),
	}
}
