# sanxiang — 三项制度示范创建自评工具
#
#   make run       install what is missing, build and start the program (GUI)
#   make test      install what is missing, then every check CI runs
#   make build     Linux binaries in bin/
#   make windows   Windows binaries in bin/windows/ (cross-compiled with mingw-w64)
#   make dist      release archives in dist/
#   make linux-packages  .deb and .tar.gz for amd64 and arm64 (信创 PCs) in dist/linux/
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

# The Linux packages for 信创 PCs (统信 UOS 20: glibc 2.28, 银河麒麟 V10: 2.31). Their desktop
# program is compiled and linked against Debian 11's glibc 2.31, X11 and OpenGL, unpacked by
# scripts/glibc-sysroot.sh into SYSROOTS/amd64 and SYSROOTS/arm64, so it needs no glibc symbol
# newer than GLIBC_2.28 (scripts/linux-packages.sh checks). -nostdinc and -B/-L make gcc take
# headers, crt*.o and libraries from the sysroot before its own defaults (the aarch64 cross gcc
# would otherwise take glibc 2.36's from /usr/aarch64-linux-gnu). sanxiang-cli needs no cgo
# (modernc SQLite is pure Go): CGO_ENABLED=0, a static program that needs no glibc at all.
SYSROOTS ?= $(HOME)/.cache/sanxiang/glibc-sysroot
# sysroot_env CC,SYSROOT,TRIPLET: the cgo variables for a build against SYSROOT.
sysroot_env = CGO_ENABLED=1 CC=$(1) \
  CGO_CFLAGS="-O2 -g --sysroot=$(2) -nostdinc -isystem $$($(1) -print-file-name=include) -isystem $(2)/usr/include/$(3) -isystem $(2)/usr/include" \
  CGO_LDFLAGS="--sysroot=$(2) -B$(2)/usr/lib/$(3)/ -L$(2)/usr/lib/$(3) -L$(2)/lib/$(3)"
AMD64ENV := GOOS=linux GOARCH=amd64 $(call sysroot_env,gcc,$(SYSROOTS)/amd64,x86_64-linux-gnu)
# The arm64 (飞腾/鲲鹏) Linux build: cgo with Debian's aarch64 cross gcc.
ARM64ENV := GOOS=linux GOARCH=arm64 $(call sysroot_env,aarch64-linux-gnu-gcc,$(SYSROOTS)/arm64,aarch64-linux-gnu)
CLIENV   := CGO_ENABLED=0 GOOS=linux

# CI always runs the tests; at a desk, unchanged packages keep Go's cached results.
TESTFLAGS ?= $(if $(CI),-count=1,)
FUZZTIME  ?= 5s

.PHONY: all deps fonts run build windows test fmt-check vet unit fuzz wine-smoke dist clean no-opengl-smoke \
        linux-arm64 linux-amd64 sysroots linux-packages arm64-smoke

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
.PHONY: bin/sanxiang bin/sanxiang-cli bin/windows/sanxiang.exe bin/windows/sanxiang-cli.exe \
        bin/linux-arm64/sanxiang bin/linux-arm64/sanxiang-cli bin/linux-amd64/sanxiang \
        bin/linux-amd64/sanxiang-cli

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

## sysroots: Debian 11 (glibc 2.31) sysroots for the Linux packages in SYSROOTS (quick when present)
sysroots:
	@bash scripts/glibc-sysroot.sh $(SYSROOTS)

## linux-arm64: both programs for arm64 Linux (飞腾/鲲鹏 PCs) in bin/linux-arm64/
linux-arm64: fonts sysroots bin/linux-arm64/sanxiang bin/linux-arm64/sanxiang-cli

bin/linux-arm64/sanxiang:
	$(ARM64ENV) $(GOBUILD) -ldflags "$(LDFLAGS)" -o $@ ./cmd/sanxiang

bin/linux-arm64/sanxiang-cli:
	$(CLIENV) GOARCH=arm64 $(GOBUILD) -ldflags "$(LDFLAGS)" -o $@ ./cmd/sanxiang-cli

## linux-amd64: both programs for amd64 Linux packages (glibc ≥ 2.28) in bin/linux-amd64/
linux-amd64: fonts sysroots bin/linux-amd64/sanxiang bin/linux-amd64/sanxiang-cli

bin/linux-amd64/sanxiang:
	$(AMD64ENV) $(GOBUILD) -ldflags "$(LDFLAGS)" -o $@ ./cmd/sanxiang

bin/linux-amd64/sanxiang-cli:
	$(CLIENV) GOARCH=amd64 $(GOBUILD) -ldflags "$(LDFLAGS)" -o $@ ./cmd/sanxiang-cli

## linux-packages: .deb and .tar.gz for amd64 and arm64 in dist/linux/ (see docs/linux.md)
linux-packages: linux-amd64 linux-arm64
	@VERSION=$(VERSION) bash scripts/linux-packages.sh amd64 bin/linux-amd64 arm64 bin/linux-arm64

## arm64-smoke: the arm64 programs from their .deb under qemu-user against the amd64 ones, and
## both architectures' desktop programs started on Debian 11's glibc 2.31 (scripts/old-glibc-smoke.sh)
arm64-smoke:
	@bash scripts/arm64-smoke.sh dist/linux/sanxiang_$(VERSION)_arm64.deb dist/linux/sanxiang_$(VERSION)_amd64.deb
	@bash scripts/old-glibc-smoke.sh $(SYSROOTS) dist/linux/sanxiang_$(VERSION)_amd64.deb dist/linux/sanxiang_$(VERSION)_arm64.deb

## no-opengl-smoke: the Linux desktop program where it cannot get OpenGL ends in the Chinese
## OpenGL message with exit status 3 (no GLX, no vendor library, a missing GLX function, no display)
no-opengl-smoke: bin/sanxiang
	@bash scripts/no-opengl-smoke.sh bin/sanxiang

## test: everything CI checks, in order, stopping at the first failure
test: deps fonts fmt-check vet unit fuzz build no-opengl-smoke windows wine-smoke linux-packages arm64-smoke
	@echo "make test: all checks passed"

fmt-check:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt: these files need gofmt -w:"; echo "$$out"; exit 1; fi
	@echo "gofmt: clean"

vet:
	$(GO) vet ./...
	CGO_ENABLED=0 $(GO) vet -tags ci ./...
	# the Windows side, tests included (a Unix-only call in a test went unnoticed until 2026-12-02)
	GOOS=windows CGO_ENABLED=0 $(GO) vet -tags ci ./...

unit:
	CGO_ENABLED=0 $(GO) test -tags ci $(TESTFLAGS) ./...

fuzz:
	@FUZZTIME=$(FUZZTIME) bash scripts/fuzz.sh

wine-smoke:
	@bash scripts/wine-smoke.sh bin/windows/sanxiang-cli.exe bin/sanxiang-cli bin/windows/sanxiang.exe

## dist: release archives for Windows and Linux with README, user guide and font licence; the
## Linux one holds the glibc-2.28 programs of linux-amd64 (the .deb's), not bin/sanxiang
dist: linux-amd64 windows
	@VERSION=$(VERSION) bash scripts/dist.sh

clean:
	rm -rf bin dist cmd/*/rsrc_windows_*.syso
