#!/usr/bin/env bash
# A real campaign sent from the outbox in PostgreSQL into Postfix's smtp-sink, against the physical
# limit of the same run: smtp-source pushing the same number of messages of the same size over the
# same number of reused connections into the same sink ("[3/5] Campaigns and delivery").
#
#   1. a fresh database: COUNT contacts who bought last month (bin/mailwijs import), sender settings,
#      a campaign of about 5 KB with merge fields, and its pre-flight (through the API);
#   2. smtp-sink on 127.0.0.1; smtp-source -d -s 8 -m COUNT -l 5120 into it: the yardstick;
#   3. bin/mailwijs send CAMPAIGN --relay the sink --workers 8: queue, claim with SKIP LOCKED, decide
#      again per recipient, render, build, send, record; timed from the first to the last message
#      recorded as sent (sent_at in the outbox), and as wall time with JVM start.
# Target: Mailwijs >= 0.5 x smtp-source. Without DKIM (bench/delivery-throughput.sh measures signing).
#
#   bench/send.sh              COUNT=100000
#   COUNT=20000 bench/send.sh  a quicker look
#   SEND_JAVA_OPTS=-XX:StartFlightRecording=filename=send.jfr bench/send.sh   profile the sending process
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
COUNT="${COUNT:-100000}"
DATABASE=mailwijs_bench_send
PGHOST=127.0.0.1
PGUSER=postgres
PORT="${PORT:-18081}"
OUT=bench/out/send
mkdir -p "$OUT"
for tool in /usr/sbin/smtp-sink /usr/sbin/smtp-source; do
    [ -x "$tool" ] || { echo "send: $tool is missing; apt-get install postfix" >&2; exit 1; }
done
. "$ROOT/bin/lib/java.sh"
find_jdk; export JAVA_HOME="$MAILWIJS_JDK"
build_if_stale

echo "send: load average $(cut -d' ' -f1-3 /proc/loadavg), $COUNT messages (run on an otherwise idle machine)"
python3 - "$OUT" "$COUNT" <<'PY'
import datetime, sys
out, count = sys.argv[1], int(sys.argv[2])
bought = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
with open(f"{out}/contacts.csv", "w", encoding="utf-8") as c, open(f"{out}/purchases.csv", "w", encoding="utf-8") as p:
    c.write("contact_id;email;name;kind;country\n")
    p.write("contact_id;order_id;date;categories;proof;address_collected_in_sale;objection_offered\n")
    names = ["Jan de Vries", "Zoë Ruïz", "Aäron Müller-Öztürk", "Sanne Bakker", "Fleur van 't Hek"]
    for i in range(1, count + 1):
        c.write(f"K{i};klant{i}+nieuws@example.nl;{names[i % len(names)]};NATURAL_PERSON;NL\n")
        p.write(f"K{i};o-{i};{bought};portrait-photography;ORDER;ja;ja\n")
PY
dropdb -h "$PGHOST" -U "$PGUSER" --if-exists "$DATABASE"
createdb -h "$PGHOST" -U "$PGUSER" "$DATABASE"
URL="jdbc:postgresql://$PGHOST:5432/$DATABASE"
export MAILWIJS_DATABASE_USER="$PGUSER"
bin/mailwijs import --contacts "$OUT/contacts.csv" --purchases "$OUT/purchases.csv" --database-url "$URL" \
    --rejected "$OUT/rejected.csv" > "$OUT/import.txt" 2>&1 || { cat "$OUT/import.txt" >&2; exit 1; }

MAILWIJS_ADMIN_PASSWORD=bench-only-password MAILWIJS_DELIVERY_MAIL_CATCHER_PORT=0 MAILWIJS_SENDING_ENABLED=false \
    bin/mailwijs start --port "$PORT" --database-url "$URL" > "$OUT/server.log" 2>&1 &
