#!/usr/bin/env bash
# Benchmark of a campaign's pre-flight over 1,000,000 recipients with their evidence, on PostgreSQL:
# the database bench/import-1m.sh leaves (1,000,000 contacts, 1,500,000 purchases; imported first
# when it is missing). Starts the server on it, stores sender settings, creates a campaign and
# times POST /api/v1/campaigns/{id}/preflight. Target: under 30 s. Prints the figure, the
# server's own count of milliseconds, and the report's counts.
#
#   bench/preflight-1m.sh
#   SERVER_JAVA_OPTS="-Xmx2g -XX:StartFlightRecording=filename=pf.jfr" bench/preflight-1m.sh   (profile the server)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TARGET_SECONDS=30
DATABASE=mailwijs_bench_import
PGHOST=127.0.0.1
PGUSER=postgres
PORT="${PORT:-18080}"
OUT=bench/out/preflight-1m
mkdir -p "$OUT"

contacts="$(psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc 'SELECT COUNT(*) FROM contact' 2>/dev/null || echo 0)"
if (( contacts < 999000 )); then
    echo "preflight-1m: no imported database yet; running bench/import-1m.sh first"
    bench/import-1m.sh
fi
echo "preflight-1m: load average: $(cut -d' ' -f1-3 /proc/loadavg) (run on an otherwise idle machine)"

URL="jdbc:postgresql://$PGHOST:5432/$DATABASE"
export MAILWIJS_DATABASE_USER="$PGUSER"
MAILWIJS_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xmx2g}" MAILWIJS_ADMIN_PASSWORD=bench-only-password \
    MAILWIJS_DELIVERY_MAIL_CATCHER_PORT=0 MAILWIJS_SENDING_ENABLED=false \
    bin/mailwijs start --port "$PORT" --database-url "$URL" > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -sf "localhost:$PORT/actuator/health" >/dev/null && break
    kill -0 $server 2>/dev/null || { echo "preflight-1m: the server did not start:" >&2; tail -20 "$OUT/server.log" >&2; exit 1; }
    sleep 1
done
TOKEN="$(bin/mailwijs token create --scope write --name preflight-bench --database-url "$URL" 2>/dev/null)"
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

api -X PUT "localhost:$PORT/api/v1/settings" -d '{"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678",
    "postalAddress": "Kerkstraat 1, 1234 AB Utrecht", "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl",
    "similarTopics": {"portrait-photography": ["photo-prints", "photo-albums"], "wedding-photography": ["photo-albums"]}}' > /dev/null
campaign="$(api -X POST "localhost:$PORT/api/v1/campaigns" -d '{"name": "Pre-flight benchmark", "purpose": "COMMERCIAL",
    "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl", "subject": "Uw foto'"'"'s als afdruk",
    "body": "Beste {{contact.firstName | default: \"klant\"}},\n\nDeze maand korting op afdrukken."}' | sed -n 's/^{"id":\([0-9]*\).*/\1/p')"

start_ns="$(date +%s%N)"
api -X POST "localhost:$PORT/api/v1/campaigns/$campaign/preflight" > "$OUT/report.json"
end_ns="$(date +%s%N)"
seconds="$(awk -v ns="$((end_ns - start_ns))" 'BEGIN { printf "%.1f", ns / 1e9 }')"
python3 - "$OUT/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"preflight-1m: {r['recipients']:,} recipients: {r['allowed']:,} allowed {r['allowedByBasis']}, {r['denied']:,} denied {r['deniedByDenial']};"
      f" {r['lapsingWithin30Days']:,} lapse within 30 days; server-side {r['milliseconds'] / 1000:.1f} s")
PY
verdict=PASS
awk -v s="$seconds" -v t="$TARGET_SECONDS" 'BEGIN { exit !(s < t) }' || verdict=FAIL
echo "preflight-1m: pre-flight of $(psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc "SELECT COUNT(*) FROM campaign_decision WHERE campaign_id = $campaign") stored decisions in ${seconds} s (target < ${TARGET_SECONDS} s: $verdict)"
