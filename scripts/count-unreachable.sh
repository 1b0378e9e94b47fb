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
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
REPORT="$report" scripts/import-all-discovery.sh "$@" >&2 || true
if [[ "$verbose" == 1 ]]; then grep '^UNREACHABLE' "$report" >&2 || true; fi
count="$(sed -n 's/^unreachable read methods: //p' "$report")"
echo "${count:?the importer printed no unreachable count}"
