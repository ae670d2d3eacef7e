# The README's two commands are `make run` and `make test`; .ci/run runs `make test`.
GO      ?= go
BIN     := bin/asyncio-tutor
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
# Fuzz time per target: short in `make test`, longer with `make fuzz`.
FUZZTIME ?= 10s

.PHONY: screenshots run build test vet race check-course fuzz-short fuzz bench install clean

run: build
	./$(BIN)

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/asyncio-tutor

test: vet race check-course fuzz-short

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) vet -tags faultinject ./...

race:
	$(GO) test -race -count=1 ./...

check-course: build
	./$(BIN) check

# Every fuzz target in the repository (each `func FuzzX` in a _test.go file)
# runs alone, FUZZTIME each: go test allows one -fuzz pattern per package run.
# A new target needs no line here; each adds about 12 s to `make test`.
#
# Go 1.26's fuzz coordinator can fail a target with a bare "context deadline
# exceeded" at the end of -fuzztime when a worker is slow to stop
# (go.dev/issue/75804, fixed in Go 1.27): no input failed and none is
# written. Such a run is tried once more; a real failure writes its input
# under testdata/fuzz and fails again at once.
fuzz-short:
	@found=0; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' . | sort); do \
		for name in $$(grep -o '^func Fuzz[A-Za-z0-9_]*' $$f | cut -c6-); do \
			found=1; pkg=./$$(dirname $${f#./}); \
			echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
			for try in 1 2; do \
				out=$$($(GO) test $$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) 2>&1) && break; \
				if [ $$try = 1 ] && echo "$$out" | tail -5 | grep -q 'context deadline exceeded' \
					&& [ -z "$$(git status --porcelain -- $$pkg/testdata/fuzz/$$name 2>/dev/null)" ]; then \
					echo "  the fuzzer stopped late and wrote no failing input (go.dev/issue/75804); again"; continue; \
				fi; \
				echo "$$out"; exit 1; \
			done; \
		done; \
	done; test $$found = 1 || { echo "no fuzz targets found"; exit 1; }

fuzz:
	$(MAKE) fuzz-short FUZZTIME=2m

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# The README's pictures of the player, captured from the real binary in a pty.
screenshots: build
	$(GO) run ./internal/tools/screenshots -bin $(BIN) -readme README.md

install:
	$(GO) install -trimpath -ldflags '$(LDFLAGS)' ./cmd/asyncio-tutor

clean:
	rm -rf bin
