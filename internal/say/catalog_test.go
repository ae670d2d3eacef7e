package say

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// said is every message the module's code says, by English text, with
// where it is said.
func said(t *testing.T) map[string]string {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	fset := token.NewFileSet()
	out := map[string]string{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() && path == filepath.Join(root, "internal", "say") {
			return filepath.SkipDir // the catalog itself, whose Sayf passes its format on
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Say" && sel.Sel.Name != "Sayf") || len(call.Args) == 0 {
				return true
			}
			at := fset.Position(call.Pos()).String()
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s takes a string literal, so that the catalog can be checked", at, sel.Sel.Name)
				return true
			}
			en, err := strconv.Unquote(lit.Value)
			require.NoError(t, err, at)
			out[en] = at
			return true
		})
		return nil
	})
	require.NoError(t, err)
	return out
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\d+|\*)?(\.\d+)?[a-zA-Z%]`)

// verbs are the formatting verbs of s, without their argument indexes, in
// a fixed order: a translation may reorder them.
func verbs(s string) []string {
	var out []string
	for _, v := range verb.FindAllString(s, -1) {
		if i := strings.Index(v, "]"); i >= 0 {
			v = "%" + v[i+1:]
		}
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

func TestEveryMessageIsTranslated(t *testing.T) {
	messages := said(t)
	require.NotEmpty(t, messages, "the scan found no message: it is looking in the wrong place")
	for lang, catalog := range catalogs {
		for en, at := range messages {
			tr, ok := catalog[en]
			if !assert.True(t, ok, "%s: %q has no %s translation", at, en, lang) {
				continue
			}
			assert.Equal(t, verbs(en), verbs(tr), "%s: the %s translation of %q formats other values", at, lang, en)
			assert.NotEmpty(t, strings.TrimSpace(tr), "%s: the %s translation of %q is empty", at, lang, en)
		}
		for en := range catalog {
			_, ok := messages[en]
			assert.True(t, ok, "the %s catalog translates %q, which no code says", lang, en)
		}
	}
}

func TestLangFallsBackToEnglish(t *testing.T) {
	assert.Equal(t, Thai, Of("th"))
	assert.Equal(t, English, Of(""))
	assert.Equal(t, English, Of("xx"), "a course language without an interface catalog")
	assert.Equal(t, "back", English.Say("back"))
	assert.Equal(t, "กลับ", Thai.Say("back"))
	assert.Equal(t, "no such message", Thai.Say("no such message"), "English where the catalog has nothing")
	assert.Equal(t, "1 s", Thai.Sayf("%d s", 1))
}

func TestVerbsIgnoreIndexesAndOrder(t *testing.T) {
	assert.Equal(t, verbs("%s at %d%%"), verbs("%[2]d %[1]s %%"))
	assert.NotEqual(t, verbs("%s"), verbs("%d"))
}
