#!/usr/bin/env bash
# Runs the JMH EngineBenchmark: decisions per second on ONE thread (= per core) over a mix of
# the 17 example scenarios.
#   decide            the engine alone (requests parsed once in @Setup)
#   parseDecideWrite  the full per-line cost of `decide --jsonl`: parse + decide + write JSON
#   parseOnly         reading one request line (for the breakdown)
#   writeOnly         writing one decision (for the breakdown)
#
# Usage: bench/engine-jmh.sh [JMH options...]
#   Without options: decide and parseDecideWrite with -f 1 -wi 5 -w 3s -i 5 -r 2s -t 1 and a fixed
#   1 GiB heap (about 1 minute). 15 s of warm-up, not 6: on 2 cores C2 is still compiling the
#   parse path after 6 s, which showed as a +-100% error with -wi 3 -w 2s.
#   BENCH=EngineBenchmark adds parseOnly and writeOnly (any JMH regex; about 2 minutes).
#   With options, they replace all defaults and go to JMH as they are, e.g.
#     bench/engine-jmh.sh 'EngineBenchmark.decide$' -f 1 -wi 2 -w 1s -i 3 -r 1s -t 1
#   REBUILD=1 rebuilds the benchmark jar first (it is built only when missing otherwise; rebuild
#   after changing engine or app: the jar's copy of them is what runs).
#   Run it on an otherwise idle machine: with 2 cores, any other busy process skews the score.
# The JMH results are also written to bench/out/engine-jmh.csv.
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
bench_jar="$bench_dir/target/mailwijs-bench.jar"

# shellcheck source=../bin/lib/java.sh
source "$bench_dir/../bin/lib/java.sh"

find_jdk; jdk="$MAILWIJS_JDK"
echo "engine-jmh: JDK $jdk ($(java_major_of "$jdk")), $(nproc) cores" >&2

if [ ! -f "$bench_jar" ] || [ "${REBUILD:-0}" = "1" ]; then
  echo "engine-jmh: building the benchmark jar (mvn package -pl bench -am)..." >&2
  # Offline first (fast, no network); online when a dependency is not in the local repository yet.
  (cd "$root" && { JAVA_HOME="$jdk" mvn -B -q -o -Dmaven.test.skip=true -pl bench -am package \
      || JAVA_HOME="$jdk" mvn -B -q -Dmaven.test.skip=true -pl bench -am package; })
fi

mkdir -p "$bench_dir/out"
csv="$bench_dir/out/engine-jmh.csv"
rm -f "$csv"

if [ "$#" -eq 0 ]; then
  set -- "${BENCH:-EngineBenchmark\.(decide|parseDecideWrite)\$}" -f 1 -wi 5 -w 3s -i 5 -r 2s -t 1 -jvmArgsAppend "-Xms1g -Xmx1g"
fi

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" 'BEGIN { exit !(l > 0.7) }'; then
  echo "engine-jmh: warning: load average $load before the run; other busy processes skew the scores" >&2
fi

"$jdk/bin/java" -cp "$bench_jar:$bench_dir/target/lib/*" org.openjdk.jmh.Main \
  "$@" -rf csv -rff "$csv"

# Nothing measured (e.g. -l or -h): no summary.
[ -s "$csv" ] || exit 0

# Summary: JMH's CSV has "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit".
echo
echo "=== EngineBenchmark summary (throughput; Threads = JMH worker threads; with 1 thread the score is per core) ==="
awk -F',' 'NR > 1 {
    for (i = 1; i <= NF; i++) gsub(/["\r]/, "", $i)
    name = $1; sub(/^.*\./, "", name)
    score = $5 + 0; err = ($6 == "NaN" ? 0 : $6 + 0); threads = $3 + 0
    if ($7 != "ops/s") { printf "%-18s %14.1f ± %.1f %s (threads=%d)\n", name, score, err, $7, threads; next }
    per_core = score / threads
    printf "%-18s %12.0f ± %9.0f ops/s on %d thread(s) = %12.0f ops/s per core  (%.2f µs/op)\n",
           name, score, err, threads, per_core, 1e6 / per_core
  }' "$csv"
echo "(full JMH results: ${csv#"$root"/})"
