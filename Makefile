# The README's two commands are `make run` and `make test`; .ci/run runs `make test`.
GO      ?= go
BIN     := bin/asyncio-tutor
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
# Fuzz time per target: short in `make test`, longer with `make fuzz`.
FUZZTIME ?= 3s

.PHONY: screenshots run build test vet unit race check-course fuzz-short fuzz bench install clean

run: build
	./$(BIN)

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/asyncio-tutor

test: vet race check-course fuzz-short

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

race:
	$(GO) test -race -count=1 ./...

check-course: build
	./$(BIN) check

# Each fuzz target runs alone (go test allows one -fuzz pattern per package run).
FUZZ_TARGETS := \
	./internal/course:FuzzParseQuiz \
	./internal/course:FuzzParseLesson \
	./internal/timeline:FuzzRender

fuzz-short:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($(FUZZTIME))"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) >/dev/null || exit 1; \
	done

fuzz:
	$(MAKE) fuzz-short FUZZTIME=2m

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The README's pictures of the player, captured from the real binary in a pty.
screenshots:
	$(GO) test ./cmd/asyncio-tutor -run '^TestScreenshots$$' -count=1 -screenshots

install:
	$(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/asyncio-tutor

clean:
	rm -rf bin
