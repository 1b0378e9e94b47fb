#!/usr/bin/env bash
# Imports every Google Discovery document shipped by PyPI's google-api-python-client into a temporary registry
# with stackq's own importer, loads every imported service back (--verify), and prints "imported N, failed M"
# (and each failure).
#
# usage: scripts/import-all-discovery.sh [DOCUMENTS_DIR]
#   DOCUMENTS_DIR defaults to googleapiclient's discovery_cache/documents (pip install google-api-python-client).
#   STACKQ=/path/to/stackq overrides the binary (default: swift build, then .build/debug/stackq).
#   REPORT=FILE keeps the importer's whole report there (scripts/count-unreachable.sh reads it).
set -euo pipefail
cd "$(dirname "$0")/.."

documents="${1:-}"
if [[ -z "$documents" ]]; then
    documents="$(python3 -c 'import googleapiclient, os; print(os.path.join(os.path.dirname(googleapiclient.__file__), "discovery_cache", "documents"))' 2>/dev/null || true)"
fi
if [[ -z "$documents" || ! -d "$documents" ]]; then
    echo "no Discovery documents found: pip install google-api-python-client, or pass their folder" >&2
    exit 2
fi

stackq="${STACKQ:-}"
if [[ -z "$stackq" ]]; then
    swift build --product stackq >&2
    stackq="$(swift build --show-bin-path)/stackq"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
shopt -s nullglob
files=("$documents"/*.json)
echo "importing ${#files[@]} documents from $documents into $out" >&2

status=0
"$stackq" registry import-discovery "${files[@]}" --out "$out" --overlays providers/overlays --verify > "$out/report.txt" || status=$?
if [[ -n "${REPORT:-}" ]]; then cp "$out/report.txt" "$REPORT"; fi
grep '^FAILED' "$out/report.txt" || true
grep '^imported [0-9]*, failed' "$out/report.txt"
exit "$status"
