# sanxiang — 三项制度示范创建自评工具
#
#   make run       install what is missing, build and start the program (GUI)
#   make test      install what is missing, then every check CI runs
#   make build     Linux binaries in bin/
#   make windows   Windows binaries in bin/windows/ (cross-compiled with mingw-w64)
#   make dist      release archives in dist/
#
# The Go build cache (~/.cache/go-build) is never cleaned here: `make test` and `make windows`
# use identical flags so a second run reuses every compiled package.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
# Steps run one after another in the order written, even under make -j: the machine has 2 cores
# and each Go build is already parallel.
.NOTPARALLEL:
MAKEFLAGS += --no-builtin-rules

# Go as installed on these machines (/usr/local/go) even when a login shell has not put it on PATH.
ifneq ($(wildcard /usr/local/go/bin/go),)
export PATH := /usr/local/go/bin:$(PATH)
endif
GO      ?= go
VERSION ?= 0.1.0
# Windows wants four numbers in the file version resource.
WINVER  := $(VERSION).0
LDFLAGS := -s -w -X main.version=$(VERSION)
# No -trimpath: the Linux builds then reuse the packages `go vet ./...` compiled.
GOBUILD := $(GO) build

# One definition for the Windows toolchain, shared by `windows`, `test` and `dist`.
WINENV  := CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc
WINRES  := github.com/tc-hib/go-winres@v0.3.3

# CI always runs the tests; at a desk, unchanged packages keep Go's cached results.
TESTFLAGS ?= $(if $(CI),-count=1,)
FUZZTIME  ?= 5s

.PHONY: all deps fonts run build windows test fmt-check vet unit fuzz wine-smoke dist clean

all: build

## deps: Debian packages for building, testing and cross-compiling (skips apt when all present)
deps:
	@bash scripts/deps.sh

## fonts: the pinned, checksummed Noto Sans SC faces under assets/fonts/
fonts:
	@bash scripts/fetch-fonts.sh

## run: build and start the desktop program
run: deps fonts bin/sanxiang
	./bin/sanxiang

## build: Linux binaries
build: fonts bin/sanxiang bin/sanxiang-cli

# Go decides itself what is stale; the recipes always run and are quick when nothing changed.
.PHONY: bin/sanxiang bin/sanxiang-cli bin/windows/sanxiang.exe bin/windows/sanxiang-cli.exe

bin/sanxiang:
	$(GOBUILD) -ldflags "$(LDFLAGS)" -o $@ ./cmd/sanxiang

bin/sanxiang-cli:
	$(GOBUILD) -ldflags "$(LDFLAGS)" -o $@ ./cmd/sanxiang-cli

## windows: sanxiang.exe (GUI subsystem, icon, Chinese version info) and sanxiang-cli.exe
windows: fonts bin/windows/sanxiang.exe bin/windows/sanxiang-cli.exe

# The .syso files carry icon, manifest and version resources; go build links them into the
# Windows executables only (the _windows_amd64 suffix), Linux builds ignore them.
cmd/%/rsrc_windows_amd64.syso: cmd/%/winres/winres.json assets/icon.png Makefile
	cd cmd/$* && $(GO) run $(WINRES) make --in winres/winres.json --out rsrc --arch amd64 \
	  --file-version $(WINVER) --product-version $(VERSION)

bin/windows/sanxiang.exe: cmd/sanxiang/rsrc_windows_amd64.syso
	$(WINENV) $(GOBUILD) -ldflags "$(LDFLAGS) -H windowsgui" -o $@ ./cmd/sanxiang

bin/windows/sanxiang-cli.exe: cmd/sanxiang-cli/rsrc_windows_amd64.syso
	$(WINENV) $(GOBUILD) -ldflags "$(LDFLAGS)" -o $@ ./cmd/sanxiang-cli

## test: everything CI checks, in order, stopping at the first failure
test: deps fonts fmt-check vet unit fuzz build windows wine-smoke
	@echo "make test: all checks passed"

fmt-check:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt: these files need gofmt -w:"; echo "$$out"; exit 1; fi
	@echo "gofmt: clean"

vet:
	$(GO) vet ./...
	CGO_ENABLED=0 $(GO) vet -tags ci ./...

unit:
	CGO_ENABLED=0 $(GO) test -tags ci $(TESTFLAGS) ./...

fuzz:
	@FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

wine-smoke:
	@bash scripts/wine-smoke.sh bin/windows/sanxiang-cli.exe bin/sanxiang-cli bin/windows/sanxiang.exe

## dist: release archives for Windows and Linux with README, user guide and font licence
dist: build windows
	@VERSION=$(VERSION) bash scripts/dist.sh

clean:
	rm -rf bin dist cmd/*/rsrc_windows_*.syso
