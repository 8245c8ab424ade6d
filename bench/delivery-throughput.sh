#!/usr/bin/env bash
# Delivery throughput against the physical limit of the same run ("[3/5] Campaigns and delivery").
#
#   1. Postfix's smtp-sink on 127.0.0.1 (counts, writes nothing to disk);
#   2. Postfix's smtp-source into it: COUNT messages of 5120 bytes over 8 reused connections
#      (smtp-source -d -s 8 -m COUNT -l 5120): the yardstick;
#   3. Mailwijs: COUNT personalised messages of about 5 KB through MessageBuilder + SmtpSender over
#      8 connections (8 worker threads each building and sending, as an outbox would);
#   4. the same with an RSA-2048 DKIM signature (DkimSigning) on every message;
#   5. the JDK's pure RSA-2048 signing rate: COUNT x Signature.sign on every core (SunRsaSign,
#      8 threads like the 8 delivery workers);
#   6. for honesty, the same loop with the provider DkimSigning really uses (the Amazon Corretto
#      Crypto Provider when it loads, which is about twice as fast as the JDK's).
# Targets: (3) >= 0.5 x (2); (4) >= 0.6 x (5). Prints each rate, the ratios and PASS/FAIL, and
# (4) / (6): what is left on top of the signing that is really done.
#
#   bench/delivery-throughput.sh            COUNT=100000
#   COUNT=20000 bench/delivery-throughput.sh   a quicker look (the figures for the README use 100000)
#   REBUILD=1 ...                           rebuild the bench jar first (else only when sources are newer)
#   JAVA_OPTS='-XX:StartFlightRecording=filename=bench/out/delivery.jfr' ...   profile the Java runs
# Only 127.0.0.1; every step has a time limit. Needs the postfix package (smtp-sink, smtp-source).
set -euo pipefail

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
COUNT="${COUNT:-100000}"
CONNECTIONS=8
SIZE=5120
STEP_LIMIT=900   # seconds per step: a hang ends the run instead of the machine's afternoon
out="$bench_dir/out/delivery"
mkdir -p "$out"

# shellcheck source=../bin/lib/java.sh
source "$bench_dir/../bin/lib/java.sh"
find_jdk; jdk="$MAILWIJS_JDK"

for tool in /usr/sbin/smtp-sink /usr/sbin/smtp-source; do
  [ -x "$tool" ] || { echo "delivery-throughput: $tool is missing; apt-get install postfix" >&2; exit 1; }
done

# shellcheck source=lib.sh
source "$bench_dir/lib.sh"
build_bench_jar "$jdk" "$out" || exit 1

# CPU already in use (by anything, also processes this shell cannot see) over one second.
busy_share() {
  local a b
  read -r -a a < <(grep '^cpu ' /proc/stat); sleep 1; read -r -a b < <(grep '^cpu ' /proc/stat)
  awk -v u=$(( b[1]+b[2]+b[3]+b[6]+b[7]+b[8] - a[1]-a[2]-a[3]-a[6]-a[7]-a[8] )) \
      -v i=$(( b[4]+b[5] - a[4]-a[5] )) 'BEGIN { printf "%.0f%%", 100 * u / (u + i) }'
}
busy_before=$(busy_share)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "delivery-throughput: JDK $(java_major_of "$jdk") at $jdk, $(nproc) cores, load average $load_before, CPU busy before the run $busy_before, $COUNT messages"
if awk -v l="${load_before%% *}" 'BEGIN { exit !(l > 0.7) }'; then
  echo "delivery-throughput: warning: load average ${load_before%% *} before the run; other busy processes skew the figures"
fi
if [ "${busy_before%\%}" -gt 20 ]; then
  echo "delivery-throughput: warning: the CPUs were $busy_before busy before the run; the figures share them with that work"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
