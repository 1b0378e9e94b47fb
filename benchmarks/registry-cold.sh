#!/usr/bin/env bash
# Cold-process timings of the bundled registry (issue "Every Google API out of the box"): a Foundation hello world
# (the floor, compiled here with swiftc -O), SHOW SERVICES IN google, and a cold DESCRIBE of a resource of the
# largest services, each a new process. Runs interleaved (one of each in turn), medians printed with the ratio
# to hello world (goal: each at most 3×).
#
#   benchmarks/registry-cold.sh [path/to/stackq] [runs]      # default: .build/release/stackq, 21 runs
#
# "warm cache": the registry cache holds the resource's part of its service document (every run after a first
# use); "empty cache": a new, empty cache folder every run (the first use: the service document is decompressed
# and scanned).
set -euo pipefail
cd "$(dirname "$0")/.."
stackq="${1:-.build/release/stackq}"
runs="${2:-21}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

printf 'import Foundation\nprint("hello from", ProcessInfo.processInfo.processName)\n' > "$scratch/hello.swift"
swiftc -O "$scratch/hello.swift" -o "$scratch/hello" 2>/dev/null

names=(hello services describe_compute_warm describe_compute_empty describe_aiplatform_warm describe_aiplatform_empty)
run_case() {
    case "$1" in
        hello) "$scratch/hello" ;;
        services) XDG_CACHE_HOME="$scratch/warm" "$stackq" -e "SHOW SERVICES IN google" ;;
        describe_compute_warm) XDG_CACHE_HOME="$scratch/warm" "$stackq" -e "DESCRIBE google.compute.instances" ;;
        describe_compute_empty) rm -rf "$scratch/empty"; XDG_CACHE_HOME="$scratch/empty" "$stackq" -e "DESCRIBE google.compute.instances" ;;
        describe_aiplatform_warm) XDG_CACHE_HOME="$scratch/warm" "$stackq" -e "DESCRIBE google.aiplatform.notebook_execution_jobs" ;;
        describe_aiplatform_empty) rm -rf "$scratch/empty"; XDG_CACHE_HOME="$scratch/empty" "$stackq" -e "DESCRIBE google.aiplatform.notebook_execution_jobs" ;;
    esac
}
for name in "${names[@]}"; do run_case "$name" > /dev/null; done   # warm-up (fills the warm cache)
for ((i = 0; i < runs; i++)); do
    for name in "${names[@]}"; do
        start=$(date +%s%N)
        run_case "$name" > /dev/null
        end=$(date +%s%N)
        echo "$name $(( (end - start) / 1000 ))" >> "$scratch/times"
    done
done
median() { grep "^$1 " "$scratch/times" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
hello=$(median hello)
printf '%-28s %9s %7s\n' case "median" "÷hello"
for name in "${names[@]}"; do
    m=$(median "$name")
    awk -v n="$name" -v m="$m" -v h="$hello" 'BEGIN { printf "%-28s %7.1f ms %6.2f×\n", n, m / 1000, m / h }'
done
