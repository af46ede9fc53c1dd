# Scorecard: the two set-up commands of the README, plus the benchmark.
#   make run    build and run the pipeline on the shipped sample in input/
#   make test   run the tests
# Both install the Debian packages they need when missing (SPEC §7).

SWIFT ?= swift
DEBS := libsqlite3-dev libxlsxwriter-dev pkg-config libpq-dev postgresql libcurl4-openssl-dev python3-aiosmtpd
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-citus citus deps build release bench clean

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

# A throwaway PostgreSQL server beside the tests (scripts/with-postgres.sh): the
# PostgreSQL warehouse is tested on every run (SPEC §7, §9).
test: deps
	bash scripts/with-postgres.sh $(SWIFT) test --skip CitusTests

# The warehouse on a throwaway three-node Citus cluster (scripts/with-citus.sh, SPEC §9):
# the contract and equivalence tests, and where each table is placed. Needs Citus installed
# (README, "Citus"; `make citus` installs the build in ../shared/citus/ when it is there).
CITUS_TESTS := CitusTests|DistributeCommandTests|WarehouseContractTests|WarehouseEquivalenceTests|PostgresWarehouseTests|OrderLedgerTests|TargetsMigrationTests
test-citus: deps
	bash scripts/with-citus.sh $(SWIFT) test --filter '$(CITUS_TESTS)'

citus: deps
	bash scripts/install-citus.sh

# The benchmark: see scripts/bench.sh (data cached in bench-data/, git-ignored).
bench: release
	WITH_POSTGRES_FSYNC=on bash scripts/with-postgres.sh bash scripts/bench.sh

clean:
	rm -rf .build output/*/ output/warehouse.sqlite* bench-data
