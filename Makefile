# eala: the two commands (make run, make check) and a few helpers around Meson.
#   make          build build/eala
#   make run      install what is missing, build, create ./eala.db with the demo data, tour
#   make check    install what is missing, build (warnings are errors), run every test
#   make check SAN=1   the same under AddressSanitizer and UBSan (build-san/)
#   make bench    the benchmarks of bench/ (figures go to bench/BENCHMARKS.md by hand)
#   make clean    remove the build directories

BUILD ?= build
ifeq ($(SAN),1)
BUILD := build-san
MESON_OPTS := -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
else
MESON_OPTS := -Dbuildtype=debugoptimized
endif
DB ?= eala.db

.PHONY: all deps build run check bench clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	meson setup $(BUILD) $(MESON_OPTS) -Dwerror=true >/dev/null

build: deps $(BUILD)/build.ninja web/dist/atlas.js
	@ninja -C $(BUILD) --quiet >$(BUILD)/ninja.log 2>&1 || { cat $(BUILD)/ninja.log; exit 1; }
	@test -x $(BUILD)/eala

# the front end: npm packages from package-lock.json, bundled offline
web/dist/atlas.js: web/src/atlas.js web/src/upload.js web/src/gap.js web/src/report.js web/src/network.js \
		package-lock.json
	@scripts/build-web

run: build
	@scripts/run-demo $(BUILD)/eala $(DB)

check: build
	@scripts/run-tests $(BUILD)

bench: build
	@bench/run-all $(BUILD)/eala

clean:
	rm -rf build build-san web/dist
