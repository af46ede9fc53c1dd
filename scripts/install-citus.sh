#!/usr/bin/env bash
# Installs Citus for the machine's PostgreSQL when it is missing (SPEC §9, README "Citus"):
# from a build tarball beside the project (../shared/citus/citus-*-pg15-*.tar.gz, extracted at /),
# else from the Citus community Debian packages (postgresql-15-citus-13.2). Exits 1, saying so,
# when neither is at hand.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "install-citus: install PostgreSQL first (make deps)" >&2; exit 1; }
version=$("$bin/postgres" --version | awk '{print $3}' | cut -d. -f1)
lib=${bin%/bin}/lib
if [ -f "$lib/citus.so" ]; then echo "install-citus: Citus is installed for PostgreSQL $version"; exit 0; fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
tarball=$(ls ../shared/citus/citus-*-pg"$version"-*.tar.gz 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$tarball" ]; then
  echo "install-citus: from $tarball"
  $SUDO tar -xzf "$tarball" -C /
elif apt-cache show "postgresql-$version-citus-13.2" >/dev/null 2>&1; then
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$version-citus-13.2"
else
  echo "install-citus: no Citus build for PostgreSQL $version here; add the Citus community repository" \
       "(curl https://install.citusdata.com/community/deb.sh | sudo bash) and run again" >&2
  exit 1
fi
[ -f "$lib/citus.so" ] || { echo "install-citus: $lib/citus.so is still missing" >&2; exit 1; }
echo "install-citus: Citus installed for PostgreSQL $version"
