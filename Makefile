# Scorecard: the two set-up commands of the README, plus the benchmark.
#   make run    build and run the pipeline on the shipped sample in input/
#   make test   run the tests
# Both install the Debian packages they need when missing (SPEC §7).

SWIFT ?= swift
DEBS := libsqlite3-dev libxlsxwriter-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps build release bench clean

deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product scorecard

release: deps
	$(SWIFT) build -c release --product scorecard

# The sample's September first, so that October's report has grade and rank moves to show.
run: build
	$$($(SWIFT) build --show-bin-path)/scorecard run --period 2026-09 --quiet > /dev/null
	$$($(SWIFT) build --show-bin-path)/scorecard run

test: deps
	$(SWIFT) test

# Ingest throughput on a generated set (kept outside git in bench-data/).
BENCH_ORDERS ?= 1000000
bench: release
	@bin=$$($(SWIFT) build -c release --show-bin-path)/scorecard; \
	data=bench-data/orders-$(BENCH_ORDERS); \
	if [ ! -f $$data/orders.csv ]; then \
	  $$bin generate --out $$data --managers 500 --customers 100000 --months 12 --orders $(BENCH_ORDERS) --last-month 2026-10 --seed 1 >/dev/null; \
	fi; \
	rm -rf bench-data/out-$(BENCH_ORDERS); \
	du -sh $$data; \
	start=$$(date +%s%N); \
	$$bin run --input $$data --output bench-data/out-$(BENCH_ORDERS) --verbose --quiet; \
	echo "wall time: $$(( ($$(date +%s%N) - start) / 1000000 )) ms"

clean:
	rm -rf .build output/*/ output/warehouse.sqlite* bench-data
