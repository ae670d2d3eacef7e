package examples

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// LessonSource returns the example's Go as a learner should first read it:
// the very program of Source with the recording hidden. The rewrite finds
// its edits in the syntax tree and makes them in the text, so comments keep
// their places, then fixes the imports and gofmts the result:
//
//   - statements that only record (Start, Task, Wait, Resume, End, Exit,
//     record, RecordTimer) go with their lines; t.Cancel(err) reads as err,
//     t.Cancelled(ctx) as context.Cause(ctx), e.Real(d) as d, t.Print(s) as
//     fmt.Println(s) (fmt.Printf for a Sprintf), t.Sleep(ctx, d) as
//     sleep(ctx, d) and e.Now() as elapsed(), helpers appended at the end;
//   - p.Duration("x") and p.Count("x") read as package variables at their
//     defaults, named after the local a function copies one into;
//   - parameters and fields of a recording type go with their arguments and
//     values, and so does a parameter that only fed the recording; a *task
//     field whose name is read becomes a name field;
//   - a select that tries a case, then records the wait and blocks on it,
//     reads as the blocking select; the theories (func(args) time.Duration)
//     go; comments keep only the sentences that are not about recording.
//
// The result is computed once per catalog example. Should the rewrite fail,
// it is Source.
func (x Example) LessonSource() string {
	if c, ok := lessonCache()[x.Name]; ok && c.source == x.Source {
		return c.lesson()
	}
	return lessonOrSource(x.Source, x.Params)
}

type cachedLesson struct {
	source string
	lesson func() string
}

var lessonCache = sync.OnceValue(func() map[string]cachedLesson {
	m := make(map[string]cachedLesson, len(catalog))
	for _, x := range catalog {
		m[x.Name] = cachedLesson{x.Source, sync.OnceValue(func() string { return lessonOrSource(x.Source, x.Params) })}
	}
	return m
})

func lessonOrSource(src string, params []Param) string {
	if out, err := lessonSource(src, params); err == nil {
		return out
	}
	return src
}

const (
	paramsComment = "// The example's parameters, at their defaults: the player sets them\n// before each run.\n"
	paramComment  = "// The example's parameter, at its default: the player sets it before\n// each run.\n"
	sleepHelper   = `
// sleep pauses for d, as time.Sleep does, but a cancelled ctx cuts it
// short: it returns nil after the full d, or the context's cause as soon as
// ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
`
	elapsedHelper = `
// start is when the program started.
var start = time.Now()

// elapsed is the loop's clock: the time since the program started.
func elapsed() time.Duration { return time.Since(start) }
`
)

var (
	// methods whose call, as a statement, only records
	recordOnly = []string{"Start", "Task", "Wait", "Resume", "End", "Exit", "record", "RecordTimer"}
	// words of a comment about the recording rather than the program
	noisy  = regexp.MustCompile(`(?i)\brecord|\btraces?\b|\blanes?\b|\bpanic|\bplayback\b|\bprogram time\b|\be\.Real\b|\bKind[A-Z]`)
	parens = regexp.MustCompile(` ?\([^()]*\)`)
	// lines left blank where statements went
	blankAfterOpen   = regexp.MustCompile(`([{(]\n)(\s*\n)+`)
	blankBeforeClose = regexp.MustCompile(`\n(\s*\n)+(\t*[})])`)
	blankLines       = regexp.MustCompile(`\n(\s*\n){2,}`)
)

// edit replaces src[from:to] with text.
type edit struct {
	from, to int
	text     string
}

type rewriter struct {
	fset     *token.FileSet
	src      string
	params   map[string]Param
	varName  map[string]string // parameter -> package variable
	recNames map[string]bool   // in the function at hand: names of an env, a task, the args
	recField map[string]bool   // struct fields of a recording type
	named    bool              // a *task field's name is read (co.t.name)
	edits    []edit
	err      error
}

