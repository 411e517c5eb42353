#!/bin/sh
# Planted condition: an application log with recent errors. Adds ERROR lines (HL7 rejects, DB
# connection timeouts, ...) with timestamps spread over the last hour, interleaved with normal INFO
# lines, merged in time order into PLANT_PATH (the file keeps its inode, owner and mode, so the
# running application keeps appending to it); then logs 3 errors of the same application to
# journald with `logger -p user.err`.
# Idempotent: the file is left alone once it holds PLANT_COUNT ERROR lines, and the journal once
# it holds 3 error entries of that application from the last 2 hours.
# env: PLANT_PATH (log file), PLANT_COUNT (number of ERROR lines)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_env PLANT_PATH PLANT_COUNT
require_uint PLANT_COUNT "$PLANT_COUNT"
log=$PLANT_PATH
case $log in /*) ;; *) die "PLANT_PATH must be absolute, got $log" ;; esac
dir=$(dirname "$log")
# The application writing there (e.g. /var/log/emr -> emr-app), for the journal identifier.
app=$(basename "$dir")-app
if [ ! -d "$dir" ]; then
    ensure_dir "$dir" 755 root:root
fi
if [ ! -f "$log" ]; then
    install -m 640 -o "$(stat -c %U "$dir")" -g "$(stat -c %G "$dir")" /dev/null "$log"
    say "created $log"
fi

have=$(grep -c ' ERROR ' "$log" || true)
if [ "$have" -ge "$PLANT_COUNT" ]; then
    say "$log already has $have ERROR lines (>= $PLANT_COUNT)"
else
    need=$((PLANT_COUNT - have))
    now=$(date +%s)
    tmp=$(mktemp)
    trap 'rm -f "$tmp" "$tmp.sorted"' EXIT
    # Spread over the last 55 minutes, oldest first, ending a minute ago.
    k=0
    while [ "$k" -lt "$need" ]; do
        t=$((now - 3300 + (k * 3240 / need) ))
        id=$((48213 + k * 17))
        ts=$(date -d "@$t" '+%Y-%m-%d %H:%M:%S')
        ms=$(printf '%03d' $(( (k * 379) % 1000 )))
        case $((k % 5)) in
            0) msg="[hl7] HL7 message rejected: ADT^A08 MSH-10=MSG$id, PID-3 patient identifier not found (ack AR)" ;;
            1) msg="[pool] DB connection timeout after 30000 ms: ${app%-app}@pg-db-01:5432, pool exhausted (active=20 idle=0 waiting=7)" ;;
            2) msg="[sign] CA signature service call timed out after 10000 ms (document DOC-$id)" ;;
            3) msg="[document] save of progress note PN-$id rolled back: could not serialize access due to concurrent update" ;;
            4) msg="[http] POST /api/v1/records 500 Internal Server Error in 12034 ms (request $id)" ;;
        esac
        printf '%s,%s ERROR %s\n' "$ts" "$ms" "$msg" >>"$tmp"
        # Normal traffic around each error.
        ts2=$(date -d "@$((t - 40))" '+%Y-%m-%d %H:%M:%S')
        printf '%s,%s INFO  [http] GET /api/v1/records/recent 200 %d ms\n' "$ts2" "$ms" $((k % 9 + 14)) >>"$tmp"
        ts3=$(date -d "@$((t + 25))" '+%Y-%m-%d %H:%M:%S')
        printf '%s,%s INFO  [pool] connection pool %s@pg-db-01:5432 active=%d idle=%d max=20\n' \
            "$ts3" "$ms" "${app%-app}" $((k % 7 + 3)) $((17 - k % 7)) >>"$tmp"
        k=$((k + 1))
    done
    # Merge by timestamp; the file is rewritten in place (same inode) for the running application.
    cat "$log" >>"$tmp"
    LC_ALL=C sort -s -k1,2 "$tmp" >"$tmp.sorted"
    cat "$tmp.sorted" >"$log"
    say "added $need ERROR lines (last hour) to $log, now $(grep -c ' ERROR ' "$log") ERROR lines"
fi

# A few errors in the journal too, as the application's syslog output would give.
jcount=$(journalctl -q --no-pager -t "$app" -p err --since '-2h' -o cat 2>/dev/null | wc -l)
if [ "$jcount" -ge 3 ]; then
    say "journal already has $jcount error entries from $app"
else
    i=$jcount
    while [ "$i" -lt 3 ]; do
        case $i in
            0) logger -p user.err -t "$app" "DB connection timeout after 30000 ms: ${app%-app}@pg-db-01:5432" ;;
            1) logger -p user.err -t "$app" "HL7 message rejected: ADT^A08 PID-3 patient identifier not found" ;;
            2) logger -p user.err -t "$app" "CA signature service call timed out after 10000 ms" ;;
        esac
        i=$((i + 1))
    done
    say "logged $((3 - jcount)) error entries to journald as $app (priority err)"
fi
