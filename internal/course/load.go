package course

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Source is where a course's files come from: the two folders of a course,
// and the prefix that names them in problems (the folder the instructor
// passed, or "" for the embedded default course).
type Source struct {
	Lessons fs.FS
	Quizzes fs.FS
	// Top is the course folder itself, where course.yaml is; nil when the
	// course has no such file.
	Top  fs.FS
	Root string
	// Langs limits the translations read to these languages; nil reads them
	// all. The player reads only the one it shows (start-up waits for the
	// YAML parser); check reads everything.
	Langs []string
}

// Dir is the course folder at dir. Only what lies inside it is read: a
// link out of it, or a named pipe or device in it, is a problem, not a
// file (see courseDir).
func Dir(dir string) Source {
	return Source{
		Lessons: courseDir{course: dir, sub: lessonsDir},
		Quizzes: courseDir{course: dir, sub: quizzesDir},
		Top:     courseDir{course: dir, sub: "."},
		Root:    filepath.ToSlash(filepath.Clean(dir)),
	}
}

// IsLanguageFolder reports whether name is how a course names a
// translation folder: by its language code (th, pt-BR). The loader reads
// only such folders, so a watcher need follow no other.
func IsLanguageFolder(name string) bool { return langName.MatchString(name) }

var (
	lessonName = regexp.MustCompile(`^(\d+)-[a-z0-9]+(?:-[a-z0-9]+)*\.md$`)
	quizName   = regexp.MustCompile(`^\d+-[a-z0-9]+(?:-[a-z0-9]+)*\.ya?ml$`)
	langName   = regexp.MustCompile(`^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$`)
)

// Load reads a whole course and reports every problem in it: syntax and
// schema problems of each file, duplicate ids, quizzes that do not exist or
// that no lesson uses, and translations of lessons or quizzes that do not
// exist in English. Rules about what questions mean (answer keys, examples,
// smells) belong to the check package. The course is usable for whatever
// parsed, even when there are problems.
//
// When ctx ends, Load starts no further file (those being parsed finish,
// each bounded by the file size limit) and returns what it has, with an
// error saying the course was not read to its end.
func Load(ctx context.Context, src Source) (*Course, []Problem) {
	l := loader{ctx: ctx, src: src}
	c := &Course{Translations: map[string]*Content{}}
	l.meta(c)
	en := l.content("", c)
	c.Lessons, c.Quizzes = en.Lessons, en.Quizzes
	for _, lang := range l.langs {
		if src.Langs == nil || slices.Contains(src.Langs, lang) {
			c.Translations[lang] = l.content(lang, c)
		}
	}
	if err := ctx.Err(); err != nil {
		l.add(Pos{File: l.name(lessonsDir, "")}.Errorf(RuleReadFailed, "the course was not read to its end: %v", context.Cause(ctx)))
		return c, SortProblems(l.problems)
	}
	if len(c.Lessons) == 0 && !l.missingDir {
		l.add(Pos{File: l.name(lessonsDir, "")}.Errorf(RuleEmptyCourse, "the course has no lessons: add lessons/01-first.md"))
	}
	l.crossCheck(c)
	l.checkLanguages(c.Meta)
	return c, SortProblems(l.problems)
}

const (
	lessonsDir = "lessons"
	quizzesDir = "quizzes"
)

type loader struct {
	ctx        context.Context
	src        Source
	problems   []Problem
	langs      []string
	missingDir bool
	// tooManyLangs: a translation folder past MaxLanguages was reported.
	tooManyLangs bool
}

func (l *loader) add(ps ...Problem) { l.problems = append(l.problems, ps...) }

// name is how a file is called in problems: root/lessons/lang/file.
func (l *loader) name(dir, rel string) string {
	return path.Join(l.src.Root, dir, rel)
}