// lessonSource rewrites one example file; see LessonSource.
func lessonSource(src string, params []Param) (_ string, err error) {
	defer func() { // a shape the rewrite does not expect is an error too
		if v := recover(); v != nil {
			err = fmt.Errorf("lesson source: %v", v)
		}
	}()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "example.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	r := &rewriter{fset: fset, src: src, params: map[string]Param{}, varName: map[string]string{}, recField: map[string]bool{}}
	for _, p := range params {
		r.params[p.Name], r.varName[p.Name] = p, p.Name
	}
	r.scan(f)
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			r.function(fd)
		}
	}
	r.cutParams(f)
	r.comments(f)
	if r.err != nil {
		return "", r.err
	}
	body, err := applyEdits(src, r.edits)
	if err != nil {
		return "", err
	}
	return finish(body, params, r.varName)
}

func (r *rewriter) fail(format string, a ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("lesson source: "+format, a...)
	}
}

func (r *rewriter) off(p token.Pos) int    { return r.fset.Position(p).Offset }
func (r *rewriter) text(n ast.Node) string { return r.src[r.off(n.Pos()):r.off(n.End())] }
func (r *rewriter) add(from, to token.Pos, s string) {
	r.edits = append(r.edits, edit{r.off(from), r.off(to), s})
}

// drop deletes from..to, with its whole lines when nothing else is on them
// (a trailing comment goes too).
func (r *rewriter) drop(from, to token.Pos) {
	a, b := wholeLines(r.src, r.off(from), r.off(to))
	r.edits = append(r.edits, edit{a, b, ""})
}

func wholeLines(src string, a, b int) (int, int) {
	start, end := strings.LastIndexByte(src[:a], '\n')+1, len(src)
	if i := strings.IndexByte(src[b:], '\n'); i >= 0 {
		end = b + i + 1
	}
	if rest := strings.TrimSpace(src[b:end]); strings.TrimSpace(src[start:a]) == "" && (rest == "" || strings.HasPrefix(rest, "//")) {
		return start, end
	}
	return a, b
}

// gone reports whether p lies in an edited range.
func (r *rewriter) gone(p token.Pos) bool {
	o := r.off(p)
	return slices.ContainsFunc(r.edits, func(e edit) bool { return e.from <= o && o < e.to })
}

func nodes[T ast.Node](xs []T) []ast.Node {
	out := make([]ast.Node, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// cutList deletes the items of a comma-separated list that cut marks, with
// their commas.
func (r *rewriter) cutList(items []ast.Node, cut func(int) bool) {
	first := slices.IndexFunc(items, func(n ast.Node) bool { return !cut(slices.Index(items, n)) })
	for i, n := range items {
		switch {
		case !cut(i):
		case first < 0:
			r.add(items[0].Pos(), items[len(items)-1].End(), "")
			return
		case i < first:
			r.add(n.Pos(), items[i+1].Pos(), "")
		default:
			r.add(items[i-1].End(), n.End(), "")
		}
	}
}

func isRecType(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.StarExpr:
		return isIdent(e.X, "env") || isIdent(e.X, "task")
	case *ast.SelectorExpr:
		return isIdent(e.X, "trace")
	}
	return isIdent(e, "args")
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// key is the field name of a keyed element of a composite literal, or "".
func key(e ast.Expr) string {
	if kv, ok := e.(*ast.KeyValueExpr); ok {
		if id, ok := kv.Key.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}

// scan finds the struct fields of a recording type, which go (or, for a task
// whose name is read, become a name field), and the locals that copy a
// parameter (limit := p.Duration("timeout")).
func (r *rewriter) scan(f *ast.File) {
	var fields []*ast.Field
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if isRecType(n.Type) {
				fields = append(fields, n)
			}
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.SelectorExpr); ok && n.Sel.Name == "name" && isIdent(x.Sel, "t") {
				r.named = true
			}
		case *ast.AssignStmt:
			if name, ok := r.paramRead(n); ok {
				r.varName[name] = n.Lhs[0].(*ast.Ident).Name
			}
		case *ast.FuncType:
			return false // parameters are not fields
		}
		return true
	})
	for _, fl := range fields {
		for _, nm := range fl.Names {
			r.recField[nm.Name] = true
		}
		if r.named && len(fl.Names) == 1 && fl.Names[0].Name == "t" {
			r.add(fl.Pos(), fl.End(), "name string")
		} else {
			r.drop(fl.Pos(), fl.End())
		}
	}
}

