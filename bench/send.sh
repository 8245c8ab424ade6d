#!/usr/bin/env bash
# A real campaign sent from the outbox in PostgreSQL into Postfix's smtp-sink, against the physical
# limit of the same run: smtp-source pushing the same number of messages of the same size over the
# same number of reused connections into the same sink ("[3/5] Campaigns and delivery").
#
#   1. a fresh database: COUNT contacts who bought last month (bin/mailwijs import), sender settings,
#      a campaign of about 5 KB with merge fields, and its pre-flight (through the API);
#   2. smtp-sink on 127.0.0.1; smtp-source -d -s 8 -m COUNT -l 5120 into it: the yardstick (taken again
#      just before the measured warm campaign, on a host whose speed drifts over the minutes of a run);
#   3. cold: bin/mailwijs send CAMPAIGN --relay the sink --workers 8, in a fresh JVM: queue, claim with
#      SKIP LOCKED, decide again per recipient, render, build, send, record;
#   4. warm: the server (8 outbox workers, 8 connections to the sink) as it runs in production: a
#      warm-up campaign cancelled after WARMUP messages (the JIT compiles the sending path, as it has
#      in a server that has sent before), then the measured campaign to the same COUNT recipients.
#   5. warm with DKIM: the same with an RSA-2048 key (a fresh server, its own warm-up), against the
#      JDK's pure RSA-2048 signing rate on the same cores (COUNT x Signature.sign on 8 threads, the
#      loop of bench/delivery-throughput.sh) and, for honesty, the provider the signer really uses.
#   Rates run from the first to the last message recorded as sent (sent_at in the outbox).
# Targets: Mailwijs (warm, no DKIM) >= 0.5 x smtp-source; with DKIM >= 0.6 x pure JDK signing.
#
#   bench/send.sh              COUNT=100000
#   COUNT=20000 bench/send.sh  a quicker look
#   SEND_JAVA_OPTS=-XX:StartFlightRecording=filename=send.jfr bench/send.sh   profile the sending process
#   WARM_JFR=/tmp/warm bench/send.sh   a JFR recording of each measured warm campaign (/tmp/warm-CAMPAIGN.jfr)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
COUNT="${COUNT:-100000}"
WARMUP="${WARMUP:-$((COUNT / 5))}"
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

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
/usr/sbin/smtp-sink -u postfix -t 60 "127.0.0.1:$port" 1000 &
sink=$!
server=""
cleanup() { [ -n "$server" ] && kill $server 2>/dev/null || true; kill "$sink" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

# start_server SENDING: the server on the database; SENDING=true lets its outbox workers deliver to the sink.
start_server() {
    MAILWIJS_ADMIN_PASSWORD=bench-only-password MAILWIJS_DELIVERY_MAIL_CATCHER_PORT=0 MAILWIJS_SENDING_ENABLED="$1" \
        MAILWIJS_DELIVERY_RELAYS_0_HOST=127.0.0.1 MAILWIJS_DELIVERY_RELAYS_0_PORT="$port" MAILWIJS_DELIVERY_CONNECTIONS=8 \
        MAILWIJS_SENDING_WORKERS=8 MAILWIJS_JAVA_OPTS="${SEND_JAVA_OPTS:-}" \
        bin/mailwijs start --port "$PORT" --database-url "$URL" >> "$OUT/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 120); do
        curl -sf "localhost:$PORT/actuator/health" >/dev/null && return 0
        kill -0 $server 2>/dev/null || { echo "send: the server did not start" >&2; tail -20 "$OUT/server.log" >&2; exit 1; }
        sleep 1
    done
    echo "send: the server did not answer within 120 s" >&2; exit 1
}
stop_server() { kill $server; wait $server 2>/dev/null || true; server=""; }

: > "$OUT/server.log"
start_server false
TOKEN="$(bin/mailwijs token create --scope write --name send-bench --database-url "$URL" 2>/dev/null)"
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
api -X PUT "localhost:$PORT/api/v1/settings" -d '{"legalName": "Fotostudio Jansen B.V.", "kvkNumber": "12345678",
    "postalAddress": "Kerkstraat 1, 1234 AB Utrecht", "country": "NL", "objectionAddress": "privacy@fotostudio-jansen.nl",
    "similarTopics": {"portrait-photography": ["photo-prints"]}}' > /dev/null