// content loads one language: English at the top of each folder, a
// translation in a sub-folder named by its language code.
func (l *loader) content(lang string, c *Course) *Content {
	out := &Content{Lang: lang}
	unordered := map[*Lesson]bool{} // lessons whose place is already an error
	lessonFiles := l.files(lessonsDir, l.src.Lessons, lang, lessonName, ".md")
	quizFiles := l.files(quizzesDir, l.src.Quizzes, lang, quizName, ".yaml", ".yml")
	c.Files += len(lessonFiles) + len(quizFiles)
	for i, r := range parseAll(l, lessonsDir, l.src.Lessons, lessonFiles, ParseLesson) {
		l.add(r.problems...)
		lesson := r.value
		if lesson == nil {
			continue
		}
		lesson.Lang = lang
		if _, set := lesson.Pos["order"]; !set {
			if m := lessonName.FindStringSubmatch(path.Base(lessonFiles[i])); m != nil {
				lesson.Order, _ = strconv.Atoi(m[1])
			} else {
				l.add(lesson.At("").Errorf(RuleBadFileName, "cannot tell where this lesson goes: name the file NN-slug.md (e.g. 03-event-loop.md) or give it an order: key"))
				unordered[lesson] = true
			}
		}
		out.Lessons = append(out.Lessons, lesson)
	}
	for _, r := range parseAll(l, quizzesDir, l.src.Quizzes, quizFiles, ParseQuiz) {
		l.add(r.problems...)
		if r.value != nil {
			r.value.Lang = lang
			out.Quizzes = append(out.Quizzes, r.value)
		}
	}
	slices.SortStableFunc(out.Lessons, func(a, b *Lesson) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.File, b.File))
	})
	l.duplicates(out)
	// A translation takes its order and its quiz from the English lesson
	// (Course.In), and check reports one that differs, so only English
	// lessons can share either.
	if lang == "" {
		l.add(sameOrder(out.Lessons, unordered)...)
		l.add(sharedQuizzes(out)...)
	}
	return out
}

// sameOrder warns of each lesson whose order number an earlier lesson
// already has. It is a warning: the course still plays in one order, ties
// broken by file name, but the author numbered one of them by mistake
// (a copied file, a renumbering half done) and the order shown is luck.
func sameOrder(lessons []*Lesson, unordered map[*Lesson]bool) []Problem {
	var ps []Problem
	var first *Lesson // the first lesson with the current order number
	for _, x := range lessons {
		if unordered[x] {
			continue
		}
		if first == nil || x.Order != first.Order {
			first = x
			continue
		}
		ps = append(ps, x.At("order").Warnf(RuleSameOrder,
			"this lesson's order, %d (%s), is also that of %s (%s): only their file names put them in order; give each lesson its own number",
			x.Order, orderSource(x), first.File, orderSource(first)))
	}
	return ps
}

// orderSource says where a lesson's order number comes from.
func orderSource(x *Lesson) string {
	if _, set := x.Pos["order"]; set {
		return "its order: key"
	}
	return "its file name"
}

// sharedQuizzes reports each lesson that links a quiz an earlier lesson
// already links. A quiz belongs to one lesson: two sharing one is a front
// matter copied and not finished, and the learner is asked the same
// questions twice while the quiz meant for the second lesson goes unused.
// A quiz that does not exist (or did not parse) is left to unknown-quiz.
func sharedQuizzes(c *Content) []Problem {
	var ps []Problem
	first := map[string]*Lesson{}
	for _, x := range c.Lessons {
		if x.Quiz == "" || !slices.ContainsFunc(c.Quizzes, func(q *Quiz) bool { return q.ID == x.Quiz }) {
			continue
		}
		if f, dup := first[x.Quiz]; dup {
			ps = append(ps, x.At("quiz").Errorf(RuleSharedQuiz,
				"quiz %q is already the quiz of %s; a quiz belongs to one lesson: link this lesson's own quiz", x.Quiz, f.File))
			continue
		}
		first[x.Quiz] = x
	}
	return ps
}

