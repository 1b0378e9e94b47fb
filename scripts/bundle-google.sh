#!/usr/bin/env bash
# Regenerates the bundled google provider (providers/src/google) from every Google Discovery document that
# PyPI's google-api-python-client ships (googleapiclient/discovery_cache/documents/), with stackq's own importer:
# each service as gzip-compressed JSON (<service>.json.gz) and a provider.json listing them.
#
# usage: scripts/bundle-google.sh [DOCUMENTS_DIR]
#   DOCUMENTS_DIR defaults to the installed googleapiclient's documents; without one the script downloads the
#   newest google-api-python-client wheel with pip into a temporary folder and reads it from there.
#   STACKQ=/path/to/stackq overrides the binary (default: swift build, then .build/debug/stackq).
#
# The package's own index.json (a directory list) is left out: it lists only some APIs and marks versions
# preferred that Google has since replaced (run v1 beside v2). Without it the importer picks each API's
# preferred version by its rule (providers/README.md); `stackq registry pull google` reads Google's live
# directory instead.
set -euo pipefail
cd "$(dirname "$0")/.."

documents="${1:-}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [[ -z "$documents" ]]; then
    documents="$(python3 -c 'import googleapiclient, os; print(os.path.join(os.path.dirname(googleapiclient.__file__), "discovery_cache", "documents"))' 2>/dev/null || true)"
fi
if [[ -z "$documents" || ! -d "$documents" ]]; then
    echo "downloading google-api-python-client with pip" >&2
    python3 -m pip download --quiet --no-deps google-api-python-client -d "$scratch/wheel"
    (cd "$scratch/wheel" && python3 -m zipfile -e ./*.whl .)
    documents="$scratch/wheel/googleapiclient/discovery_cache/documents"
fi

stackq="${STACKQ:-}"
if [[ -z "$stackq" ]]; then
    swift build --product stackq >&2
    stackq="$(swift build --show-bin-path)/stackq"
fi

shopt -s nullglob
files=()
for file in "$documents"/*.json; do
    [[ "$(basename "$file")" == "index.json" ]] || files+=("$file")
done
echo "importing ${#files[@]} documents from $documents" >&2
"$stackq" registry import-discovery "${files[@]}" --out "$scratch/out" --overlays providers/overlays --gzip --verify > "$scratch/report.txt"
grep '^FAILED' "$scratch/report.txt" || true
grep '^imported [0-9]*, failed' "$scratch/report.txt"

rm -rf providers/src/google
mkdir -p providers/src
cp -R "$scratch/out/src/google" providers/src/google
du -sh providers/src/google >&2
