# Haven — the two set-up commands of the README, and a few more.
#   make demo   install what is missing, build, and run the demo tour on synthetic data
#   make test   install what is missing, build, and run every test (on SQLite, and on a
#               throwaway PostgreSQL server it starts itself: scripts/with-postgres.sh)
#   make bench  release build and the benchmarks (figures in README.md), PostgreSQL's on a
#               throwaway server (scripts/with-postgres.sh)
SWIFT ?= swift

.PHONY: demo test bench deps build clean-demo

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build --product haven

demo: build
	@bash scripts/demo.sh .build/debug/haven

test: deps
	@bash scripts/install-deps.sh --test-tools
	$(SWIFT) build --build-tests
	@bash scripts/with-postgres.sh $(SWIFT) test --parallel

bench: deps
	@bash scripts/install-deps.sh --bench-tools
	$(SWIFT) build -c release
	@bash scripts/with-postgres.sh .build/release/haven-bench