// files lists the course files of one language in a folder, sorted by name.
// Only the English pass looks for translation folders.
func (l *loader) files(dir string, fsys fs.FS, lang string, want *regexp.Regexp, exts ...string) []string {
	if fsys == nil {
		return nil
	}
	root := "."
	if lang != "" {
		root = lang
	}
	if l.ctx.Err() != nil {
		return nil
	}
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		if lang == "" {
			l.missingDir = l.missingDir || errors.Is(err, fs.ErrNotExist) || errors.Is(err, ErrOutsideCourse)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				l.add(Pos{File: l.name(dir, "")}.Errorf(RuleReadFailed, "there is no %s/ folder; a course folder holds lessons/ and quizzes/", dir))
			case errors.Is(err, ErrOutsideCourse):
				l.add(Pos{File: l.name(dir, "")}.Errorf(RuleOutsideCourse, "%s/ is a link to outside the course folder, which is not read; make it a folder of the course", dir))
			default:
				l.add(Pos{File: l.name(dir, "")}.Errorf(RuleReadFailed, "cannot read the folder: %v", err))
			}
		}
		return nil
	}
	var names, ignored []string
	for _, e := range entries {
		name := e.Name()
		rel := path.Join(root, name)
		if strings.HasPrefix(name, ".") {
			continue
		}
		courseFile := slices.ContainsFunc(exts, func(ext string) bool { return strings.HasSuffix(name, ext) }) && !strings.EqualFold(name, "README.md")
		// A link is looked at when read, where it leads; anything else
		// that is not a plain file is never opened: a FIFO would wait
		// forever.
		if kind, bad := irregular(e.Type()); bad && courseFile && e.Type()&fs.ModeSymlink == 0 {
			l.add(readProblem(Pos{File: l.name(dir, rel)}, &notRegularError{kind}))
			continue
		}
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 && !courseFile {
			// A link that may be a folder (a translation folder, say): where
			// it leads decides, and a link out of the course is said so.
			info, err := fs.Stat(fsys, rel)
			if errors.Is(err, ErrOutsideCourse) {
				l.add(readProblem(Pos{File: l.name(dir, rel)}, err))
				continue
			}
			isDir = err == nil && info.IsDir()
		}
		if isDir {
			switch {
			case lang != "":
				l.add(Pos{File: l.name(dir, rel)}.Warnf(RuleUnknownFolder, "folders inside a translation folder are ignored"))
			case langName.MatchString(name):
				l.addLang(Pos{File: l.name(dir, rel)}, name)
			default:
				l.add(Pos{File: l.name(dir, rel)}.Warnf(RuleUnknownFolder, "folder %q is ignored: only translation folders named by a language code (like th) belong here", name))
			}
			continue
		}
		if !courseFile {
			ignored = append(ignored, rel)
			continue
		}
		if !want.MatchString(name) && dir == quizzesDir {
			l.add(Pos{File: l.name(dir, rel)}.Warnf(RuleBadFileName, "name quiz files NN-slug.yaml (e.g. 03-event-loop.yaml) so they sort in course order"))
		}
		names = append(names, rel)
	}
	if len(names) > MaxCourseFiles {
		l.add(Pos{File: l.name(dir, root)}.Errorf(RuleTooLong, "%d files; a course holds at most %d per folder, so only the first %d are read", len(names), MaxCourseFiles, MaxCourseFiles))
		names = names[:MaxCourseFiles]
	}
	l.add(ignoredFiles(dir, lang, ignored, l.name)...)
	return names
}

// MaxLanguages is how many translations a course may hold: far more than
// any course has, and few enough that a pack of thousands of folders named
// like languages costs nothing.
const MaxLanguages = 32