body="$(python3 -c '
p = "Beste {{contact.firstName | default: \"klant\"}},\n\n"
p += "Deze maand drukken we uw mooiste portretten af op museumkwaliteit papier, met 20% korting. " + "\n\n"
for i in range(6):
    p += f"- Formaat {i + 10}x{i + 15} cm: vanaf {i + 3},95 euro, levering binnen {i % 5 + 2} werkdagen.\n"
p += "\n" + "Bekijk alle formaten en papiersoorten in onze winkel aan de Kerkstraat of op de website. " * 2
import json; print(json.dumps(p))')"
# new_campaign NAME: a pre-flighted campaign of about 5 KB per message to every contact; prints its id.
new_campaign() {
    local id
    id="$(api -X POST "localhost:$PORT/api/v1/campaigns" -d '{"name": "'"$1"'", "purpose": "COMMERCIAL",
        "topics": ["photo-prints"], "fromAddress": "nieuws@fotostudio-jansen.nl", "fromName": "Fotostudio Jansen",
        "subject": "{{contact.firstName | default: \"Beste klant\"}}, uw portret als afdruk", "body": '"$body"'}' \
        | sed -n 's/^{"id":\([0-9]*\).*/\1/p')"
    api -X POST "localhost:$PORT/api/v1/campaigns/$id/preflight" > "$OUT/preflight-$id.json"
    echo "$id"
}
# rate CAMPAIGN: messages sent, and seconds from the first to the last, from the outbox.
rate() {
    psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -tAF ' ' -c "SELECT COUNT(*), EXTRACT(EPOCH FROM MAX(sent_at) - MIN(sent_at))
        FROM outbox WHERE campaign_id = $1 AND state = 'SENT'"
}
progress_field() {
    api "localhost:$PORT/api/v1/campaigns/$1/progress" | python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"
}
# The campaign's state alone: the progress counts read every row of the campaign, a cost that
# belongs to whoever watches, not to sending.
campaign_state() {
    api "localhost:$PORT/api/v1/campaigns/$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["state"])'
}

cold="$(new_campaign 'Send benchmark, cold')"
warmup="$(new_campaign 'Send benchmark, warm-up')"
warm="$(new_campaign 'Send benchmark, warm')"
warmup_dkim="$(new_campaign 'Send benchmark, warm-up with DKIM')"
warm_dkim="$(new_campaign 'Send benchmark, warm with DKIM')"
stop_server
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/dkim.pem" 2>/dev/null

# source_run: nanoseconds smtp-source takes for COUNT messages into the sink.
source_run() {
    local began
    began=$(date +%s%N)
    timeout 900 /usr/sbin/smtp-source -d -s 8 -m "$COUNT" -l 5120 "127.0.0.1:$port" >&2
    echo $(( $(date +%s%N) - began ))
}
sleep 1
source_ns=$(source_run)

start=$(date +%s%N)
MAILWIJS_JAVA_OPTS="${SEND_JAVA_OPTS:-}" timeout 900 bin/mailwijs send "$cold" --relay "127.0.0.1:$port" --workers 8 --database-url "$URL" \
    > "$OUT/send.txt" 2> "$OUT/send.err" || { cat "$OUT/send.txt" "$OUT/send.err" >&2; exit 1; }
send_ns=$(( $(date +%s%N) - start ))
cat "$OUT/send.txt"
read -r cold_sent cold_s <<< "$(rate "$cold")"