// paramRead recognises x := p.Duration("name") and x := p.Count("name").
func (r *rewriter) paramRead(s *ast.AssignStmt) (string, bool) {
	if len(s.Lhs) != 1 || len(s.Rhs) != 1 || s.Tok != token.DEFINE {
		return "", false
	}
	c, ok := s.Rhs[0].(*ast.CallExpr)
	if _, isIdent := s.Lhs[0].(*ast.Ident); !ok || !isIdent || len(c.Args) != 1 {
		return "", false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Duration" && sel.Sel.Name != "Count") {
		return "", false
	}
	name, err := strconv.Unquote(r.text(c.Args[0]))
	return name, err == nil
}

func (r *rewriter) isRec(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return r.recNames[e.Name]
	case *ast.SelectorExpr:
		return r.recField[e.Sel.Name] || r.isRec(e.X)
	}
	return false
}

// recCall returns the method of a call on a recording value, or "".
func (r *rewriter) recCall(e ast.Expr) (*ast.CallExpr, string) {
	if c, ok := e.(*ast.CallExpr); ok {
		if sel, ok := c.Fun.(*ast.SelectorExpr); ok && r.isRec(sel.X) {
			return c, sel.Sel.Name
		}
	}
	return nil, ""
}

func (r *rewriter) recordsOnly(e ast.Expr) bool {
	_, m := r.recCall(e)
	return slices.Contains(recordOnly, m)
}

func (r *rewriter) function(d *ast.FuncDecl) {
	ps, res := d.Type.Params.List, d.Type.Results
	if d.Recv == nil && len(ps) == 1 && isIdent(ps[0].Type, "args") && res != nil && len(res.List) == 1 && r.text(res.List[0].Type) == "time.Duration" {
		from := d.Pos()
		if d.Doc != nil {
			from = d.Doc.Pos()
		}
		r.drop(from, d.End()) // a theory: the lesson is the program
		return
	}
	r.recNames = map[string]bool{}
	for _, fl := range ps {
		for _, nm := range fl.Names {
			r.recNames[nm.Name] = isRecType(fl.Type)
		}
	}
	if d.Body != nil {
		r.walk(d.Body)
	}
}

func (r *rewriter) walk(n ast.Node) { ast.Inspect(n, r.visit) }

func (r *rewriter) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ExprStmt:
		if r.recordsOnly(n.X) {
			r.drop(n.Pos(), n.End())
			return false
		}
	case *ast.DeferStmt:
		if r.recordsOnly(n.Call) {
			r.drop(n.Pos(), n.End())
			return false
		}
	case *ast.AssignStmt:
		if _, m := r.recCall(n.Rhs[0]); m == "Start" || m == "Task" {
			for _, l := range n.Lhs {
				r.recNames[l.(*ast.Ident).Name] = true
			}
			r.drop(n.Pos(), n.End())
			return false
		}
		if _, ok := r.paramRead(n); ok && r.isRec(n.Rhs[0].(*ast.CallExpr).Fun.(*ast.SelectorExpr).X) {
			r.drop(n.Pos(), n.End()) // the package variable has its name
			return false
		}
	case *ast.SelectStmt:
		if in := r.tryThenBlock(n); in != nil {
			r.add(n.Pos(), in.Pos(), "")
			r.add(in.End(), n.End(), "")
			r.walk(in)
			return false
		}
	case *ast.CompositeLit:
		cut := func(i int) bool { k := key(n.Elts[i]); return r.recField[k] && !(r.named && k == "t") }
		r.cutList(nodes(n.Elts), cut)
		for i, e := range n.Elts {
			switch {
			case cut(i):
			case r.named && key(e) == "t": // t: l.e.Task(c.name) reads as name: c.name
				kv := e.(*ast.KeyValueExpr)
				c, m := r.recCall(kv.Value)
				if (m != "Task" && m != "Start") || len(c.Args) != 1 {
					r.fail("cannot hide the task in %s", r.text(kv))
					return false
				}
				r.add(kv.Key.Pos(), kv.Key.End(), "name")
				r.unwrap(c)
			default:
				r.walk(e)
			}
		}
		return false
	case *ast.SelectorExpr:
		if x, ok := n.X.(*ast.SelectorExpr); ok && n.Sel.Name == "name" && r.recField[x.Sel.Name] {
			r.add(x.X.End(), x.End(), "") // co.t.name reads as co.name
			return false
		}
	case *ast.CallExpr:
		return r.call(n)
	}
	return true
}

