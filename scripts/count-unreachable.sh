#!/usr/bin/env bash
# Imports every Google Discovery document shipped by PyPI's google-api-python-client with stackq's own importer
# and prints the number of read methods that no SELECT can reach: GET methods left to EXEC, and SELECT methods
# that another method of their resource always wins over (the importer's "unreachable read methods: N").
#
# usage: scripts/count-unreachable.sh [-v] [DOCUMENTS_DIR]
#   -v             also list each unreachable method and why (stderr)
#   DOCUMENTS_DIR  defaults to googleapiclient's discovery_cache/documents (pip install google-api-python-client).
#   STACKQ=/path/to/stackq overrides the binary (default: swift build, then .build/debug/stackq).
set -euo pipefail
cd "$(dirname "$0")/.."

verbose=0
if [[ "${1:-}" == "-v" ]]; then verbose=1; shift; fi
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
echo "importing ${#files[@]} documents from $documents" >&2
"$stackq" registry import-discovery "${files[@]}" --out "$out" --overlays providers/overlays > "$out/report.txt" || true
grep '^FAILED' "$out/report.txt" >&2 || true
if [[ "$verbose" == 1 ]]; then grep '^UNREACHABLE' "$out/report.txt" >&2 || true; fi
grep '^imported [0-9]*, failed' "$out/report.txt" >&2
count="$(sed -n 's/^unreachable read methods: //p' "$out/report.txt")"
echo "${count:?the importer printed no unreachable count}"