# warm_run WARMUP_CAMPAIGN CAMPAIGN [JAVA OPTIONS]: a sending server, the warm-up cancelled after
# WARMUP messages, then CAMPAIGN to the end; prints "sent seconds" of CAMPAIGN.
warm_run() {
    SEND_JAVA_OPTS="${SEND_JAVA_OPTS:-} ${3:-}" start_server true
    api -X POST "localhost:$PORT/api/v1/campaigns/$1/send" > /dev/null
    for _ in $(seq 1 1800); do
        [ "$(progress_field "$1" sent)" -ge "$WARMUP" ] && break
        sleep 0.5
    done
    api -X POST "localhost:$PORT/api/v1/campaigns/$1/cancel" > /dev/null
    sleep 2
    [ -n "${4:-}" ] && source_run > "$4"
    python3 bench/cpu_usage.py snapshot "$OUT/cpu.json" Mailwijs="$server" PostgreSQL="pg:$DATABASE" smtp-sink="$sink"
    [ -n "${WARM_JFR:-}" ] && "$JAVA_HOME/bin/jcmd" "$server" JFR.start name=warm settings=profile > /dev/null
    api -X POST "localhost:$PORT/api/v1/campaigns/$2/send" > /dev/null
    for _ in $(seq 1 1800); do
        [ "$(campaign_state "$2")" = SENT ] && break
        # The rate comes from the outbox's sent_at: asking often would only load the database.
        sleep 2
    done
    echo "send: CPU per message of campaign $2: $(python3 bench/cpu_usage.py since "$OUT/cpu.json" "$COUNT")" >&2
    [ -n "${WARM_JFR:-}" ] && "$JAVA_HOME/bin/jcmd" "$server" JFR.stop name=warm filename="$WARM_JFR-$2.jfr" > /dev/null
    stop_server
    rate "$2"
}
read -r warm_sent warm_s <<< "$(warm_run "$warmup" "$warm" "" "$OUT/source-next-to-warm.ns")"
source_next_ns=$(cat "$OUT/source-next-to-warm.ns")
DKIM_OPTS="-Dmailwijs.delivery.dkim.domain=fotostudio-jansen.nl -Dmailwijs.delivery.dkim.selector=bench -Dmailwijs.delivery.dkim.key-file=$OUT/dkim.pem"
read -r dkim_sent dkim_s <<< "$(warm_run "$warmup_dkim" "$warm_dkim" "$DKIM_OPTS")"