// unwrap reads a call with one argument as that argument.
func (r *rewriter) unwrap(c *ast.CallExpr) {
	r.add(c.Pos(), c.Args[0].Pos(), "")
	r.add(c.Args[0].End(), c.End(), "")
	r.walk(c.Args[0])
}

// tryThenBlock recognises a select that tries a case at once and by default
// records the wait and blocks on the same case, and returns the inner
// select, which does the same in one step.
func (r *rewriter) tryThenBlock(s *ast.SelectStmt) *ast.SelectStmt {
	if len(s.Body.List) != 2 {
		return nil
	}
	try, def := s.Body.List[0].(*ast.CommClause), s.Body.List[1].(*ast.CommClause)
	if try.Comm == nil || def.Comm != nil || len(try.Body) > 0 {
		return nil
	}
	var in *ast.SelectStmt
	for _, st := range def.Body {
		if es, ok := st.(*ast.ExprStmt); ok && r.recordsOnly(es.X) {
			continue
		}
		sel, ok := st.(*ast.SelectStmt)
		if !ok || in != nil || r.text(sel.Body.List[0].(*ast.CommClause).Comm) != r.text(try.Comm) {
			return nil
		}
		in = sel
	}
	return in
}

// call rewrites a call on a recording value, and reports whether the walk
// is to look inside it.
func (r *rewriter) call(c *ast.CallExpr) bool {
	switch _, m := r.recCall(c); m {
	case "":
		return true
	case "Print":
		if in, ok := c.Args[0].(*ast.CallExpr); ok && r.text(in.Fun) == "fmt.Sprintf" && strings.HasPrefix(r.text(in.Args[0]), `"`) {
			r.add(c.Pos(), in.Args[0].End(), "fmt.Printf("+strings.TrimSuffix(r.text(in.Args[0]), `"`)+`\n"`)
			r.add(in.End(), c.End(), "")
			for _, a := range in.Args[1:] {
				r.walk(a)
			}
			return false
		}
		r.add(c.Fun.Pos(), c.Fun.End(), "fmt.Println")
	case "Sleep":
		r.add(c.Fun.Pos(), c.Fun.End(), "sleep")
	case "Cancelled":
		r.add(c.Fun.Pos(), c.Fun.End(), "context.Cause")
	case "Cancel", "Real":
		r.unwrap(c)
		return false
	case "Now":
		r.add(c.Pos(), c.End(), "elapsed()")
		return false
	case "Duration", "Count":
		name, err := strconv.Unquote(r.text(c.Args[0]))
		if _, ok := r.params[name]; err != nil || !ok {
			r.fail("parameter %s is not declared", r.text(c.Args[0]))
		}
		r.add(c.Pos(), c.End(), r.varName[name])
		return false
	case "Failure":
		name, err := strconv.Unquote(r.text(c.Args[0]))
		if _, ok := r.params[name]; err != nil || !ok {
			r.fail("parameter %s is not declared", r.text(c.Args[0]))
		}
		r.add(c.Pos(), c.End(), name+"Task, "+name+"Time")
		return false
	default:
		r.fail("cannot hide the recording call %s", r.text(c))
		return false
	}
	for _, a := range c.Args {
		r.walk(a)
	}
	return false
}

// cutParams drops from the signatures, and from every call, the parameters
// of a recording type and those whose every use went with the recording.
func (r *rewriter) cutParams(f *ast.File) {
	funcs, methods := map[string][]bool{}, map[string][]bool{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || r.gone(fd.Pos()) {
			continue
		}
		var perField, perArg []bool
		for _, fl := range fd.Type.Params.List {
			cut := isRecType(fl.Type)
			if !cut && len(fl.Names) == 1 {
				uses, gone := 0, 0
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok && id.Name == fl.Names[0].Name {
						uses++
						if r.gone(n.Pos()) {
							gone++
						}
					}
					return true
				})
				cut = uses > 0 && uses == gone
			}
			perField = append(perField, cut)
			for range max(1, len(fl.Names)) {
				perArg = append(perArg, cut)
			}
		}
		if slices.Contains(perField, true) {
			r.cutList(nodes(fd.Type.Params.List), func(i int) bool { return perField[i] })
			if fd.Recv == nil {
				funcs[fd.Name.Name] = perArg
			} else {
				methods[fd.Name.Name] = perArg
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			var cut []bool
			switch fn := c.Fun.(type) {
			case *ast.Ident:
				cut = funcs[fn.Name]
			case *ast.SelectorExpr:
				cut = methods[fn.Sel.Name]
			}
			if len(cut) > 0 && len(c.Args) >= len(cut)-1 { // the last may be variadic
				r.cutList(nodes(c.Args), func(i int) bool { return cut[min(i, len(cut)-1)] })
			}
		}
		return true
	})
}