sink_pid=""
cleanup() { if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
# -u: smtp-sink refuses to run as root; 1000: listen backlog. No -d/-D: nothing is written to disk.
# -t 60: a client that stops talking is dropped after a minute.
if [ "$(id -u)" = 0 ]; then sink_user=(-u postfix); else sink_user=(); fi
/usr/sbin/smtp-sink "${sink_user[@]}" -t 60 127.0.0.1:"$port" 1000 >"$out/sink.log" 2>&1 &
sink_pid=$!
for _ in $(seq 50); do
  (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break
  sleep 0.1
done
echo "delivery-throughput: smtp-sink on 127.0.0.1:$port (pid $sink_pid)"

now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

start=$(now)
timeout "$STEP_LIMIT" /usr/sbin/smtp-source -d -s "$CONNECTIONS" -m "$COUNT" -l "$SIZE" 127.0.0.1:"$port"
source_seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
source_rate=$(rate "$COUNT" "$source_seconds")
echo "smtp-source: $COUNT messages of $SIZE bytes over $CONNECTIONS connections in $source_seconds s = $source_rate msg/s"

java_run() {
  # shellcheck disable=SC2086
  timeout "$STEP_LIMIT" "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp "$bench_jar:$bench_dir/target/lib/*" \
    nl.mailwijs.bench.DeliveryThroughput "$@" | tee -a "$out/java.log"
}
: >"$out/java.log"
result_field() { awk -v mode="$1" -v f="$2" '$1 == "RESULT" && $2 == mode { print $f }' "$out/java.log"; }

java_run send "$port" "$COUNT" "$CONNECTIONS"
java_run send "$port" "$COUNT" "$CONNECTIONS" dkim
# As many signing threads as delivery workers: the same CPU share on a machine others use too.
java_run sign "$COUNT" "$CONNECTIONS"
java_run sign "$COUNT" "$CONNECTIONS" native

plain_rate=$(result_field plain 5); plain_seconds=$(result_field plain 4); plain_lost=$(result_field plain 6)
dkim_rate=$(result_field dkim 5); dkim_seconds=$(result_field dkim 4); dkim_lost=$(result_field dkim 6)
sign_rate=$(result_field sign 5); sign_seconds=$(result_field sign 4)
native_rate=$(result_field sign-native 5); native_seconds=$(result_field sign-native 4)
native_provider=$(sed -n 's/^sign: .*(\(.*\) provider).*/\1/p' "$out/java.log" | tail -n 1)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t ? "PASS" : "FAIL") }'; }
ratio_plain=$(awk -v a="$plain_rate" -v b="$source_rate" 'BEGIN { printf "%.2f", a / b }')
ratio_dkim=$(awk -v a="$dkim_rate" -v b="$sign_rate" 'BEGIN { printf "%.2f", a / b }')
ratio_native=$(awk -v a="$dkim_rate" -v b="$native_rate" 'BEGIN { printf "%.2f", a / b }')
[ "$plain_lost" = 0 ] && plain_ok=$(verdict "$ratio_plain" 0.5) || plain_ok="FAIL ($plain_lost not sent)"
[ "$dkim_lost" = 0 ] && dkim_ok=$(verdict "$ratio_dkim" 0.6) || dkim_ok="FAIL ($dkim_lost not sent)"

echo
echo "=== delivery throughput: $COUNT messages, $CONNECTIONS connections, 127.0.0.1, $(nproc) cores ==="
printf '%-40s %10s s %10s msg/s\n' "smtp-source -> smtp-sink" "$source_seconds" "$source_rate"
printf '%-40s %10s s %10.0f msg/s\n' "Mailwijs build + send" "$plain_seconds" "$plain_rate"
printf '%-40s %10s s %10.0f msg/s\n' "Mailwijs build + DKIM RSA-2048 + send" "$dkim_seconds" "$dkim_rate"
printf '%-40s %10s s %10.0f sig/s\n' "pure RSA-2048 Signature.sign (JDK)" "$sign_seconds" "$sign_rate"
printf '%-40s %10s s %10.0f sig/s  (%s)\n' "the same as DkimSigning signs" "$native_seconds" "$native_rate" "$native_provider"
echo "without DKIM: $ratio_plain x smtp-source (target >= 0.5): $plain_ok"
echo "with DKIM:    $ratio_dkim x pure JDK signing (target >= 0.6): $dkim_ok"
echo "              $ratio_native x pure signing with the provider DkimSigning uses ($native_provider)"
echo "load average: $load_before before, $load_after after; CPU busy before the run: $busy_before"
