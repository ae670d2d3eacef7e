package lesson

import (
	"charm.land/bubbles/v2/key"

	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
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

// keys is what the lesson's Update matches; the help functions build the
// map again in the learner's language.
var keys = newKeyMap(say.English)

func newKeyMap(l say.Lang) keyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return keyMap{
		Search:        b([]string{"/"}, "/", l.Say("search")),
		NextMatch:     b([]string{"n"}, "n", l.Say("next match")),
		PrevMatch:     b([]string{"N"}, "N", l.Say("previous match")),
		Contents:      b([]string{"o"}, "o", l.Say("contents")),
		PrevLesson:    b([]string{"["}, "[", l.Say("previous lesson")),
		NextLesson:    b([]string{"]"}, "]", l.Say("next lesson")),
		KeepMatches:   b([]string{"enter"}, "enter", l.Say("keep matches")),
		FieldNext:     b([]string{"down"}, "↓", l.Say("next match")),
		FieldPrev:     b([]string{"up"}, "↑", l.Say("previous match")),
		ClearSearch:   b([]string{"esc"}, "esc", l.Say("clear search")),
		GoTo:          b([]string{"enter"}, "enter", l.Say("go to heading")),
		CloseContents: b([]string{"esc", "o"}, "esc", l.Say("close contents")),
	}
}
