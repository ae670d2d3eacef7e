package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// Explanation is what `asyncio-tutor check --explain RULE` prints about a
// rule: every rule check or the loader can report has one, so that the
// name in brackets at the end of a problem always leads somewhere. The
// README's rules table is the reference; a test keeps the two in step.
type Explanation struct {
	Rule     string
	Severity string // as the README's table says: error, warning, error / skipped, warning / error
	Catches  string // what the rule finds
	Why      string // what goes wrong for learners or CI when it is left
	Fix      string
	Example  string // a course text that has the problem, then how it reads fixed
}

// ExplainHint is the line of the text report, after its problems, that
// says where a rule name in brackets leads.
const ExplainHint = "asyncio-tutor check --explain RULE explains a rule\n"

// Explain returns the explanation of rule, or false when there is no such rule.
func Explain(rule string) (Explanation, bool) {
	e, ok := explanations[rule]
	e.Rule = rule
	return e, ok
}

// Rules lists every rule with an explanation, sorted.
func Rules() []string {
	rules := make([]string, 0, len(explanations))
	for r := range explanations {
		rules = append(rules, r)
	}
	slices.Sort(rules)
	return rules
}

// String is the explanation as the terminal shows it: the rule and its
// severity, then a paragraph each for what, why and how, then the example
// indented as a block.
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n\n", e.Rule, e.Severity)
	fmt.Fprintf(&b, "What it catches: %s\n\n", e.Catches)
	fmt.Fprintf(&b, "Why: %s\n\n", e.Why)
	fmt.Fprintf(&b, "How to fix: %s\n\n", e.Fix)
	b.WriteString("Example:\n")
	for _, line := range strings.Split(strings.TrimRight(e.Example, "\n"), "\n") {
		b.WriteString(strings.TrimRight("    "+line, " ") + "\n")
	}
	return b.String()
}

const (
	sevError   = "error"
	sevWarning = "warning"
)