// comments drops or rewords the comments about recording.
func (r *rewriter) comments(f *ast.File) {
	for _, g := range f.Comments {
		text, changed := lessonComment(strings.TrimSpace(g.Text()))
		if !changed || r.gone(g.Pos()) || strings.HasPrefix(g.List[0].Text, "/*") {
			continue
		}
		a := r.off(g.Pos())
		indent := r.src[strings.LastIndexByte(r.src[:a], '\n')+1 : a]
		ownLine := strings.TrimSpace(indent) == ""
		switch {
		case text == "" && ownLine:
			r.drop(g.Pos(), g.End())
		case text == "": // a trailing comment goes with the space before it
			r.edits = append(r.edits, edit{len(strings.TrimRight(r.src[:a], " \t")), r.off(g.End()), ""})
		case ownLine:
			var lines []string
			for _, l := range wrap(text, 77-4*len(indent)) {
				lines = append(lines, strings.TrimRight("// "+l, " "))
			}
			r.add(g.Pos(), g.End(), strings.Join(lines, "\n"+indent))
		default:
			r.add(g.Pos(), g.End(), "// "+strings.Join(strings.Fields(text), " "))
		}
	}
}

// lessonComment keeps the sentences and parentheses of a comment's text that
// do not talk about recording, and reports whether any went. Paragraphs are
// kept apart by an empty line.
func lessonComment(text string) (string, bool) {
	if !noisy.MatchString(text) {
		return text, false
	}
	var paras []string
	for _, p := range strings.Split(text, "\n\n") {
		p = parens.ReplaceAllStringFunc(strings.Join(strings.Fields(p), " "), func(s string) string {
			if noisy.MatchString(s) {
				return ""
			}
			return s
		})
		var kept []string
		for s := range strings.SplitAfterSeq(p, ". ") {
			if s = strings.TrimSpace(s); s != "" && !noisy.MatchString(s) {
				kept = append(kept, s)
			}
		}
		if len(kept) > 0 {
			paras = append(paras, strings.Join(kept, " "))
		}
	}
	return strings.Join(paras, "\n\n"), true
}

// wrap breaks text into lines of at most width bytes; paragraphs are kept
// apart by an empty line.
func wrap(text string, width int) []string {
	var out []string
	for i, p := range strings.Split(text, "\n\n") {
		if i > 0 {
			out = append(out, "")
		}
		line := ""
		for _, w := range strings.Fields(p) {
			if line != "" && len(line)+1+len(w) > width {
				out, line = append(out, line), ""
			}
			line = strings.TrimPrefix(line+" "+w, " ")
		}
		out = append(out, line)
	}
	return out
}

// applyEdits makes the edits in src; an edit inside one made already is moot.
func applyEdits(src string, edits []edit) (string, error) {
	slices.SortStableFunc(edits, func(a, b edit) int {
		if a.from != b.from {
			return a.from - b.from
		}
		return b.to - a.to
	})
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.from < at && e.to > at {
			return "", fmt.Errorf("lesson source: edits overlap at offset %d", e.from)
		}
		if e.from >= at {
			b.WriteString(src[at:e.from] + e.text)
			at = e.to
		}
	}
	return b.String() + src[at:], nil
}

