#!/usr/bin/env bash
# End-to-end throughput and memory of `parse --format jsonl`, against
# reference commands on the same bytes measured in the same run:
#   cat                      reading every file
#   rg -c -F -f ALIASES      one multi-pattern scan for every gazetteer alias
#                            (and with -j1, one thread, shown for comparison)
#
# Usage: bench/run.sh [MB] [--runs N] [--reference GIT_REV]
#   MB         corpus size in megabytes of report text (default 100); a 10 MB
#              corpus is always built too, for the memory comparison
#   --runs N   rounds of runs (default 3); each command's best wall time and
#              largest peak memory are kept
#   --reference REV
#              also build REV and check its output is byte-identical on the
#              fixtures and ../shared/data (the "unoptimised version")
set -euo pipefail
cd "$(dirname "$0")/.."

mb=100
runs=3
reference=""
while [ $# -gt 0 ]; do
    case "$1" in
        --reference) reference=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) mb=$1; shift ;;
    esac
done
for n in "$mb" "$runs"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "bench/run.sh: '$n' is not a positive whole number (see the usage at the top)" >&2; exit 2; }
done

# What the script needs, from Debian's packages.
install() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "installing $2 ..." >&2
        (apt-get update -qq && apt-get install -y -qq "$2") >/dev/null
    fi
}
install rg ripgrep
[ -x /usr/bin/time ] || { (apt-get update -qq && apt-get install -y -qq time) >/dev/null; }

cargo build --release --quiet
bin=$PWD/target/release/raqqa-events
work=$PWD/target/bench
mkdir -p "$work"

src=../shared/data/fakes-dev/docs
[ -d "$src" ] || src=fixtures/reports
echo "corpus source: $src"

