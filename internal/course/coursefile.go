package course

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"go.yaml.in/yaml/v4"
)

// CourseFile is the name of the optional file at the top of a course folder
// that says what the course is called.
const CourseFile = "course.yaml"

// Rules of course.yaml.
const (
	// RuleCourseLanguages is a course.yaml whose languages: and the
	// translation folders disagree, or that lists a code twice or English.
	RuleCourseLanguages = "course-languages"
)

// Meta is what course.yaml says about the course as a whole.
type Meta struct {
	Title     string
	Summary   string
	Authors   []string
	Languages []string // the translations the course says it has, as written
	Version   string
	File      string         // as shown in problems, e.g. my-course/course.yaml
	Pos       map[string]Pos // where each key's value is; "" is the file's first line
	langPos   []Pos          // where each entry of Languages is
}

// At returns where key's value is in course.yaml.
func (m *Meta) At(key string) Pos { return at(m.Pos, key) }

// Title is the course's title from course.yaml, or "" when it has none.
func (c *Course) Title() string {
	if c.Meta == nil {
		return ""
	}
	return c.Meta.Title
}

// ParseMeta reads a course.yaml file with the quiz files' strictness:
// unknown keys (with the key probably meant), wrong types and a missing
// title are problems at their file:line:col. It returns nil when the file
// cannot be read as YAML.
func ParseMeta(file string, src []byte) (*Meta, []Problem) {
	d, root := openYAML(file, src)
	if root == nil {
		return nil, d.problems
	}
	m := &Meta{File: file, Pos: map[string]Pos{"": {File: file, Line: 1, Col: 1}}}
	present := d.mapping(root, "course.yaml", m.Pos,
		field{"title", func(v *yaml.Node) { m.Title, _ = d.oneLine(v, "the course title") }},
		field{"summary", func(v *yaml.Node) { m.Summary, _ = d.oneLine(v, "the course summary") }},
		field{"authors", func(v *yaml.Node) { m.Authors = d.oneLineList(v, "authors") }},
		field{"languages", func(v *yaml.Node) { m.Languages, m.langPos = d.languages(v) }},
		field{"version", func(v *yaml.Node) { m.Version, _ = d.oneLine(v, "version") }},
	)
	if present == nil {
		return nil, SortProblems(d.problems)
	}
	d.require(d.resolveQuiet(root), "course.yaml", m.Pos, present, "title")
	d.checkLineControls(m.At, m.Title, m.Summary)
	return m, SortProblems(d.problems)
}

// oneLineList reads a list of one-line texts, such as the authors.
func (d *decoder) oneLineList(n *yaml.Node, what string) []string {
	var out []string
	d.list(n, what, func(i int, item *yaml.Node) {
		if s, ok := d.oneLine(item, fmt.Sprintf("entry %d of %s", i+1, what)); ok {
			out = append(out, s)
		}
	})
	return out
}

// languages reads languages:, each entry a language code as translation
// folders are named, and where each is.
func (d *decoder) languages(n *yaml.Node) ([]string, []Pos) {
	var codes []string
	var where []Pos
	d.list(n, "languages", func(i int, item *yaml.Node) {
		s, ok := d.str(item, fmt.Sprintf("entry %d of languages", i+1))
		if !ok {
			return
		}
		at := d.pos(d.resolveQuiet(item))
		switch {
		case !langName.MatchString(s):
			d.problems = append(d.problems, at.Errorf(RuleBadValue, "%q is not a language code; write it as its translation folders are named, like th or pt-BR", truncate(s, 40)))
		case s == "en":
			d.problems = append(d.problems, at.Warnf(RuleCourseLanguages, "en is the course's own language, at the top of lessons/ and quizzes/; languages lists only the translations"))
		case slices.Contains(codes, s):
			d.problems = append(d.problems, at.Warnf(RuleCourseLanguages, "%s is listed twice in languages", s))
		default:
			codes = append(codes, s)
			where = append(where, at)
		}
	})
	return codes, where
}

// checkControls warns of a control character in the title or summary,
// which every screen strips: the author meant something nobody sees.

// meta reads course.yaml when the course has one; a course without it is
// fine, and so nothing is said.
func (l *loader) meta(c *Course) {
	fsys := l.src.Top
	if fsys == nil || l.ctx.Err() != nil {
		return
	}
	if _, err := fs.Stat(fsys, CourseFile); errors.Is(err, fs.ErrNotExist) {
		return
	}
	c.Files++
	name := l.name("", CourseFile)
	src, p := read(fsys, CourseFile, name)
	if p != nil {
		l.add(*p)
		return
	}
	m, problems := ParseMeta(name, src)
	l.add(problems...)
	c.Meta = m
}

// checkLanguages compares course.yaml's languages: with the translation
// folders found, when it lists any: a folder it does not list is a
// translation the course forgot to announce, a code without a folder one
// that was promised and never written (or a folder named otherwise).
func (l *loader) checkLanguages(m *Meta) {
	if m == nil {
		return
	}
	if _, set := m.Pos["languages"]; !set {
		return
	}
	for _, lang := range l.langs {
		if !slices.Contains(m.Languages, lang) {
			l.add(m.At("languages").Warnf(RuleCourseLanguages, "there is a %s translation folder (lessons/%s or quizzes/%s), but languages does not list %s: add it, or remove the folder", lang, lang, lang, lang))
		}
	}
	for i, lang := range m.Languages {
		if !slices.Contains(l.langs, lang) {
			l.add(m.langPos[i].Warnf(RuleCourseLanguages, "languages lists %s, but there is no lessons/%s/ or quizzes/%s/ folder%s", lang, lang, lang, Nearest(lang, l.langs)))
		}
	}
}

// CourseSchema is the JSON Schema (draft-07) of course.yaml, for editors, as
// QuizSchema is of quiz files; ParseMeta is the authority.
func CourseSchema() []byte {
	line := func(desc string) map[string]any {
		return map[string]any{"type": "string", "maxLength": MaxStringLen, "pattern": "^[^\\n\\r]*$", "description": desc}
	}
	list := func(items map[string]any, desc string) map[string]any {
		return map[string]any{"type": "array", "items": items, "maxItems": MaxListLen, "description": desc}
	}
	schema := map[string]any{
		"$schema":              "http://json-schema.org/draft-07/schema#",
		"$id":                  "https://github.com/asyncio-tutor/asyncio-tutor/course.schema.json",
		"title":                "asyncio-tutor course.yaml",
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"title"},
		"properties": map[string]any{
			"title":   line("the course's title, shown by the menu and list; one line"),
			"summary": line("one line about the course"),
			"authors": list(line("a name"), "who wrote the course"),
			"languages": list(map[string]any{"type": "string", "pattern": langName.String()},
				"the translations, named as their folders lessons/LANG and quizzes/LANG are; English, the original, is not listed"),
			"version": map[string]any{"type": []string{"string", "number"}, "description": "the course's version, read as the text written"},
		},
	}
	b, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		panic(err) // a map of plain values always marshals
	}
	return append(b, '\n')
}