// finish appends the helpers, fixes the imports, declares the parameters
// after them, closes up the lines where statements were, and gofmts.
func finish(body string, params []Param, varName map[string]string) (string, error) {
	if strings.Contains(body, "sleep(") {
		body += sleepHelper
	}
	if strings.Contains(body, "elapsed()") {
		body += elapsedHelper
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "lesson.go", body, parser.SkipObjectResolution)
	if err != nil {
		return "", fmt.Errorf("lesson source: %w", err)
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	used, have := map[string]bool{}, map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		case *ast.StarExpr:
			if isRecType(n) {
				err = fmt.Errorf("lesson source: %s is left", types.ExprString(n))
			}
		case *ast.Field:
			if isRecType(n.Type) {
				err = fmt.Errorf("lesson source: %s is left", types.ExprString(n.Type))
			}
		}
		return true
	})
	if err != nil {
		return "", err
	}
	var edits []edit
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := path.Base(p)
		if im.Name != nil {
			name = im.Name.Name
		}
		have[name] = true
		if name != "_" && !used[name] || strings.HasSuffix(p, "/internal/trace") {
			a, b := wholeLines(body, off(im.Pos()), off(im.End()))
			edits = append(edits, edit{a, b, ""})
		}
	}
	var missing string
	for _, p := range []string{"context", "fmt", "time"} {
		if used[p] && !have[p] {
			missing += "\t" + strconv.Quote(p) + "\n" // gofmt sorts it in
		}
	}
	decls := paramDecls(params, varName)
	at := off(f.Name.End())
	if i := slices.IndexFunc(f.Decls, func(d ast.Decl) bool { g, ok := d.(*ast.GenDecl); return ok && g.Tok == token.IMPORT }); i < 0 {
		if missing != "" {
			decls = "\n\nimport (\n" + missing + ")" + decls
		}
	} else if g := f.Decls[i].(*ast.GenDecl); g.Lparen.IsValid() {
		edits = append(edits, edit{off(g.Lparen) + 2, off(g.Lparen) + 2, missing})
		at = off(g.End())
	} else {
		edits = append(edits, edit{off(g.Pos()), off(g.End()), "import (\n" + missing + "\t" + body[off(g.Specs[0].Pos()):off(g.End())] + "\n)"})
		at = off(g.End())
	}
	body, err = applyEdits(body, append(edits, edit{at, at, decls}))
	if err != nil {
		return "", err
	}
	body = blankAfterOpen.ReplaceAllString(body, "$1")
	body = blankBeforeClose.ReplaceAllString(body, "\n$2")
	out, err := format.Source([]byte(blankLines.ReplaceAllString(body, "\n\n")))
	if err != nil {
		return "", fmt.Errorf("lesson source: the rewrite is not Go: %w", err)
	}
	return string(out), nil
}

// paramDecls declares the parameters at their defaults, with their help.
func paramDecls(params []Param, varName map[string]string) string {
	var lines []string
	for _, p := range params {
		if p.Kind == Failure {
			v, _ := p.parse(p.Default)
			n, at := failureOf(v)
			lines = append(lines,
				fmt.Sprintf("%sTask = %d // the %q parameter: %s", p.Name, n, p.Name, p.Help),
				fmt.Sprintf("%sTime time.Duration = %s // and when that task fails", p.Name, durationLiteral(at)))
			continue
		}
		lit := strings.TrimSpace(p.Default)
		if p.Kind == Duration {
			v, _ := p.parse(p.Default)
			lit = durationLiteral(time.Duration(v))
		}
		help := p.Help
		if varName[p.Name] != p.Name {
			help = "the " + strconv.Quote(p.Name) + " parameter: " + help
		}
		lines = append(lines, varName[p.Name]+" = "+lit+" // "+help)
	}
	switch len(lines) {
	case 0:
		return ""
	case 1:
		return "\n\n" + paramComment + "var " + lines[0]
	}
	return "\n\n" + paramsComment + "var (\n\t" + strings.Join(lines, "\n\t") + "\n)"
}

// durationLiteral writes d as Go: 0, time.Second, 500 * time.Millisecond.
func durationLiteral(d time.Duration) string {
	units := []time.Duration{time.Hour, time.Minute, time.Second, time.Millisecond, time.Microsecond, time.Nanosecond}
	names := []string{"Hour", "Minute", "Second", "Millisecond", "Microsecond", "Nanosecond"}
	for i, u := range units {
		switch {
		case d == 0:
			return "0"
		case d == u:
			return "time." + names[i]
		case d%u == 0:
			return strconv.FormatInt(int64(d/u), 10) + " * time." + names[i]
		}
	}
	return ""
}
