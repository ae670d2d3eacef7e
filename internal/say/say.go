// Package say is the interface's message catalog: every string the player,
// the plain mode and the learner-facing commands show goes through a Lang,
// which gives it in the learner's language, or in English where the
// catalog has no translation.
//
// The English text is the key, as in gettext: a reader of the code sees the
// message where it is used, and a missing translation still says something
// a learner can read. The catalog test finds every Say and Sayf call in the
// module and fails when a language lacks one, when a translation's verbs do
// not match the English, or when a translation is left over from a message
// the code no longer says.
package say

import "fmt"

// Lang is a language of the interface, by its code ("" is English).
type Lang string

// The languages the interface speaks.
const (
	English Lang = ""
	Thai    Lang = "th"
)

// catalogs are the translations, by language, keyed by the English text.
var catalogs = map[Lang]map[string]string{
	Thai: thai,
}

// Of is the interface language for a course language code such as "th":
// English for a code the interface has no catalog for.
func Of(code string) Lang {
	if _, ok := catalogs[Lang(code)]; ok {
		return Lang(code)
	}
	return English
}

// Say is en in l. en must be a string literal, so that the catalog test
// can find it.
func (l Lang) Say(en string) string {
	if s, ok := catalogs[l][en]; ok {
		return s
	}
	return en
}

// Sayf is Sprintf with the format in l. A translation can reorder its
// arguments with explicit indexes (%[2]s).
func (l Lang) Sayf(en string, a ...any) string {
	return fmt.Sprintf(l.Say(en), a...)
}
