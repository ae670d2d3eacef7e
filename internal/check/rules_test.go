package check

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// declaredRules reads every Rule* string constant declared in the non-test
// files of the packages at dirs: the rules check or the loader can report.
func declaredRules(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	rules := map[string]string{} // rule -> constant
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
			require.NoError(t, err)
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.CONST {
					continue
				}
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if !strings.HasPrefix(name.Name, "Rule") || i >= len(vs.Values) {
							continue
						}
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							v, err := strconv.Unquote(lit.Value)
							require.NoError(t, err)
							rules[v] = name.Name
						}
					}
				}
			}
		}
	}
	return rules
}

func TestEveryRuleHasAnExplanation(t *testing.T) {
	declared := declaredRules(t, "../course", ".")
	require.Greater(t, len(declared), 40, "the walk found the rule constants")
	for rule, constant := range declared {
		e, ok := Explain(rule)
		if assert.True(t, ok, "%s (%q) has no entry in explanations", constant, rule) {
			assert.NotEmpty(t, e.Severity, rule)
			assert.NotEmpty(t, e.Catches, rule)
			assert.NotEmpty(t, e.Why, rule)
			assert.NotEmpty(t, e.Fix, rule)
			assert.NotEmpty(t, e.Example, rule)
		}
	}
	for _, rule := range Rules() {
		_, ok := declared[rule]
		assert.True(t, ok, "explanation of %q, a rule nothing reports", rule)
	}
}

// readmeRuleRows is the README's rules table: each rule named in the first
// column, with the row's severity.
func readmeRuleRows(t *testing.T) map[string]string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, table, found := strings.Cut(string(readme), "### What `check` reports")
	require.True(t, found)
	table, _, _ = strings.Cut(table, "\n## ")
	names := regexp.MustCompile("`([a-z0-9-]+)`")
	rows := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.Contains(cells[1], "`") {
			continue
		}
		for _, m := range names.FindAllStringSubmatch(cells[1], -1) {
			rows[m[1]] = strings.TrimSpace(cells[2])
		}
	}
	return rows
}

func TestExplanationsAgreeWithTheREADME(t *testing.T) {
	rows := readmeRuleRows(t)
	require.NotEmpty(t, rows)
	for _, rule := range Rules() {
		sev, ok := rows[rule]
		if assert.True(t, ok, "README's rules table has no row for %q", rule) {
			e, _ := Explain(rule)
			assert.Equal(t, sev, e.Severity, "severity of %q", rule)
		}
	}
	for rule := range rows {
		assert.True(t, slices.Contains(Rules(), rule), "README names rule %q, which has no explanation", rule)
	}
}

func TestExplanationText(t *testing.T) {
	e, ok := Explain("unknown-key")
	require.True(t, ok)
	s := e.String()
	assert.True(t, strings.HasPrefix(s, "unknown-key (error)\n\nWhat it catches: "), s)
	for _, part := range []string{"\nWhy: ", "\nHow to fix: ", "\nExample:\n    corect: true"} {
		assert.Contains(t, s, part)
	}
	_, ok = Explain("no-such-rule")
	assert.False(t, ok)
}
