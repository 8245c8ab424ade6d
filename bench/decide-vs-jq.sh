#!/usr/bin/env bash
# Wall time of `mailwijs decide --jsonl` against `jq -c .` over the same 200,000-request file.
# Target: mailwijs / jq <= 1.0 (deciding a line costs no more than jq re-printing it).
#
# Usage: bench/decide-vs-jq.sh
#   REQUESTS=N  another size (default 200000); RUNS=R  R timed runs each (default 3, at most 20)
#   MAILWIJS=/path/to/launcher  time that instead of bin/mailwijs (same arguments)
#
# 1. Generates bench/out/requests-N.jsonl with bench/generate_requests.py (seeded), reused when
#    present and newer than the generator.
# 2. One untimed run of each (warms the page cache, lets bin/mailwijs build and write its class
#    data archive) in which mailwijs's output is kept and checked: exit code 0, exactly one output
#    line per input line, no error lines.
# 3. RUNS (default 3) timed runs of each, interleaved (mailwijs, jq, mailwijs, jq, ...), output to
#    /dev/null; prints best and median wall time (plus user+sys CPU) and the ratio of the medians.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
requests="${REQUESTS:-200000}"
runs="${RUNS:-3}"
out_dir="$bench_dir/out"
input="$out_dir/requests-$requests.jsonl"
mkdir -p "$out_dir"

command -v jq >/dev/null 2>&1 || { echo "decide-vs-jq: needs jq on PATH" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "decide-vs-jq: needs python3 on PATH" >&2; exit 1; }
case "$runs" in '' | *[!0-9]* | 0) echo "decide-vs-jq: RUNS must be 1 or more" >&2; exit 1 ;; esac
[ "$runs" -le 20 ] || { echo "decide-vs-jq: RUNS is capped at 20" >&2; exit 1; }

# --- the command under test ----------------------------------------------------------------------
if [ -n "${MAILWIJS:-}" ]; then
  # Another launcher with bin/mailwijs's arguments, e.g. a frozen copy while sources change.
  mailwijs=("$MAILWIJS")
elif [ -x "$root/bin/mailwijs" ]; then
  mailwijs=("$root/bin/mailwijs")
else
  # bin/mailwijs (the lead's launcher, same arguments) is not there yet: run the same entry
  # point with plain java from the packaged jar + its dependencies, building them if missing.
  # shellcheck source=../bin/lib/java.sh
  source "$root/bin/lib/java.sh"
  find_jdk; jdk="$MAILWIJS_JDK"
  if [ ! -f "$root/app/target/mailwijs.jar" ]; then
    (cd "$root" && JAVA_HOME="$jdk" mvn -B -q -Dmaven.test.skip=true -pl engine,app -am package)
  fi
  mailwijs=("$jdk/bin/java" -cp "$root/app/target/mailwijs.jar:$root/app/target/lib/*" nl.mailwijs.Mailwijs)
fi

# --- the input -----------------------------------------------------------------------------------
if [ ! -s "$input" ] || [ "$bench_dir/generate_requests.py" -nt "$input" ]; then
  echo "decide-vs-jq: generating $requests requests into ${input#"$root"/} ..." >&2
  python3 "$bench_dir/generate_requests.py" -n "$requests" -o "$input.tmp"
  mv "$input.tmp" "$input"