// addLang notes a translation folder, once per language; past MaxLanguages
// the rest are reported, once, and not read.
func (l *loader) addLang(at Pos, lang string) {
	i, found := slices.BinarySearch(l.langs, lang)
	switch {
	case found:
	case len(l.langs) < MaxLanguages:
		l.langs = slices.Insert(l.langs, i, lang)
	case !l.tooManyLangs:
		l.tooManyLangs = true
		l.add(at.Errorf(RuleTooLong, "a course holds at most %d translations; this folder and the ones after it are not read", MaxLanguages))
	}
}

// maxIgnoredReported is how many unread files of one folder are named one
// by one; a folder full of them gets one warning for the rest.
const maxIgnoredReported = 20

// ignoredFiles warns of each file of a course folder that is not read,
// saying what to rename it to when the name is a near miss, so that a
// lesson saved as .markdown does not vanish from the course unnoticed.
// Files that are plainly not course files by design stay quiet: a README,
// a Go file (a course embedded in a program keeps its embed.go here) and
// quizzes/schema.json (the JSON Schema an editor reads).
func ignoredFiles(dir, lang string, rels []string, name func(dir, rel string) string) []Problem {
	var ps []Problem
	skipped := 0
	for _, rel := range rels {
		base := path.Base(rel)
		if quietlyIgnored(dir, base) {
			continue
		}
		if len(ps) == maxIgnoredReported {
			skipped++
			continue
		}
		ps = append(ps, Pos{File: name(dir, rel)}.Warnf(RuleIgnoredFile, "this file is not read: %s", renameHint(dir, lang, base)))
	}
	if skipped > 0 {
		ps = append(ps, Pos{File: name(dir, lang)}.Warnf(RuleIgnoredFile, "%d more files here are not read either", skipped))
	}
	return ps
}

func quietlyIgnored(dir, base string) bool {
	stem, _, _ := strings.Cut(base, ".")
	return strings.EqualFold(stem, "README") || strings.HasSuffix(base, ".go") || dir == quizzesDir && base == "schema.json"
}

// markdownExts are the other endings editors give markdown files.
var markdownExts = []string{".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext"}

// renameHint says what an unread file should be called to be read, or what
// the folder holds when its name is no near miss.
func renameHint(dir, lang, base string) string {
	ext := strings.ToLower(path.Ext(base))
	stem := strings.TrimSuffix(base, path.Ext(base))
	other, otherExt := quizzesDir, ".yaml"
	if dir == quizzesDir {
		other, otherExt = lessonsDir, ".md"
	}
	isMarkdown, isYAML := slices.Contains(markdownExts, ext), ext == ".yaml" || ext == ".yml"
	switch {
	case dir == lessonsDir && isMarkdown:
		return fmt.Sprintf("lessons end in .md; rename it to %s.md", stem)
	case dir == quizzesDir && isYAML:
		return fmt.Sprintf("quizzes end in .yaml; rename it to %s.yaml", stem)
	case dir == lessonsDir && isYAML, dir == quizzesDir && isMarkdown:
		return fmt.Sprintf("it looks like a %s file; move it to %s", map[string]string{lessonsDir: "quiz", quizzesDir: "lesson"}[dir], path.Join(other, lang, stem+otherExt))
	case dir == lessonsDir:
		return "lessons/ holds lessons named NN-slug.md; rename it or move it out of lessons/"
	}
	return "quizzes/ holds quizzes named NN-slug.yaml; rename it or move it out of quizzes/"
}

// parsed is one file's outcome.
type parsed[T any] struct {
	value    *T
	problems []Problem
}

// parseAll reads and parses files on all cores (a course is dozens of small
// files, and start-up waits for them), returning the outcomes in the files'
// order so that problems come out the same on every run.
func parseAll[T any](l *loader, dir string, fsys fs.FS, files []string, parse func(name string, src []byte) (*T, []Problem)) []parsed[T] {
	out := make([]parsed[T], len(files))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range work {
				if l.ctx.Err() != nil {
					continue // Load reports that the course was cut short
				}
				name := l.name(dir, files[i])
				src, p := read(fsys, files[i], name)
				if p != nil {
					out[i].problems = []Problem{*p}
					continue
				}
				out[i].value, out[i].problems = parse(name, src)
			}
		})
	}
