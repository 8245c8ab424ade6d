#!/usr/bin/env bash
# Profiles `mailwijs decide --jsonl` over the generated requests with Java Flight Recorder and
# prints where the time goes (bench/jfr_hot.py), plus JFR's own GC, allocation and JIT views.
#
# Usage: bench/profile-decide.sh [REQUEST_FILE]
#   Default input: bench/out/requests-200000.jsonl (bench/decide-vs-jq.sh creates it).
#   MAILWIJS=/path/to/launcher profiles that instead of bin/mailwijs; it must honour
#   MAILWIJS_JAVA_OPTS, as bin/mailwijs does. Recording: bench/out/decide.jfr.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
input="${1:-$bench_dir/out/requests-200000.jsonl}"
launcher="${MAILWIJS:-$root/bin/mailwijs}"
recording="$bench_dir/out/decide.jfr"

[ -s "$input" ] || { echo "profile-decide: no $input; run bench/decide-vs-jq.sh first (it generates it)" >&2; exit 1; }
[ -x "$launcher" ] || { echo "profile-decide: no launcher $launcher (set MAILWIJS=...)" >&2; exit 1; }
mkdir -p "$bench_dir/out"

# The jfr tool of a JDK >= 21 (JAVA_HOME if new enough, else the newest under /usr/lib/jvm).
# shellcheck source=../bin/lib/java.sh
source "$bench_dir/../bin/lib/java.sh"
find_jdk; jfr_tool="$MAILWIJS_JDK/bin/jfr"
[ -x "$jfr_tool" ] || { echo "profile-decide: no jfr tool at $jfr_tool" >&2; exit 1; }

# 2 ms sampling (the 'profile' settings sample every 10 ms; a 6 s run needs finer).
export MAILWIJS_JAVA_OPTS="${MAILWIJS_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$recording,settings=profile,jdk.ExecutionSample#period=2ms"
echo "profile-decide: $launcher decide --jsonl ${input#"$root"/} (recording ${recording#"$root"/})" >&2
TIMEFORMAT='profile-decide: %R s wall, %U s user, %S s sys'
time "$launcher" decide --jsonl "$input" >/dev/null

"$jfr_tool" print --json --stack-depth 64 --events jdk.ExecutionSample "$recording" | python3 "$bench_dir/jfr_hot.py"
for view in gc-pauses allocation-by-class compiler-statistics; do
  echo
  "$jfr_tool" view "$view" "$recording" | grep -v '^$' | head -n 18
done