var explanations = map[string]Explanation{
	course.RuleYAMLSyntax: {Severity: sevError,
		Catches: "a quiz, a lesson's front matter or course.yaml that cannot be read as YAML, or a file that holds a second YAML document (a second ---).",
		Why:     "nothing in the file can be loaded, so its lessons or questions vanish from the course.",
		Fix:     "fix the line the problem points at: the message says what YAML expected (quotes around a value holding ': ', spaces instead of a tab).",
		Example: "prompt: Why: the loop       # ': ' inside a value\nprompt: \"Why: the loop\"     # fixed: quoted"},
	course.RuleYAMLLimit: {Severity: sevError,
		Catches: "YAML nested deeper than 32 levels, or expanding to over 50,000 values (aliases of aliases).",
		Why:     "the limits keep an untrusted file from exhausting memory or time: a few lines of aliases can stand for billions of values.",
		Fix:     "write the values out plainly and flatten the nesting.",
		Example: "a: &a [x, x, x]\nb: &b [*a, *a, *a]   # each level multiplies"},
	course.RuleFileTooLarge: {Severity: sevError,
		Catches: "a course file over 1 MiB.",
		Why:     "the limit keeps an untrusted course from exhausting memory; it is refused before it is read.",
		Fix:     "split the lesson or quiz into several files.",
		Example: "lessons/05-everything.md (3 MiB)  ->  05-queues.md, 06-workers.md"},
	course.RuleReadFailed: {Severity: sevError,
		Catches: "a course file or folder that cannot be read: lessons/ or quizzes/ missing, no permission, or a course not read to its end because the check was interrupted.",
		Why:     "what cannot be read cannot be checked or played.",
		Fix:     "create the folder, or fix the file's permissions, as the message says.",
		Example: "my-course/quizzes/   # there is no quizzes/ folder: create it"},
	course.RuleFrontMatter: {Severity: sevError,
		Catches: "a lesson that does not start with front matter (a --- line, id: and title:, another ---), or whose front matter is never closed.",
		Why:     "without front matter the lesson has no id or title, so it cannot be listed, linked or tracked.",
		Fix:     "start the file with the front matter block and close it with a line ---.",
		Example: "---\nid: event-loop\ntitle: The event loop\n---\n\n# The event loop"},
	course.RuleUnknownKey: {Severity: sevError,
		Catches: "a key the format does not have, in front matter, a quiz, a question, a choice or course.yaml; the message names the key you probably meant.",
		Why:     "a misspelt key is silently meaningless: corect: true would leave the choice wrong.",
		Fix:     "spell the key as the format does (see the README), or remove it.",
		Example: "corect: true     # unknown key \"corect\"; did you mean \"correct\"?\ncorrect: true"},
	course.RuleDuplicateKey: {Severity: sevError,
		Catches: "a key given twice in one mapping, or a parameter given twice in params.",
		Why:     "YAML keeps only one of the two values, and which one the author meant is luck.",
		Fix:     "keep one of them.",
		Example: "title: Queues\ntitle: Queues and workers   # remove one"},
	course.RuleMissingField: {Severity: sevError,
		Catches: "a required key that is absent or empty: a lesson's id or title, a quiz's questions, a question's type or prompt, a title in course.yaml, an empty file.",
		Why:     "the course cannot show or grade what it does not have.",
		Fix:     "add the key with a value.",
		Example: "- id: who-runs\n  type: single      # needs \"prompt\"\n  prompt: Who runs while A awaits?"},
	course.RuleWrongType: {Severity: sevError,
		Catches: "a value of the wrong kind: a list where text belongs, text where a list belongs, a number that is not one, correct: yes.",
		Why:     "the value cannot be read as what the key means.",
		Fix:     "write the value in the shape the message names.",
		Example: "tags: gather        # must be a list\ntags: [gather]"},
	course.RuleTooLong: {Severity: sevError,
		Catches: "a string over 32 KiB, a list over 500 entries, over 10,000 files in a folder or over 32 translations.",
		Why:     "the limits keep an untrusted course from exhausting the player's memory or time.",
		Fix:     "split the text, the list or the course.",
		Example: "questions: [...501 questions...]   # split into two quizzes"},
	course.RuleBadID: {Severity: sevError,
		Catches: "an id that is not lower-case letters, digits and single dashes, or is longer than 64 characters.",
		Why:     "ids name progress entries, links and files; one shape keeps them stable and safe to show.",
		Fix:     "rename the id, and every quiz: that links it.",
		Example: "id: Event_Loop\nid: event-loop"},
	course.RuleBadFileName: {Severity: "warning / error",
		Catches: "a course file not named NN-slug: a quiz (a warning) or a lesson without an order: key (an error, since its place is unknown).",
		Why:     "the NN of the name puts lessons in course order and keeps folders sorted the same way.",
		Fix:     "rename it NN-slug.md or NN-slug.yaml, or give the lesson an order: key.",
		Example: "lessons/EventLoop.md\nlessons/04-event-loop.md"},
	course.RuleFieldForType: {Severity: sevError,
		Catches: "a key that belongs to another question type, such as items: on a single question.",
		Why:     "the key is ignored for this type, so the author's intent is lost; often the type is what is wrong.",
		Fix:     "remove the key, or change the question's type.",
		Example: "type: single\nitems: [a, b]     # items belongs to order questions"},
	course.RuleBadValue: {Severity: sevError,
		Catches: "a value out of range or not one of those allowed: an unknown question type or match mode, pass outside 0..1, a title on two lines, a languages entry that is no language code.",
		Why:     "the player cannot act on a value it does not know.",
		Fix:     "use one of the values the message lists.",
		Example: "pass: 70      # the fraction, not a percentage\npass: 0.7"},
	course.RuleDuplicateID: {Severity: sevError,
		Catches: "two lessons, two quizzes, or two questions of one quiz with the same id.",
		Why:     "links, progress and translations find things by id; two with one id make one of them unreachable.",
		Fix:     "give each its own id.",
		Example: "lessons/03-a.md: id: intro\nlessons/04-b.md: id: intro     # rename one"},
	course.RuleUnknownQuiz: {Severity: sevError,
		Catches: "a lesson whose quiz: names a quiz that does not exist.",
		Why:     "the learner is promised a quiz that never comes.",
		Fix:     "link the id of an existing quiz (the message suggests the closest), or create the quiz.",
		Example: "quiz: event-lop\nquiz: event-loop"},
	course.RuleExampleBlock: {Severity: sevError,
		Catches: "a malformed ```example block: no name, a bad name, a word that is not key=value, a key given twice, or a card never closed.",
		Why:     "the card cannot be placed, so the runnable example is missing from the lesson.",
		Fix:     "write ```example NAME, then key=value settings, and close the block.",
		Example: "```example model=loop gather\n```example gather model=loop"},
	course.RuleUnknownFolder: {Severity: sevWarning,
		Catches: "a folder in lessons/ or quizzes/ that is not named by a language code, or a folder inside a translation folder.",
		Why:     "nothing in it is read, so lessons put there are missing from the course.",
		Fix:     "move its files up, or name the folder by a language code (th, pt-BR).",
		Example: "lessons/drafts/     # ignored\nlessons/th/         # a translation"},
	course.RuleEmptyCourse: {Severity: sevError,
		Catches: "a course without a single lesson.",
		Why:     "there is nothing to play.",
		Fix:     "add lessons/01-first.md (asyncio-tutor init DIR writes a course to start from).",
		Example: "lessons/01-first.md"},
	course.RuleTranslationOrphan: {Severity: sevError,
		Catches: "a translated lesson or quiz whose id no English lesson or quiz has.",
		Why:     "a translation replaces its original; with no original it is never shown.",
		Fix:     "give it the original's id, or add the original.",
		Example: "lessons/th/01-intro.md: id: intro-th\nid: intro     # the English lesson's id"},
	course.RuleUnusedQuiz: {Severity: sevWarning,
		Catches: "a quiz that no lesson links with quiz:.",
		Why:     "learners never reach it.",
		Fix:     "add quiz: ID to the front matter of its lesson, or remove the quiz.",
		Example: "---\nid: queues\ntitle: Queues\nquiz: queues\n---"},
	course.RuleMarkdownNesting: {Severity: sevError,
		Catches: "lists and quotes nested more than 16 deep in a lesson, as the markdown parser reads them.",
		Why:     "rendering such text can take minutes, so the player shows it unformatted instead.",
		Fix:     "flatten the nesting.",
		Example: "1. > - > - > ...   # split into separate lists"},
	course.RuleMarkdownBudget: {Severity: sevWarning,
		Catches: "a part of a lesson (between two example cards) too costly to format: a paragraph, heading or table over 16 KiB, over 20,000 blocks, or too much markup.",
		Why:     "the player shows that part as plain text so that it stays responsive.",
		Fix:     "split the part with headings or cards, or shorten it.",
		Example: "a 40 KiB table  ->  several smaller tables"},
	course.RuleRegexTooLarge: {Severity: sevError,
		Catches: "a regex answer over 1000 bytes or 1000 compiled instructions, or the one that takes a quiz's patterns over 10,000 together.",
		Why:     "grading takes time in proportion to the compiled pattern; the limits keep it instant.",
		Fix:     "write * or + instead of large {n,m} counts, and do not nest counts.",
		Example: "answers: [['(?:x{10}){10}']]   # 100 copies of x\nanswers: [['x+']]"},
	course.RuleNotRegularFile: {Severity: sevError,
		Catches: "a course file that is a named pipe, device, socket or folder.",
		Why:     "reading one could wait forever or never end, so it is never opened.",
		Fix:     "replace it with a plain file.",
		Example: "mkfifo lessons/01-a.md   # never read"},
	course.RuleOutsideCourse: {Severity: sevError,
		Catches: "a link that leads out of the course folder (lessons/, quizzes/ and course.yaml included).",
		Why:     "a course pack must not make the player read, or CI print, files of the machine it runs on.",
		Fix:     "copy the file into the course instead of linking it.",
		Example: "lessons/01-a.md -> /home/me/notes.md   # copy it in"},
	course.RuleUnclosedFence: {Severity: sevError,
		Catches: "a code block (``` or ~~~) with no closing fence.",
		Why:     "the rest of the lesson would show as code, example cards included.",
		Fix:     "close the block with a fence of the same character, at least as long.",
		Example: "```python\nawait asyncio.sleep(1)\n```"},
	course.RuleExampleNearMiss: {Severity: sevWarning,
		Catches: "a code block whose info string nearly says example (Example, examples, exmaple, example-gather).",
		Why:     "it shows as a plain code block, so the runnable card the author meant is missing.",
		Fix:     "write it as the message suggests.",
		Example: "```Example gather\n```example gather"},
	course.RuleCardInBlock: {Severity: sevWarning,
		Catches: "an ```example NAME line inside a code block it could have closed: the block's closing fence was forgotten.",
		Why:     "the card shows as code and never runs.",
		Fix:     "close the code block before the card; to quote a card on purpose, use a longer fence around it.",
		Example: "```python\nprint(1)\n```            # close it first\n```example gather"},
	course.RuleControlChar: {Severity: sevWarning,
		Catches: "a control character (ESC, BEL, a C1 control) or a numeric reference to one (&#27;) in a lesson, or in course.yaml's title or summary.",
		Why:     "the player strips them, so learners never see what the author meant them to do.",
		Fix:     "take it out; for emphasis use markdown.",
		Example: "title: \"\\e[1mQueues\"\ntitle: Queues"},
	course.RuleIgnoredFile: {Severity: sevWarning,
		Catches: "a file in lessons/, quizzes/ or a translation folder that is not read, with the name it needs.",
		Why:     "a lesson saved as .markdown or a quiz among lessons silently vanishes from the course.",
		Fix:     "rename or move it as the message says.",
		Example: "lessons/01-intro.markdown\nlessons/01-intro.md"},
	course.RuleSameOrder: {Severity: sevWarning,
		Catches: "two English lessons with one order number (their order: or the NN of their names).",
		Why:     "only their file names put them in order, which is likely not what was meant.",
		Fix:     "give each lesson its own number.",
		Example: "03-queues.md, 03-workers.md\n03-queues.md, 04-workers.md"},
	course.RuleSharedQuiz: {Severity: sevError,
		Catches: "an English lesson linking a quiz an earlier lesson already links.",
		Why:     "the learner answers the same questions twice while the quiz meant for the second lesson goes unused.",
		Fix:     "link the lesson's own quiz.",
		Example: "lessons/05-b.md: quiz: queues   # already the quiz of 04-a.md\nquiz: workers"},
	course.RuleNotUTF8: {Severity: sevError,
		Catches: "a lesson, quiz or course.yaml with bytes that are not UTF-8 (saved as Windows-1252, or UTF-16).",
		Why:     "every later problem would be a consequence of reading the file wrongly.",
		Fix:     "save the file as UTF-8 in your editor.",
		Example: "byte 0x92 (in Windows-1252, ’)  ->  save as UTF-8"},
	course.RuleCourseLanguages: {Severity: sevWarning,
		Catches: "a course.yaml whose languages: and the translation folders disagree: a folder it does not list, a code without a folder, a code listed twice, or en.",
		Why:     "languages says which translations the course offers; a list that drifts from the folders promises a translation nobody wrote, or hides one.",
		Fix:     "list exactly the translation folders' codes (English, the original, is not listed), or leave languages out.",
		Example: "languages: [th, ja]   # there is no lessons/ja/\nlanguages: [th]"},

	RuleUnknownExample: {Severity: sevError,
		Catches: "a card or an output question naming an example that does not exist.",
		Why:     "the card cannot run and the key cannot be proved.",
		Fix:     "use a name from asyncio-tutor run --list (the message suggests the closest).",
		Example: "```example gahter\n```example gather"},
	RuleChoicesCount: {Severity: sevError,
		Catches: "a single or multi question with fewer than two choices.",
		Why:     "with one choice there is nothing to choose.",
		Fix:     "add choices.",
		Example: "choices:\n  - text: Runs another task\n    correct: true\n  - text: Waits\n    feedback: That is a blocking sleep."},
	RuleSingleCorrect: {Severity: sevError,
		Catches: "a single question without exactly one choice marked correct: true.",
		Why:     "no answer, or more than one, would be right, and the grader accepts only one.",
		Fix:     "mark exactly one choice correct, or use type: multi.",
		Example: "type: single    # two correct choices\ntype: multi"},
	RuleMultiCorrect: {Severity: sevError,
		Catches: "a multi question with no choice marked correct: true.",
		Why:     "ticking nothing would be the only right answer.",
		Fix:     "mark the correct choices.",
		Example: "  - text: gather runs them together\n    correct: true"},
	RuleTextBlanks: {Severity: sevError,
		Catches: "a text question whose prompt's blanks (each ___) and answers (one list per blank) differ in number.",
		Why:     "some blank has no accepted answer, or some answer no blank.",
		Fix:     "give one list of accepted answers per ___ (no ___ means one blank).",
		Example: "prompt: \"___ declares, ___ pauses\"\nanswers: [[async], [await]]"},
	RuleBadRegex: {Severity: sevError,
		Catches: "a text answer with match: regex that does not compile.",
		Why:     "no typed answer could ever match it.",
		Fix:     "fix the pattern; write it in 'single quotes' so backslashes stay plain.",
		Example: "answers: [['(await']]\nanswers: [['await']]"},
	RuleOrderItems: {Severity: sevError,
		Catches: "an order question with fewer than two items, or an item repeated.",
		Why:     "with one item nothing is ordered; with a repeat two orders are equally right.",
		Fix:     "give at least two different items.",
		Example: "items: [start, start, end]\nitems: [start, wait, end]"},
	RuleOrderItemsAlike: {Severity: sevError,
		Catches: "two order items that differ only in case or spacing.",
		Why:     "a learner cannot tell which goes where, yet the grader can.",
		Fix:     "word them differently.",
		Example: "items: [Start the loop, start  the loop]"},
	RuleOutputLines: {Severity: sevError,
		Catches: "an output question with fewer than two lines, or a line repeated.",
		Why:     "with one line nothing is ordered; with a repeat two orders are equally right.",
		Fix:     "list at least two different lines, in the order the example prints them.",
		Example: "lines: [\"func1 done\", \"func2 done\"]"},
	RuleOutputProof: {Severity: "error / skipped",
		Catches: "an output key whose example, run in the question's model, does not print those lines in that order, or prints them at one instant from racing goroutines; skipped when a python question finds no python3.",
		Why:     "the answer key would teach learners the wrong order.",
		Fix:     "put the lines in the order the message shows (asyncio-tutor run NAME shows the run), or use model: loop for an exact order.",
		Example: "lines: [\"func2 done\", \"func1 done\"]   # func1 finishes first\nlines: [\"func1 done\", \"func2 done\"]"},
	RuleGraderSelfTest: {Severity: sevError,
		Catches: "an answer key that, graded by the real grader, does not score full marks; an empty answer or a wrong choice that scores.",
		Why:     "the learner who answers right is told they are wrong, or the one who guesses wins.",
		Fix:     "make the key and the question agree: an accepted answer that needs typing something, items that differ.",
		Example: "answers: [[\"\"]]      # accepts an empty answer\nanswers: [[await]]"},
	RuleSmellLongestCorrect: {Severity: sevWarning,
		Catches: "a quiz in which the correct choice is the longest in most choice questions.",
		Why:     "learners notice, and pick the longest choice without reading.",
		Fix:     "make wrong choices as careful as right ones.",
		Example: "- text: Yes\n- text: It hands the turn back to the loop, which runs the next ready task  # correct"},
	RuleSmellAllNone: {Severity: sevWarning,
		Catches: "an \"all of the above\" or \"none of the above\" choice.",
		Why:     "such choices test test-taking, not understanding.",
		Fix:     "replace it with a choice that stands for a real misconception.",
		Example: "- text: All of the above"},
	RuleSmellNoExplanation: {Severity: sevWarning,
		Catches: "a question without an explanation.",
		Why:     "learners read it after answering, right or wrong; without it a wrong answer teaches nothing.",
		Fix:     "add explanation: saying why the answer is right.",
		Example: "explanation: An await hands the turn back to the loop."},
	RuleSmellNoFeedback: {Severity: sevWarning,
		Catches: "a wrong choice without feedback.",
		Why:     "a learner who picks it is not told which misconception it stands for.",
		Fix:     "add feedback: to the choice.",
		Example: "- text: Waits for A's sleep\n  feedback: That is what a blocking time.sleep does."},
	RuleTranslationMismatch: {Severity: sevError,
		Catches: "a translation whose answer key differs from the original's: question ids, correct choices, blank or item counts, examples, output lines, pass, model or params.",
		Why:     "texts may be translated; what is right may not change with the language.",
		Fix:     "keep the key exactly as in the English file, translating only the texts.",
		Example: "quizzes/th/01-a.yaml: correct: true on choice 2, the original on choice 1"},
	RuleExampleSettings: {Severity: sevError,
		Catches: "a card or an output question that sets a model, a parameter or a value its example does not have.",
		Why:     "the example cannot run as written.",
		Fix:     "use a model and parameters from asyncio-tutor run --list, within their ranges.",
		Example: "```example gather delay3=99s     # at most 10s\n```example gather delay3=4s"},
	RuleRegexLikeAnswer: {Severity: sevWarning,
		Catches: "a fold or exact text answer written like a regular expression, e.g. (Bounded)?Semaphore.",
		Why:     "compared as text it accepts only someone who types the pattern itself.",
		Fix:     "set match: regex if it is a pattern, or list each answer it stands for.",
		Example: "answers: [[\"(Bounded)?Semaphore\"]]\nanswers: [[Semaphore, BoundedSemaphore]]"},
	RuleMultiAllCorrect: {Severity: sevWarning,
		Catches: "a multi question whose every choice is correct.",
		Why:     "ticking them all wins without reading them.",
		Fix:     "add a wrong choice that stands for a misconception.",
		Example: "  - text: gather waits for every task\n    feedback: ...   # add a wrong choice like this"},
}