feed:
	for i := range files {
		select {
		case work <- i:
		case <-l.ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	return out
}

// read reads one file, refusing files over MaxFileSize before reading them
// and anything that is not a plain file (a folder named like a lesson, a
// pipe, a device) without reading it.
func read(fsys fs.FS, rel, name string) ([]byte, *Problem) {
	at := Pos{File: name}
	f, err := fsys.Open(rel)
	if err != nil {
		var p Problem
		if errors.Is(err, ErrNotRegular) || errors.Is(err, ErrOutsideCourse) {
			p = readProblem(at, err)
		} else {
			p = at.Errorf(RuleReadFailed, "cannot open: %v", unwrapPath(err))
		}
		return nil, &p
	}
	defer f.Close()
	b, err := readOpened(f, MaxFileSize)
	if err != nil {
		p := readProblem(at, err)
		return nil, &p
	}
	return b, nil
}

// unwrapPath drops the *PathError wrapper, whose path repeats the file name
// the problem already shows.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// duplicates reports lesson and quiz ids used twice in one language.
func (l *loader) duplicates(c *Content) {
	l.add(duplicateIDs("lesson", c.Lessons, func(x *Lesson) (string, Pos, string) { return x.ID, x.At("id"), x.File })...)
	l.add(duplicateIDs("quiz", c.Quizzes, func(q *Quiz) (string, Pos, string) { return q.ID, q.At("id"), q.File })...)
}

// duplicateIDs reports every item whose id an earlier item already has.
func duplicateIDs[T any](what string, items []T, id func(T) (string, Pos, string)) []Problem {
	var ps []Problem
	first := map[string]string{} // id -> file
	for _, x := range items {
		key, at, file := id(x)
		if key == "" {
			continue
		}
		if f, dup := first[key]; dup {
			ps = append(ps, at.Errorf(RuleDuplicateID, "%s id %q is already used by %s", what, key, f))
			continue
		}
		first[key] = file
	}
	return ps
}

// crossCheck reports references between files: a lesson's quiz that does not
// exist, a quiz no lesson uses, a translation of nothing. A file that could
// not be parsed has a problem of its own, and references it might have
// answered are not reported as well: its id and quiz: lines are read from
// its raw text instead (see unparsed).
func (l *loader) crossCheck(c *Course) {
	lost := l.unparsed()
	used := map[string]bool{}
	for _, id := range lost.quizzesUsed {
		used[id] = true
	}
	quizExists := func(id string) bool { return c.Quiz(id) != nil || lost.anyQuiz || slices.Contains(lost.quizIDs, id) }
	for _, x := range c.Lessons {
		if x.Quiz == "" {
			continue
		}
		used[x.Quiz] = true
		if !quizExists(x.Quiz) {
			l.add(x.At("quiz").Errorf(RuleUnknownQuiz, "quiz %q does not exist%s", x.Quiz, Nearest(x.Quiz, ids(c.Quizzes, func(q *Quiz) string { return q.ID }))))
		}
	}
	for _, q := range c.Quizzes {
		if q.ID != "" && !used[q.ID] && !lost.anyLesson {
			l.add(q.At("id").Warnf(RuleUnusedQuiz, "no lesson uses quiz %q: add quiz: %s to a lesson's front matter", q.ID, q.ID))
		}
	}
	for _, lang := range c.Langs() {
		tr := c.Translations[lang]
		for _, x := range tr.Lessons {
			if x.ID != "" && c.Lesson(x.ID) == nil && !lost.anyLesson && !slices.Contains(lost.lessonIDs, x.ID) {
				l.add(x.At("id").Errorf(RuleTranslationOrphan, "this %s translation has id %q, but no English lesson does; a translation keeps the original's id", lang, x.ID))
			}
			if x.Quiz != "" && !quizExists(x.Quiz) {
				l.add(x.At("quiz").Errorf(RuleUnknownQuiz, "quiz %q does not exist in the English course", x.Quiz))
			}
		}
		for _, q := range tr.Quizzes {
			if q.ID != "" && !quizExists(q.ID) {
				l.add(q.At("id").Errorf(RuleTranslationOrphan, "this %s translation has id %q, but no English quiz does; a translation keeps the original's id", lang, q.ID))
			}
		}
	}
}

// unparsedRules are the problems that leave a file, or its front matter,
// unread.
var unparsedRules = []string{RuleYAMLSyntax, RuleYAMLLimit, RuleNotUTF8, RuleFrontMatter, RuleReadFailed, RuleFileTooLarge, RuleNotRegularFile, RuleOutsideCourse}

// lostIDs is what the English files that did not parse would have said,
// as far as their raw lines tell: the ids they hold and the quizzes their
// lessons use. anyQuiz and anyLesson mean a file could not be read at all,
// so that it may hold any id.
type lostIDs struct {
	quizIDs, lessonIDs, quizzesUsed []string
	anyQuiz, anyLesson              bool
}

// unparsed finds the English lesson and quiz files that have a problem of
// unparsedRules and reads their top-level id: and quiz: lines.
func (l *loader) unparsed() lostIDs {
	var lost lostIDs
	seen := map[string]bool{}
	for _, p := range l.problems {
		if p.Severity != SeverityError || !slices.Contains(unparsedRules, p.Rule) || seen[p.File] {
			continue
		}
		seen[p.File] = true
		for _, dir := range []string{lessonsDir, quizzesDir} {
			if path.Dir(p.File) != l.name(dir, "") {
				continue
			}
			fsys := l.src.Lessons
			if dir == quizzesDir {
				fsys = l.src.Quizzes
			}
			src, bad := read(fsys, path.Base(p.File), p.File)
			switch {
			case dir == quizzesDir && bad != nil:
				lost.anyQuiz = true
			case dir == quizzesDir:
				lost.quizIDs = append(lost.quizIDs, topLevel(src, "id")...)
			case bad != nil:
				lost.anyLesson = true
			default:
				lost.lessonIDs = append(lost.lessonIDs, topLevel(src, "id")...)
				lost.quizzesUsed = append(lost.quizzesUsed, topLevel(src, "quiz")...)
			}
		}
	}
	return lost
}

// topLevelLine matches a key: value line at the start of a line.
var topLevelLine = regexp.MustCompile(`(?m)^([a-z]+):[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?\r?$`)

// topLevel is every value of key written on a line of its own, unindented.
func topLevel(src []byte, key string) []string {
	var out []string
	for _, m := range topLevelLine.FindAllSubmatch(src, -1) {
		if string(m[1]) == key {
			out = append(out, string(m[2]))
		}
	}
	return out
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

// Nearest suggests the known name closest to a wrong one, as "; did you mean
// X?", or lists the known names when none is close and there are few, each
// once and no blank one.
func Nearest(name string, known []string) string {
	if best, ok := nearest(name, known); ok {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	names := KnownNames(known)
	if len(names) > 0 && len(names) <= 12 {
		return "; known: " + strings.Join(names, ", ")
	}
	return ""
}

// nearest is the known name within two edits of name, the closest first.
func nearest(name string, known []string) (string, bool) {
	best, bestDist := "", 3
	for _, k := range known {
		if strings.TrimSpace(k) == "" {
			continue
		}
		if d := editDistance(strings.ToLower(name), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best, best != ""
}

// KnownNames is known without blanks and repeats, in its order: the list a
// "known: ..." hint shows.
func KnownNames(known []string) []string {
	var out []string
	for _, k := range known {
		if strings.TrimSpace(k) != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}
