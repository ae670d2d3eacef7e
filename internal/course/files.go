package course

import "slices"

// FileNames lists, sorted and once each, the files of the lessons and
// quizzes that loaded, translations included, named as problems name them.
// A file that did not load is not here: its problems name it instead.
func (c *Course) FileNames() []string {
	contents := []*Content{{Lessons: c.Lessons, Quizzes: c.Quizzes}}
	for _, lang := range c.Langs() {
		contents = append(contents, c.Translations[lang])
	}
	var names []string
	if c.Meta != nil {
		names = append(names, c.Meta.File)
	}
	for _, ct := range contents {
		if ct == nil {
			continue
		}
		for _, l := range ct.Lessons {
			names = append(names, l.File)
		}
		for _, q := range ct.Quizzes {
			names = append(names, q.File)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}