server=$!
sink=""
cleanup() { kill $server 2>/dev/null || true; [ -n "$sink" ] && kill "$sink" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
    curl -sf "localhost:$PORT/actuator/health" >/dev/null && break
    kill -0 $server 2>/dev/null || { echo "send: the server did not start" >&2; tail -20 "$OUT/server.log" >&2; exit 1; }
    sleep 1
done
TOKEN="$(bin/mailwijs token create --scope write --name send-bench --database-url "$URL" 2>/dev/null)"
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
api -X PUT "localhost:$PORT/api/v1/settings" -d '{"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678",
    "postalAddress": "Kerkstraat 1, 1234 AB Utrecht", "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl",
    "similarTopics": {"portrait-photography": ["photo-prints"]}}' > /dev/null
body="$(python3 -c '
p = "Beste {{contact.firstName | default: \"klant\"}},\n\n"
p += "Deze maand drukken we uw mooiste portretten af op museumkwaliteit papier, met 20% korting. " * 3 + "\n\n"
for i in range(24):
    p += f"- Formaat {i + 10}x{i + 15} cm: vanaf {i + 3},95 euro, levering binnen {i % 5 + 2} werkdagen.\n"
p += "\n" + "Bekijk alle formaten en papiersoorten in onze winkel aan de Kerkstraat of op de website. " * 8
import json; print(json.dumps(p))')"
campaign="$(api -X POST "localhost:$PORT/api/v1/campaigns" -d '{"name": "Send benchmark", "purpose": "COMMERCIAL",
    "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl", "fromName": "Fotostudio Jansen",
    "subject": "{{contact.firstName | default: \"Beste klant\"}}, uw portret als afdruk", "body": '"$body"'}' \
    | sed -n 's/^{"id":\([0-9]*\).*/\1/p')"
api -X POST "localhost:$PORT/api/v1/campaigns/$campaign/preflight" > "$OUT/preflight.json"
kill $server; wait $server 2>/dev/null || true

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
/usr/sbin/smtp-sink -u postfix -t 60 "127.0.0.1:$port" 1000 &
sink=$!
sleep 1
start=$(date +%s%N)
timeout 900 /usr/sbin/smtp-source -d -s 8 -m "$COUNT" -l 5120 "127.0.0.1:$port"
source_ns=$(( $(date +%s%N) - start ))

start=$(date +%s%N)
MAILWIJS_JAVA_OPTS="${SEND_JAVA_OPTS:-}" timeout 900 bin/mailwijs send "$campaign" --relay "127.0.0.1:$port" --workers 8 --database-url "$URL" > "$OUT/send.txt" 2> "$OUT/send.err" \
    || { cat "$OUT/send.txt" "$OUT/send.err" >&2; exit 1; }
send_ns=$(( $(date +%s%N) - start ))
cat "$OUT/send.txt"
sending_s="$(psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc \
    "SELECT EXTRACT(EPOCH FROM MAX(sent_at) - MIN(sent_at)) FROM outbox WHERE campaign_id = $campaign AND state = 'SENT'")"
sent="$(psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAc "SELECT COUNT(*) FROM outbox WHERE campaign_id = $campaign AND state = 'SENT'")"
python3 - "$COUNT" "$source_ns" "$send_ns" "$sending_s" "$sent" <<'PY'
import sys
count, source_ns, send_ns, sending_s, sent = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
source = count / (source_ns / 1e9)
wall = sent / (send_ns / 1e9)
sending = sent / max(sending_s, 0.001)
ratio = sending / source
print(f"send: smtp-source {source:,.0f} msg/s; Mailwijs {sent:,} sent from the outbox: {sending:,.0f} msg/s from first to last "
      f"({wall:,.0f} msg/s over {send_ns / 1e9:.1f} s wall with JVM start, pre-flight reuse and queuing)")
print(f"send: ratio {ratio:.2f} x smtp-source (target >= 0.5: {'PASS' if ratio >= 0.5 else 'FAIL'})")
PY
