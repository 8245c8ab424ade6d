#!/usr/bin/env bash
# Benchmark of `mailwijs import` into PostgreSQL: 1,000,000 contacts and 1,500,000 purchases
# (the data of bench/audit-1m.sh) into a fresh database on 127.0.0.1:5432 (user postgres).
# Target: under 60 s wall time (JVM and Spring start included); prints the figure and the peak
# heap (from the GC log) with PASS or FAIL. Imports the fixed generated data once.
#
#   bench/import-1m.sh            generate the data if bench/out/audit-1m lacks it, then import
#   REBUILD=1 bench/import-1m.sh  rebuild the jar first (else only when stale)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONTACTS=1000000
PURCHASES=1500000
TARGET_SECONDS=60
HEAP="${HEAP:-1g}"
DATA=bench/out/audit-1m
OUT=bench/out/import-1m
DATABASE=mailwijs_bench_import
PGHOST=127.0.0.1
PGUSER=postgres

# shellcheck source=bin/lib/java.sh
. "$ROOT/bin/lib/java.sh"
find_jdk; JAVA_HOME="$MAILWIJS_JDK"
export JAVA_HOME
echo "import-1m: JDK $(java_major_of "$JAVA_HOME") at $JAVA_HOME"

# Built before the clock starts (bin/mailwijs would build a stale jar inside the timed run).
if [[ "${REBUILD:-}" == 1 ]]; then rm -f app/target/mailwijs.jar; fi
build_if_stale

if [[ ! -f "$DATA/contacts.csv" || ! -f "$DATA/purchases.csv" ]]; then
    echo "import-1m: generating data in $DATA"
    python3 bench/generate_audit_data.py --out "$DATA" --contacts "$CONTACTS" --purchases "$PURCHASES" \
        --consents 300000 --objections 50000
fi
mkdir -p "$OUT"

echo "import-1m: fresh database $DATABASE on $PGHOST:5432"
dropdb -h "$PGHOST" -U "$PGUSER" --if-exists "$DATABASE"
createdb -h "$PGHOST" -U "$PGUSER" "$DATABASE"

GC_LOG="$OUT/gc.log"
rm -f "$GC_LOG"
echo "import-1m: importing contacts.csv and purchases.csv (-Xmx$HEAP)"
start_ns="$(date +%s%N)"
status=0
MAILWIJS_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$GC_LOG" MAILWIJS_DATABASE_USER="$PGUSER" \
    bin/mailwijs import --contacts "$DATA/contacts.csv" --purchases "$DATA/purchases.csv" \
    --database-url "jdbc:postgresql://$PGHOST:5432/$DATABASE?reWriteBatchedInserts=true" \
    --rejected "$OUT/import-rejected.csv" > "$OUT/summary.txt" 2> "$OUT/stderr.txt" || status=$?
end_ns="$(date +%s%N)"

# 3 is expected: the generated data holds a few rows that cannot be read, on purpose.
if (( status != 0 && status != 3 )); then
    echo "import-1m: the import failed with exit code $status:" >&2
    cat "$OUT/stderr.txt" >&2
    exit 1
fi
cat "$OUT/summary.txt"
head -n 3 "$OUT/stderr.txt"

seconds="$(awk -v ns="$((end_ns - start_ns))" 'BEGIN { printf "%.1f", ns / 1e9 }')"
# Peak heap: the largest "before" figure of any collection (heap use only grows between them).
peak_mib="$(sed -n 's/.* \([0-9][0-9]*\)M->[0-9][0-9]*M([0-9][0-9]*M).*/\1/p' "$GC_LOG" | sort -n | tail -n 1)"
peak_mib="${peak_mib:-0}"
records="$(psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc 'SELECT COUNT(*) FROM evidence_record')"
contacts="$(psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc 'SELECT COUNT(*) FROM contact')"
verdict=PASS
awk -v s="$seconds" -v t="$TARGET_SECONDS" 'BEGIN { exit !(s < t) }' || verdict=FAIL
echo "import-1m: $contacts contacts, $records ledger records in ${seconds} s (target < ${TARGET_SECONDS} s: $verdict);" \
     "peak heap ${peak_mib} MiB (-Xmx$HEAP)"