# The pure signing rate of the same JDK on the same cores (the loop of bench/delivery-throughput.sh).
. "$ROOT/bench/lib.sh"
build_bench_jar "$JAVA_HOME" "$OUT" || exit 1
sign_run() {
    # shellcheck disable=SC2086
    timeout 900 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$bench_jar:$ROOT/bench/target/lib/*" \
        nl.mailwijs.bench.DeliveryThroughput sign "$COUNT" 8 "$@" | awk '$1 == "RESULT" { print $5 } $1 == "sign:" { print > "/dev/stderr" }'
}
sign_rate="$(sign_run)"
native_rate="$(sign_run native)"

# probe CAMPAIGN [JAVA OPTIONS]: 20 of its messages again, into a sink that writes them to files;
# prints their average size (without the trace headers smtp-sink adds) and how many carry a DKIM-Signature.
probe() {
    rm -rf "$OUT/sample" && mkdir -p "$OUT/sample" && chmod 777 "$OUT/sample"
    psql -h "$PGHOST" -U "$PGUSER" -d "$DATABASE" -qc "UPDATE outbox SET state = 'QUEUED'
        WHERE id IN (SELECT id FROM outbox WHERE campaign_id = $1 AND state = 'SENT' ORDER BY id LIMIT 20);
        INSERT INTO outbox_batch (campaign_id, first_row_id, last_row_id, state, updated_at)
        SELECT $1, MIN(id), MAX(id), 'QUEUED', now() FROM outbox WHERE campaign_id = $1 AND state = 'QUEUED';
        UPDATE campaign SET state = 'SENDING' WHERE id = $1"
    local dump_port dump
    dump_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    (cd "$OUT/sample" && exec /usr/sbin/smtp-sink -u postfix -d "%M." "127.0.0.1:$dump_port" 100) &
    dump=$!
    sleep 0.5
    MAILWIJS_JAVA_OPTS="${2:-}" bin/mailwijs send "$1" --relay "127.0.0.1:$dump_port" --workers 1 --database-url "$URL" > /dev/null 2>&1 || true
    kill $dump 2>/dev/null || true
    python3 - "$OUT/sample" <<'SIZE'
import os, sys
sizes, signed = [], 0
for name in os.listdir(sys.argv[1]):
    lines = open(os.path.join(sys.argv[1], name), "rb").read().split(b"\n")
    while lines and (lines[0].startswith((b"X-", b"Received:", b"\t"))):
        lines.pop(0)
    sizes.append(sum(len(line) + 2 for line in lines))
    signed += any(line.startswith(b"DKIM-Signature:") for line in lines)
print(round(sum(sizes) / len(sizes)) if sizes else 0, signed, len(sizes))
SIZE
}
read -r size _ probed <<< "$(probe "$cold")"
echo "send: messages of $size bytes on average ($probed sampled; smtp-source sends 5,120)"
read -r dkim_size signed probed <<< "$(probe "$warm_dkim" "$DKIM_OPTS")"
echo "send: with DKIM $dkim_size bytes on average; $signed of $probed sampled carry a DKIM-Signature"

python3 - "$COUNT" "$source_ns" "$send_ns" "$cold_sent" "$cold_s" "$warm_sent" "$warm_s" "$WARMUP" "$dkim_sent" "$dkim_s" "$source_next_ns" \
    "$sign_rate" "$native_rate" <<'RESULT'
import sys
count, source_ns, send_ns = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
cold_sent, cold_s, warm_sent, warm_s, warmup = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
dkim_sent, dkim_s, source_next_ns = int(sys.argv[9]), float(sys.argv[10]), int(sys.argv[11])
sign, native = float(sys.argv[12]), float(sys.argv[13])
source = count / (source_ns / 1e9)
source_next = count / (source_next_ns / 1e9)
cold = cold_sent / max(cold_s, 0.001)
warm = warm_sent / max(warm_s, 0.001)
print(f"send: smtp-source {source:,.0f} msg/s ({count:,} messages of 5,120 bytes over 8 connections); "
      f"{source_next:,.0f} msg/s just before the measured warm campaign")
print(f"send: cold, bin/mailwijs send in a fresh JVM: {cold_sent:,} sent, {cold:,.0f} msg/s from first to last "
      f"({cold_sent / (send_ns / 1e9):,.0f} msg/s over {send_ns / 1e9:.1f} s wall with JVM start and queuing); {cold / source:.2f} x smtp-source")
print(f"send: warm, the server's outbox workers after a {warmup:,}-message warm-up: {warm_sent:,} sent, {warm:,.0f} msg/s from first "
      f"to last; {warm / source_next:.2f} x the smtp-source next to it ({warm / source:.2f} x the first)")
dkim = dkim_sent / max(dkim_s, 0.001)
print(f"send: warm with DKIM RSA-2048: {dkim_sent:,} sent, {dkim:,.0f} msg/s; pure JDK RSA-2048 signing {sign:,.0f}/s on 8 threads, "
      f"the provider the signer uses {native:,.0f}/s")
ratio = warm / source_next
print(f"send: ratio {ratio:.2f} x smtp-source measured next to it (target >= 0.5: {'PASS' if ratio >= 0.5 else 'FAIL'}); "
      f"{warm / source:.2f} x the first smtp-source")
ratio = dkim / sign
print(f"send: with DKIM {ratio:.2f} x pure JDK signing (target >= 0.6: {'PASS' if ratio >= 0.6 else 'FAIL'}); "
      f"{dkim / native:.2f} x the signer's own provider")
RESULT
