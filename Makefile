# eala: the two commands (make run, make check) and a few helpers around Meson.
#   make          build build/eala
#   make run      install what is missing, build, create ./eala.db with the demo data, tour
#   make check    install what is missing, build (warnings are errors), run every test
#   make check SAN=1   the same under AddressSanitizer and UBSan (build-san/)
#   make fuzz     the libFuzzer harnesses of tests/fuzz, FUZZ_SECONDS (60) each (clang, build-fuzz/)
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

.PHONY: all deps build run check bench fuzz clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	meson setup $(BUILD) $(MESON_OPTS) -Dwerror=true >/dev/null

build: deps $(BUILD)/build.ninja web/dist/atlas.js
	@ninja -C $(BUILD) --quiet >$(BUILD)/ninja.log 2>&1 || { cat $(BUILD)/ninja.log; exit 1; }
	@test -x $(BUILD)/eala

# the front end: npm packages from package-lock.json, bundled offline
web/dist/atlas.js: web/src/atlas.js web/src/upload.js web/src/gap.js web/src/report.js web/src/portfolio.js web/src/trends.js web/src/diagnostic.js web/src/coordination.js web/src/calls.js web/src/network.js package-lock.json
	@scripts/build-web

run: build
	@scripts/run-demo $(BUILD)/eala $(DB)

check: build
	@scripts/run-tests $(BUILD)

bench: build
	@bench/run-all $(BUILD)/eala

# each harness for FUZZ_SECONDS over its seeds (tests/fuzz/corpus/NAME, read only);
# what it finds goes to build-fuzz/corpus/NAME, a crash to build-fuzz/crash-NAME-*
FUZZ_SECONDS ?= 60
FUZZERS := csv twincity iati json route
fuzz: deps
	@test -f build-fuzz/build.ninja || CC=clang meson setup build-fuzz -Dfuzz=true \
		-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
	@ninja -C build-fuzz --quiet $(addprefix tests/fuzz/fuzz_,$(FUZZERS))
	@for f in $(FUZZERS); do \
		mkdir -p build-fuzz/corpus/$$f; \
		echo "fuzz_$$f: $(FUZZ_SECONDS) s"; \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 build-fuzz/tests/fuzz/fuzz_$$f \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=build-fuzz/crash-$$f- build-fuzz/corpus/$$f tests/fuzz/corpus/$$f \
			2>build-fuzz/fuzz-$$f.log || { tail -60 build-fuzz/fuzz-$$f.log; exit 1; }; \
		grep -E 'stat::number_of_executed_units|stat::new_units_added' build-fuzz/fuzz-$$f.log; \
	done

clean:
	rm -rf build build-san build-fuzz web/dist
