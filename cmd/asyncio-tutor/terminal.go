package main

import (
	"os"

	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
)

// terminalAbilities works out once what the terminal can show, from the
// flags and the environment, for every front-end to use as it is handed:
// NO_COLOR (any value) turns colour off; TERM=dumb turns off colour and the
// block glyphs.
func terminalAbilities(ascii, noMotion bool) common.Terminal {
	dumb := os.Getenv("TERM") == "dumb"
	return common.Terminal{
		Color:    os.Getenv("NO_COLOR") == "" && !dumb,
		ASCII:    ascii || dumb,
		NoMotion: noMotion,
	}
}
