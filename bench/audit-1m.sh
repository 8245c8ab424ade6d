#!/usr/bin/env bash
# Benchmark of `mailwijs audit` on a large customer file: 1,000,000 contacts with 1,500,000
# purchases, 300,000 consents and 50,000 objections. Targets: under 30 s wall time (JVM start
# included) and under 1 GiB of heap; prints both figures with PASS or FAIL.
#
#   bench/audit-1m.sh            generate the data once (bench/out/audit-1m, git-ignored), then audit it
#   REBUILD=1 bench/audit-1m.sh  rebuild the jar first (it is only built when missing)
#
# Peak heap is read from the GC log: heap use only grows between collections, so the largest
# "before" figure of any collection (or the use at exit, if larger) is the peak. The largest
# "after" figure, the most the audit kept alive, is shown beside it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONTACTS=1000000
PURCHASES=1500000
CONSENTS=300000
OBJECTIONS=50000
TARGET_SECONDS=30
TARGET_HEAP_MIB=1024
DATA=bench/out/audit-1m

# find_jdk: JAVA_HOME when it is 21 or newer, else the newest JDK under /usr/lib/jvm.
# shellcheck source=bin/lib/java.sh
. "$ROOT/bin/lib/java.sh"

find_jdk; JAVA_HOME="$MAILWIJS_JDK"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
echo "audit-1m: JDK $(java_major_of "$JAVA_HOME") at $JAVA_HOME"

if [[ ! -f app/target/mailwijs.jar || "${REBUILD:-}" == 1 ]]; then
    echo "audit-1m: building (mvn -B -q -DskipTests package)"
    mvn -B -q -DskipTests package
fi

echo "audit-1m: data in $DATA"
python3 bench/generate_audit_data.py --out "$DATA" \
    --contacts "$CONTACTS" --purchases "$PURCHASES" --consents "$CONSENTS" --objections "$OBJECTIONS"

GC_LOG="$DATA/gc.log"
rm -f "$GC_LOG"
echo "audit-1m: auditing (java -Xmx1g)"
start_ns="$(date +%s%N)"
status=0
"$JAVA" -Xmx1g "-Xlog:gc*:file=$GC_LOG" -cp "app/target/mailwijs.jar:app/target/lib/*" nl.mailwijs.Mailwijs audit \
    --dir "$DATA" --legal-name "Fotostudio Jansen B.V." --topics photo-prints \
    --send-at 2026-11-23T10:00:00Z --policy "$DATA/policy.json" --out "$DATA/audit-report.csv" \
    > "$DATA/summary.txt" 2> "$DATA/stderr.txt" || status=$?
end_ns="$(date +%s%N)"

# 3 is expected: the generated data holds a few rows that cannot be read, on purpose.
if (( status != 0 && status != 3 )); then
    echo "audit-1m: the audit failed with exit code $status:" >&2
    cat "$DATA/stderr.txt" >&2
    exit 1
fi
cat "$DATA/summary.txt"

wall="$(awk -v s="$start_ns" -v e="$end_ns" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')"
# "Pause Young ... 369M->144M(391M)": before and after each collection. At exit, the "used" of
# each heap line ("garbage-first heap ... used 18100K"; the young and old lines of other collectors).
read -r peak live < <(awk '
    match($0, /[0-9]+M->[0-9]+M/) {
        split(substr($0, RSTART, RLENGTH), mib, /M->|M/)
        if (mib[1] + 0 > peak) peak = mib[1] + 0
        if (mib[2] + 0 > live) live = mib[2] + 0
    }
    /exit/ && /used [0-9]+K/ && !/Metaspace|class space/ {
        match($0, /used [0-9]+K/)
        exitUsed += substr($0, RSTART + 5, RLENGTH - 6) / 1024
    }
    END {
        if (exitUsed > peak) peak = exitUsed
        printf "%d %d\n", peak + 0.5, live
    }' "$GC_LOG")

verdict() { if awk -v v="$1" -v t="$2" 'BEGIN { exit !(v < t) }'; then echo PASS; else echo FAIL; fi; }
time_verdict="$(verdict "$wall" "$TARGET_SECONDS")"
heap_verdict="$(verdict "$peak" "$TARGET_HEAP_MIB")"

echo
echo "audit-1m: $CONTACTS contacts, $PURCHASES purchases, $CONSENTS consents, $OBJECTIONS objections ($(nproc) cores)"
printf '  wall time  %8s s    target < %d s       %s\n' "$wall" "$TARGET_SECONDS" "$time_verdict"
printf '  peak heap  %8s MiB  target < %d MiB   %s   (live after GC at most %s MiB)\n' "$peak" "$TARGET_HEAP_MIB" "$heap_verdict" "$live"
echo "  report $DATA/audit-report.csv, GC log $GC_LOG"
[[ "$time_verdict" == PASS && "$heap_verdict" == PASS ]]
