// Package progress keeps a learner's progress in one JSON file, and never
// loses it.
//
// # Where
//
// The file is progress.json in asyncio-tutor's state folder ([DefaultPath]):
// $XDG_STATE_HOME/asyncio-tutor/ on Linux and the BSDs (~/.local/state by
// default), ~/Library/Application Support/asyncio-tutor/ on macOS and
// %LOCALAPPDATA%\asyncio-tutor\ on Windows. Next to it live
// progress.json.lock (held while an asyncio-tutor writes), damaged files moved
// aside as progress.json.corrupt-YYYYMMDD-HHMMSS[-N], and, for an instant
// during each save, a temporary .progress.json.tmp-* file.
//
// # Format
//
// The file is a public format: other tools may read it. schema_version says
// which version of this layout the file follows; it grows only when a change
// would mislead an older reader, and an asyncio-tutor that finds a version
// above its own opens the file read-only and never overwrites it. Readers
// must ignore keys they do not know. Version 1:
//
//	{
//	  "schema_version": 1,
//	  "courses": {
//	    "builtin": {
//	      "resume": {"lesson": "gathering-results", "line": 42},
//	      "lessons": {
//	        "awaiting-vs-waiting": {
//	          "read_at": "2026-11-02T10:15:00Z",
//	          "quiz_attempts": [
//	            {
//	              "quiz": "awaiting-vs-waiting",
//	              "at": "2026-11-02T10:21:30Z",
//	              "score": 0.75,
//	              "passed": true,
//	              "questions": [
//	                {"id": "why-async", "correct": true, "score": 1},
//	                {"id": "pick-io-bound", "correct": false, "score": 0.5}
//	              ]
//	            }
//	          ],
//	          "examples": {
//	            "gather": {"runs": 2, "last_run": "2026-11-02T10:18:04Z"}
//	          },
//	          "quiz_draft": {
//	            "quiz": "awaiting-vs-waiting",
//	            "asked": ["why-async", "pick-io-bound", "name-the-wait"],
//	            "at": "2026-11-02T10:30:00Z",
//	            "answers": [
//	              {"id": "why-async", "choices": [2], "correct": true, "score": 1,
//	               "hint_used": true},
//	              {"id": "pick-io-bound", "choices": [1, 3], "correct": false,
//	               "score": 0.5, "tries": 2}
//	            ]
//	          }
//	        }
//	      },
//	      "examples": {
//	        "gather": {"runs": 3, "last_run": "2026-11-02T10:18:04Z"}
//	      },
//	      "predictions": [
//	        {"example": "gather", "lesson": "awaiting-vs-waiting", "what": "total",
//	         "guess": "2s", "actual": "1s", "right": false,
//	         "at": "2026-11-02T10:17:55Z"}
//	      ]
//	    }
//	  }
//	}
//
// The keys:
//
//   - courses is keyed by a course key ([CourseKey]): "builtin" for the
//     course embedded in the program, or the absolute path of a course folder,
//     so two courses' lesson ids never collide.
//   - resume is where the learner left off: a lesson id and the first line
//     shown (a line offset into the rendered lesson). Absent when unknown.
//   - lessons is keyed by lesson id. read_at is when the lesson was first
//     read to its end (absent while unread). quiz_attempts holds every attempt
//     at the lesson's quiz, oldest first: the quiz id, when, the score from 0
//     to 1, whether it reached the quiz's pass mark, and each question's id,
//     whether it was right and its score from 0 to 1 (with hint_used when
//     the learner asked for its hint first, and tries when it took more than
//     one answer). A lesson's examples are the runs made from its cards, by
//     example name. quiz_draft is the attempt at its quiz under way, saved
//     with each answer and gone once the attempt reaches its results: the
//     quiz, retake when it asks only the questions missed before, the
//     question ids it asks in order, when it was last answered, and each
//     answer given so far: the choices picked (1-based), the texts typed or
//     the items in the learner's order, and how it was graded.
//   - examples is keyed by example name: how many times it was run in the
//     whole course and when it last was.
//   - predictions holds every prediction the learner made before a run,
//     oldest first: the example, the lesson it was made in (absent in files
//     from before it was recorded), what was predicted (e.g. "total" for the
//     run's length or "first line" for its first line of output), the guess
//     and the actual value as shown to the learner, whether the guess was
//     right, and when.
//
// Times are RFC 3339. Absent and empty keys mean the same thing.
//
// # Safety
//
// A save writes a temporary file in the same folder, flushes it to disk,
// renames it over progress.json and flushes the folder, so a crash at any
// moment leaves either the old file or the new one. Temporary files left by a
// crash are removed at the next [Open]. A second asyncio-tutor running at the
// same time gets a read-only [Store] and says so; a damaged file is moved
// aside, never emptied; a file from a newer asyncio-tutor is never
// overwritten. progress.json and its lock must be plain files: a symbolic
// link (to anywhere), named pipe, device or folder there is neither read
// nor moved nor written, and the session is read-only, so nothing outside
// the state folder is ever touched. A file over 16 MiB is not progress
// this program wrote, and is moved aside as damaged.
//
// This package knows nothing of terminals: it may be used from tests, tools
// and any user interface.
package progress