fi
lines=$(wc -l <"$input")
size_mb=$(awk -v b="$(wc -c <"$input")" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "input: ${input#"$root"/}: $lines lines, $size_mb MiB" >&2
echo "mailwijs: ${mailwijs[*]}" >&2
echo "jq: $(command -v jq) ($(jq --version)); $(nproc) cores" >&2

# --- check run (untimed) -------------------------------------------------------------------------
check_out="$out_dir/decide-check.jsonl"
if ! "${mailwijs[@]}" decide --jsonl "$input" >"$check_out" 2>"$out_dir/decide-check.err"; then
  echo "decide-vs-jq: FAIL: mailwijs decide exited non-zero; see ${out_dir#"$root"/}/decide-check.err" >&2
  tail -n 5 "$out_dir/decide-check.err" >&2
  exit 1
fi
out_lines=$(wc -l <"$check_out")
errors=$(grep -c '^{"error"' "$check_out" || true)
if [ "$out_lines" -ne "$lines" ] || [ "$errors" -ne 0 ]; then
  echo "decide-vs-jq: FAIL: mailwijs printed $out_lines lines ($errors errors) for $lines input lines" >&2
  exit 1
fi
echo "check: mailwijs printed $out_lines decisions for $lines lines, no errors" >&2
rm -f "$check_out"
jq -c . "$input" >/dev/null

# --- timed runs ----------------------------------------------------------------------------------
TIMEFORMAT='%R %U %S'
time_one() { # prints "wall cpu" in seconds for one run of "$@" with output to /dev/null
  local t
  t=$( { time "$@" >/dev/null 2>"$out_dir/timed-run.err"; } 2>&1 ) || {
    echo "decide-vs-jq: FAIL: '$*' failed; see ${out_dir#"$root"/}/timed-run.err" >&2
    exit 1
  }
  if grep -q 'building' "$out_dir/timed-run.err"; then
    # bin/mailwijs rebuilt because sources changed during the benchmark: this run timed Maven.
    echo "decide-vs-jq: FAIL: bin/mailwijs rebuilt itself during a timed run (sources changed); run again" >&2
    exit 1
  fi
  awk -v t="$t" 'BEGIN { split(t, f, " "); printf "%.3f %.3f\n", f[1], f[2] + f[3] }'
}

busy_warning() { # other processes skew wall times badly on a 2-core machine: say so
  local load; load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
  if awk -v l="$load" 'BEGIN { exit !(l > 0.7) }'; then
    echo "decide-vs-jq: warning: load average $load $1; other busy processes skew these wall times" >&2
  fi
}
busy_warning "before the timed runs"
m_wall=(); m_cpu=(); j_wall=(); j_cpu=()
for i in $(seq 1 "$runs"); do
  read -r w c < <(time_one "${mailwijs[@]}" decide --jsonl "$input")
  m_wall+=("$w"); m_cpu+=("$c")
  read -r w c < <(time_one jq -c . "$input")
  j_wall+=("$w"); j_cpu+=("$c")
  echo "run $i/$runs: mailwijs ${m_wall[-1]} s (cpu ${m_cpu[-1]} s), jq ${j_wall[-1]} s (cpu ${j_cpu[-1]} s)" >&2
done

best() { printf '%s\n' "$@" | sort -g | head -n 1; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

m_best=$(best "${m_wall[@]}"); m_med=$(median "${m_wall[@]}"); m_cpu_med=$(median "${m_cpu[@]}")
j_best=$(best "${j_wall[@]}"); j_med=$(median "${j_wall[@]}"); j_cpu_med=$(median "${j_cpu[@]}")
ratio=$(awk -v m="$m_med" -v j="$j_med" 'BEGIN { printf "%.2f", m / j }')
ratio_best=$(awk -v m="$m_best" -v j="$j_best" 'BEGIN { printf "%.2f", m / j }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.0) ? "PASS" : "FAIL" }')

echo
echo "=== decide --jsonl vs jq -c . ($lines requests, $size_mb MiB, $runs timed runs each) ==="
printf 'mailwijs decide --jsonl : median %7.3f s  best %7.3f s  (median cpu %7.3f s)  %8.0f lines/s\n' \
  "$m_med" "$m_best" "$m_cpu_med" "$(awk -v n="$lines" -v t="$m_med" 'BEGIN { print n / t }')"
printf 'jq -c .                 : median %7.3f s  best %7.3f s  (median cpu %7.3f s)  %8.0f lines/s\n' \
  "$j_med" "$j_best" "$j_cpu_med" "$(awk -v n="$lines" -v t="$j_med" 'BEGIN { print n / t }')"
echo "ratio mailwijs/jq (median): $ratio   (best/best: $ratio_best)   target <= 1.0: $verdict"
