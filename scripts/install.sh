#!/usr/bin/env bash
# Installs stackq under a prefix: PREFIX/bin/stackq and the bundled providers in PREFIX/share/stackq/providers,
# where the binary looks for them (so it works from any folder).
#
#   scripts/install.sh ~/.local                  # builds a release binary first
#   scripts/install.sh --from .build/debug DIR   # installs an already built binary
set -euo pipefail
cd "$(dirname "$0")/.."

from=""
if [ "${1:-}" = "--from" ]; then
  from="$2"
  shift 2
fi
prefix="${1:?usage: scripts/install.sh [--from BUILD_DIR] PREFIX}"

if [ -z "$from" ]; then
  swift build -c release --product stackq
  from=".build/release"
fi
[ -x "$from/stackq" ] || { echo "error: no stackq binary in $from" >&2; exit 1; }

mkdir -p "$prefix/bin" "$prefix/share/stackq"
install -m 0755 "$from/stackq" "$prefix/bin/stackq"
rm -rf "$prefix/share/stackq/providers.new"
cp -R providers "$prefix/share/stackq/providers.new"
rm -rf "$prefix/share/stackq/providers"
mv "$prefix/share/stackq/providers.new" "$prefix/share/stackq/providers"
echo "installed $prefix/bin/stackq (providers in $prefix/share/stackq/providers)"
