#!/usr/bin/env bash
# The one-click unsubscribe endpoint under a burst ("[4/5] Unsubscribe ...": 2,000 requests/s for
# 30 s with p99 under 50 ms and no lost objection), against the server on PostgreSQL.
#
#   1. a fresh database: RATE x DURATION (+ the warm-up's) contacts who bought last month
#      (bin/mailwijs import), sender settings, a campaign, its pre-flight, and its queue (through the
#      API, with the outbox workers off: every recipient gets an outbox row and its unsubscribe token,
#      nothing is sent);
#   2. the recipients' one-click URLs, made from the outbox keys and the server's token secret;
#   3. a warm-up at WARMUP_RATE/s (1,000) for WARMUP_SECONDS (30) on URLs of its own (the JIT compiles the
#      request path, as in a server that has been up a while), then the burst: RATE/s for
#      DURATION seconds, each URL once, by the Java load client (bench/src/main/java/nl/mailwijs/bench/
#      UnsubscribeLoad.java, run from source: constant arrival rate, one thread and a selector, latency from
#      each request's due time, so a server that falls behind shows it);
#   4. the objections counted in the ledger afterwards: one per 200 answer, none lost; the hash
#      chain verified.
# The client runs on the same machine as the server and the database: on a small machine it takes
# a share of the CPU the server would otherwise have.
#
#   bench/unsubscribe-load.sh                          RATE=2000 DURATION=30 (the issue's target)
#   RATE=200 DURATION=5 WARMUP_SECONDS=2 bench/unsubscribe-load.sh   a quick check that it works
#   SERVER_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/u.jfr" bench/unsubscribe-load.sh   JVM options of the server only
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RATE="${RATE:-2000}"
DURATION="${DURATION:-30}"
WARMUP_RATE="${WARMUP_RATE:-1000}"
WARMUP_SECONDS="${WARMUP_SECONDS:-30}"
P99_TARGET_MS="${P99_TARGET_MS:-50}"
DATABASE=mailwijs_bench_unsubscribe
PGHOST=127.0.0.1
PGUSER=postgres
PORT="${PORT:-18082}"
OUT=bench/out/unsubscribe-load
BURST=$(( RATE * DURATION ))
WARMUP=$(( WARMUP_RATE * WARMUP_SECONDS ))
COUNT=$(( BURST + WARMUP ))
mkdir -p "$OUT"
[ -x /usr/bin/time ] || { echo "unsubscribe-load: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }
for tool in psql createdb dropdb curl python3; do
    command -v "$tool" >/dev/null || { echo "unsubscribe-load: $tool is missing" >&2; exit 1; }
done
. "$ROOT/bin/lib/java.sh"
find_jdk; export JAVA_HOME="$MAILWIJS_JDK"
build_if_stale

echo "unsubscribe-load: load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; warm-up ${WARMUP_RATE}/s x ${WARMUP_SECONDS} s," \
    "burst ${RATE}/s x ${DURATION} s: $COUNT recipients"
python3 - "$OUT" "$COUNT" <<'PY'
import datetime, sys
out, count = sys.argv[1], int(sys.argv[2])
bought = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
with open(f"{out}/contacts.csv", "w", encoding="utf-8") as c, open(f"{out}/purchases.csv", "w", encoding="utf-8") as p:
    c.write("contact_id;email;name;kind;country\n")
    p.write("contact_id;order_id;date;categories;proof;address_collected_in_sale;objection_offered\n")
    for i in range(1, count + 1):
        c.write(f"K{i};klant{i}@example.nl;Klant {i};NATURAL_PERSON;NL\n")
        p.write(f"K{i};o-{i};{bought};portrait-photography;ORDER;ja;ja\n")
PY
dropdb -h "$PGHOST" -U "$PGUSER" --if-exists "$DATABASE"
createdb -h "$PGHOST" -U "$PGUSER" "$DATABASE"
URL="jdbc:postgresql://$PGHOST:5432/$DATABASE"
export MAILWIJS_DATABASE_USER="$PGUSER"
bin/mailwijs import --contacts "$OUT/contacts.csv" --purchases "$OUT/purchases.csv" --database-url "$URL" \
    --rejected "$OUT/rejected.csv" > "$OUT/import.txt" 2>&1 || { cat "$OUT/import.txt" >&2; exit 1; }

MAILWIJS_JAVA_OPTS="${SERVER_JAVA_OPTS:-${MAILWIJS_JAVA_OPTS:-}}" \
    MAILWIJS_ADMIN_PASSWORD=bench-only-password MAILWIJS_DELIVERY_MAIL_CATCHER_PORT=0 MAILWIJS_SENDING_ENABLED=false \
    bin/mailwijs start --port "$PORT" --database-url "$URL" > "$OUT/server.log" 2>&1 &
server=$!
cleanup() { kill $server 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
    curl -sf "localhost:$PORT/actuator/health" >/dev/null && break
    kill -0 $server 2>/dev/null || { echo "unsubscribe-load: the server did not start" >&2; tail -20 "$OUT/server.log" >&2; exit 1; }
    sleep 1
done
TOKEN="$(bin/mailwijs token create --scope write --name unsubscribe-bench --database-url "$URL" 2>/dev/null)"
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
api -X PUT "localhost:$PORT/api/v1/settings" -d '{"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678",
    "postalAddress": "Kerkstraat 1, 1234 AB Utrecht", "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl",
    "similarTopics": {"portrait-photography": ["photo-prints"]}}' > /dev/null
campaign="$(api -X POST "localhost:$PORT/api/v1/campaigns" -d '{"name": "Unsubscribe benchmark", "purpose": "COMMERCIAL",
    "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl", "fromName": "Fotostudio Jansen",
    "subject": "Uw portret als afdruk", "body": "Beste klant,\n\nDeze maand 20% korting op afdrukken."}' \
    | sed -n 's/^{"id":\([0-9]*\).*/\1/p')"
api -X POST "localhost:$PORT/api/v1/campaigns/$campaign/preflight" > "$OUT/preflight.json"
api -X POST "localhost:$PORT/api/v1/campaigns/$campaign/send" > "$OUT/queued.json"
queued="$(psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc "SELECT COUNT(*) FROM outbox WHERE campaign_id = $campaign")"
[ "$queued" -eq "$COUNT" ] || { echo "unsubscribe-load: $queued recipients queued, expected $COUNT" >&2; cat "$OUT/preflight.json" >&2; exit 1; }

# The one-click URL of each recipient, as the server makes it (delivery.UnsubscribeTokens):
# base64url(key || HMAC-SHA256(secret, "mailwijs-unsubscribe-v1" || key)[0..16]), the key being the outbox row's.
psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc "SELECT secret FROM server_secret WHERE name = 'unsubscribe-token'" > "$OUT/secret.txt"
psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc "SELECT token FROM outbox WHERE campaign_id = $campaign ORDER BY id" > "$OUT/keys.txt"
python3 - "$OUT" "$WARMUP" <<'PY'
import base64, hashlib, hmac, sys
out, warmup = sys.argv[1], int(sys.argv[2])
secret = base64.b64decode(open(f"{out}/secret.txt").read().strip())
paths = []
for line in open(f"{out}/keys.txt"):
    key = bytes.fromhex(line.strip())
    tag = hmac.new(secret, b"mailwijs-unsubscribe-v1" + key, hashlib.sha256).digest()[:16]
    paths.append("/u/" + base64.urlsafe_b64encode(key + tag).decode().rstrip("="))
open(f"{out}/warmup-urls.txt", "w").write("\n".join(paths[:warmup]) + "\n")
open(f"{out}/burst-urls.txt", "w").write("\n".join(paths[warmup:]) + "\n")
PY

load() { # $1 = name, $2 = URL file, $3 = rate, $4 = seconds
    /usr/bin/time -o "$OUT/$1-client-cpu.txt" -f "%U %S" timeout $(( $4 + 120 )) "$MAILWIJS_JDK/bin/java" -Xmx512m bench/src/main/java/nl/mailwijs/bench/UnsubscribeLoad.java \
        "http://127.0.0.1:$PORT" "$2" "$3" "$4" 10 "$OUT/$1-ok.txt" | tee "$OUT/$1.txt"
}
: > "$OUT/warmup-ok.txt"
if [ "$WARMUP" -gt 0 ]; then
    echo "unsubscribe-load: warm-up"
    load warmup "$OUT/warmup-urls.txt" "$WARMUP_RATE" "$WARMUP_SECONDS"
fi
echo "unsubscribe-load: load average before the burst $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/cpu_usage.py snapshot "$OUT/cpu.json" Mailwijs="$server" PostgreSQL="pg:$DATABASE"
load burst "$OUT/burst-urls.txt" "$RATE" "$DURATION"
echo "unsubscribe-load: CPU per request of the burst: $(python3 bench/cpu_usage.py since "$OUT/cpu.json" "$BURST")," \
    "load client $(awk -v n="$BURST" '{printf "%.0f µs", ($1 + $2) * 1e6 / n}' "$OUT/burst-client-cpu.txt")"

# Every 200 must be an objection in the ledger: the controller's source id is unsubscribe-CAMPAIGN-<first 8 bytes of SHA-256(token), hex>.
psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc \
    "SELECT external_id FROM evidence_record WHERE kind = 'OBJECTION' AND external_id LIKE 'unsubscribe-$campaign-%'" > "$OUT/objections.txt"
verify="$(curl -sf -H "Authorization: Bearer $TOKEN" "localhost:$PORT/api/v1/evidence/verify")"
python3 - "$OUT" "$campaign" "$RATE" "$P99_TARGET_MS" "$verify" <<'PY'
import hashlib, sys
out, campaign, rate, target, verify = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
result = next(line for line in open(f"{out}/burst.txt") if line.startswith("RESULT")).split()
_, sent, ok, failed, timed_out, p50, p99, max_ms, achieved = result
sent, ok, failed, timed_out, p99, achieved = int(sent), int(ok), int(failed), int(timed_out), float(p99), float(achieved)
confirmed = [line.strip()[3:] for name in ("warmup", "burst") for line in open(f"{out}/{name}-ok.txt") if line.strip()]
recorded = {line.strip() for line in open(f"{out}/objections.txt") if line.strip()}
expected = {f"unsubscribe-{campaign}-" + hashlib.sha256(token.encode("ascii")).hexdigest()[:16] for token in confirmed}
lost = len(expected - recorded)
print(f"unsubscribe-load: {len(recorded):,} objections in the ledger; {len(expected):,} requests answered 200, {lost} of them without "
      f"an objection; {len(recorded - expected):,} recorded for requests the client gave up waiting for; chain: {verify}")
checks = [("rate held", achieved >= 0.95 * rate and failed == 0 and timed_out == 0,
           f"{achieved:,.0f}/s of {rate:,}/s, {failed} failed, {timed_out} timed out"),
          (f"p99 < {target:.0f} ms", p99 < target, f"p99 {p99:.1f} ms, p50 {p50} ms, max {max_ms} ms"),
          ("no objection lost", lost == 0, f"{len(expected) - lost:,} of {len(expected):,} confirmed unsubscribes are in the ledger")]
for name, passed, detail in checks:
    print(f"unsubscribe-load: {name}: {'PASS' if passed else 'FAIL'} ({detail})")
if expected and recorded and not expected & recorded:
    print("unsubscribe-load: no confirmed request matches a recorded id: has the controller's objection id changed? (see above)")
PY