# Copies of the source folder until the corpus holds at least N MB of text.
build_corpus() {
    local dir=$1 want=$(( $2 * 1000 * 1000 )) have=0 i=0
    local unit
    unit=$(find "$src" -type f -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
    if [ -f "$dir/.bytes" ] && [ "$(cat "$dir/.bytes")" -ge "$want" ]; then return; fi
    rm -rf "$dir"; mkdir -p "$dir"
    while [ "$have" -lt "$want" ]; do
        mkdir -p "$dir/copy$(printf %04d $i)"
        cp "$src"/*.txt "$dir/copy$(printf %04d $i)/"
        have=$(( have + unit )); i=$(( i + 1 ))
    done
    echo "$have" > "$dir/.bytes"
}
build_corpus "$work/corpus-$mb" "$mb"
build_corpus "$work/corpus-10" 10
bytes=$(cat "$work/corpus-$mb/.bytes")
files=$(find "$work/corpus-$mb" -name '*.txt' | wc -l)
echo "corpus: $files reports, $bytes bytes"

"$bin" gazetteer --aliases > "$work/aliases.txt"
echo "gazetteer aliases: $(wc -l < "$work/aliases.txt")"

# Each round runs every command once, in turn, so that a spell of load on
# the machine slows all of them alike rather than one command's every run.
# Every run's wall time and peak memory (KB) go to results.txt; the report
# below keeps a command's best time and largest peak.
C=$work/corpus-$mb
names=(cat rg rg_j1 jobs1 jobs2 jobs1_10mb)
commands=(
    "find '$C' -name '*.txt' -print0 | xargs -0 cat > /dev/null"
    "rg -c -F -f '$work/aliases.txt' '$C' > /dev/null"
    "rg -j1 -c -F -f '$work/aliases.txt' '$C' > /dev/null"
    "'$bin' parse '$C' --format jsonl --jobs 1 > /dev/null"
    "'$bin' parse '$C' --format jsonl --jobs 2 > /dev/null"
    "'$bin' parse '$work/corpus-10' --format jsonl --jobs 1 > /dev/null"
)
rm -f "$work/results.txt"
for _ in $(seq "$runs"); do
    for i in "${!names[@]}"; do
        name=${names[$i]}
        # A failed command's time would be no measure of the job.
        if ! /usr/bin/time -f "%e %M" -o "$work/time.txt" bash -c "${commands[$i]}" >/dev/null 2>"$work/stderr.txt"; then
            echo "bench/run.sh: '${commands[$i]}' failed:" >&2; cat "$work/stderr.txt" >&2; exit 1
        fi
        echo "$name $(cat "$work/time.txt")" >> "$work/results.txt"
    done
done

python3 - "$work/results.txt" "$bytes" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, secs, kb = line.split()
    best, peak = rows.get(name, (float("inf"), 0))
    rows[name] = (min(best, float(secs)), max(peak, int(kb)))
size = int(sys.argv[2]) / 1e6
def mbs(name): return size / max(rows[name][0], 1e-9)
print(f"\n{'command':<28}{'seconds':>9}{'MB/s':>9}{'peak MB':>9}")
labels = {"cat": "cat (reading)", "rg": "rg -c -F -f aliases", "rg_j1": "  the same, rg -j1", "jobs1": "parse --jobs 1", "jobs2": "parse --jobs 2"}
for k in ("cat", "rg", "rg_j1", "jobs1", "jobs2"):
    s, kb = rows[k]
    print(f"{labels[k]:<28}{s:>9.2f}{mbs(k):>9.1f}{kb/1024:>9.1f}")
s10, kb10 = rows["jobs1_10mb"]
print(f"{'parse --jobs 1 (10 MB)':<28}{s10:>9.2f}{'':>9}{kb10/1024:>9.1f}")
goals = [
    ("parse --jobs 1 >= 20 MB/s", mbs("jobs1") >= 20, f"{mbs('jobs1'):.1f} MB/s"),
    ("parse --jobs 1 within 10x of rg", rows["jobs1"][0] <= 10 * rows["rg"][0], f"{rows['jobs1'][0] / rows['rg'][0]:.2f}x rg's time"),
    ("--jobs 2 >= 1.7x --jobs 1", rows["jobs1"][0] / rows["jobs2"][0] >= 1.7, f"{rows['jobs1'][0] / rows['jobs2'][0]:.2f}x"),
    ("peak memory < 64 MB", max(rows["jobs1"][1], rows["jobs2"][1]) < 64 * 1024, f"{max(rows['jobs1'][1], rows['jobs2'][1]) / 1024:.1f} MB"),
    ("memory 100 MB vs 10 MB <= +10%", rows["jobs1"][1] <= 1.10 * kb10, f"{rows['jobs1'][1] / kb10:.3f}x"),
]
print()
for name, ok, value in goals:
    print(f"{'PASS' if ok else 'FAIL'}  {name:<36} {value}")
print(f"      (against rg -j1, on one thread as parse --jobs 1 is: {rows['jobs1'][0] / rows['rg_j1'][0]:.2f}x its time)")
PY

# Same bytes whatever the thread count.
"$bin" parse "$work/corpus-10" --format jsonl --jobs 1 | sha256sum > "$work/j1.sha"
"$bin" parse "$work/corpus-10" --format jsonl --jobs 2 | sha256sum > "$work/j2.sha"
if cmp -s "$work/j1.sha" "$work/j2.sha"; then echo "PASS  --jobs 1 and --jobs 2 output identical"; else echo "FAIL  --jobs 1 and --jobs 2 output differ"; fi

if [ -n "$reference" ]; then
    ref=$work/reference
    rm -rf "$ref"
    git worktree add -q --detach "$ref" "$reference"
    (cd "$ref" && cargo build --release --quiet)
    same=PASS
    for input in fixtures/reports ../shared/data/seed ../shared/data/fakes-dev/docs ../shared/data/re3d-dev/docs ../shared/data/polnear-dev/docs; do
        [ -e "$input" ] || continue
        a=$("$bin" parse "$input" --format jsonl | sha256sum)
        b=$("$ref/target/release/raqqa-events" parse "$input" --format jsonl | sha256sum)
        [ "$a" = "$b" ] || { same=FAIL; echo "  differs on $input"; }
    done
    echo "$same  output identical to $reference on the fixtures and ../shared/data"
    git worktree remove --force "$ref"
fi
