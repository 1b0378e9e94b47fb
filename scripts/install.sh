#!/usr/bin/env bash
# Installs stackq under a prefix: PREFIX/bin/stackq, PREFIX/bin/stackq-mcp (the MCP server, which `stackq mcp` runs)
# and the bundled providers in PREFIX/share/stackq/providers, where the binary looks for them (so it works from any
# folder).
#
#   scripts/install.sh ~/.local                  # builds a release binary first (Swift runtime and Foundation
#                                                # linked in: ~5 ms less start-up a process; own build folder)
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
  # Statically linked Swift runtime and Foundation: no dynamic symbol lookups at start (measured: SELECT 1
  # 15-16 ms -> 9-10 ms). Its own build folder, so it does not rebuild a developer's .build/release.
  # The MCP SDK links FoundationNetworking, whose static library needs libcurl at link time: with only the runtime
  # library installed (libcurl.so.4, no libcurl4-openssl-dev), link against it through a folder of its own.
  link=()
  if ! ldconfig -p 2>/dev/null | grep -q 'libcurl\.so '; then
    curl_runtime="$(ldconfig -p 2>/dev/null | awk '/libcurl\.so\.4 / {print $NF; exit}')"
    if [ -n "$curl_runtime" ]; then
      mkdir -p .build/install/curl
      ln -sf "$curl_runtime" .build/install/curl/libcurl.so
      link=(-Xlinker -L"$PWD/.build/install/curl")
    fi
  fi
  for product in stackq stackq-mcp; do
    swift build -c release --static-swift-stdlib --product "$product" --scratch-path .build/install "${link[@]}"
  done
  from=".build/install/release"
fi
for program in stackq stackq-mcp; do
  [ -x "$from/$program" ] || { echo "error: no $program binary in $from" >&2; exit 1; }
done

mkdir -p "$prefix/bin" "$prefix/share/stackq"
install -m 0755 "$from/stackq" "$prefix/bin/stackq"
install -m 0755 "$from/stackq-mcp" "$prefix/bin/stackq-mcp"
rm -rf "$prefix/share/stackq/providers.new"
cp -R providers "$prefix/share/stackq/providers.new"
rm -rf "$prefix/share/stackq/providers"
mv "$prefix/share/stackq/providers.new" "$prefix/share/stackq/providers"
echo "installed $prefix/bin/stackq and stackq-mcp (providers in $prefix/share/stackq/providers)"
