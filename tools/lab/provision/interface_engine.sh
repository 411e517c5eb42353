#!/bin/sh
# The interface engine (集成平台) on ie-app-01: `ie-engine.service`, a POSIX sh daemon that moves
# real messages for six hospital interfaces (HIS->LIS 检验申请, LIS->HIS 检验结果, HIS->PACS 检查申请,
# HIS->医保 医保结算, EMR->集成平台 病历归档, HIS->药房 处方发药) and records each one in
# `interface_messages` of the `ie` database on pg-db-01 (ie_database.sh) and in
# /var/log/ie/messages.log. One message in 37 of each interface fails (status error, an ERROR
# line). On start it back-fills three hours of history when an interface has none, so checks over
# the last hour have data at once. A stall planted by plant_interface_stall.sh (a marker with the
# time the stall began) makes that interface's messages stay `pending` (no acknowledgement).
# env: LAB_IE_APP_PASSWORD (default lab-ie-app-pass-01), LAB_DB_HOST (default 10.77.0.21)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
ie_pw=${LAB_IE_APP_PASSWORD:-lab-ie-app-pass-01}
db_host=${LAB_DB_HOST:-10.77.0.21}
command -v psql >/dev/null 2>&1 || die "psql is not installed in the image"
id ie-app >/dev/null 2>&1 || die "user ie-app is missing (app_services.sh makes it: list ie-app in services)"

ensure_dir /var/log/ie 755 ie-app:ie-app
[ -e /var/log/ie/messages.log ] || { : >/var/log/ie/messages.log; chown ie-app:ie-app /var/log/ie/messages.log; }
ensure_dir /usr/local/lib/hospital-apps 755 root:root

put_file /etc/default/ie-engine 600 root:root <<EOT
# written by tools/lab/provision/interface_engine.sh
IE_DB_HOST=$db_host
PGPASSWORD=$ie_pw
EOT
changed=$FILE_CHANGED

put_file /usr/local/lib/hospital-apps/ie-engine 755 root:root <<'EOT'
#!/bin/sh
# ie-engine: the lab's interface engine (see tools/lab/provision/interface_engine.sh).
set -u
LOG=/var/log/ie/messages.log
PLANTED=/var/lib/medops-lab/planted
TICK=10
# code|message type|period (s)|error text
IFACES='his_lis_order|OML^O21|20|AE: ORC-2 placer order number missing
lis_his_result|ORU^R01|20|AE: OBX-5 value not numeric for test GLU
his_pacs_order|ORM^O01|40|AR: PACS worklist rejected duplicate accession number
his_ybj_settle|YB2207|30|医保平台 returned 500: 结算单据号重复
emr_esb_archive|MDM^T02|60|CDA schema validation failed: section 出院小结 empty
his_pha_dispense|RDE^O11|30|AE: RXE-2 drug code not in 药品目录'

db() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$IE_DB_HOST" -U ie_app -d ie "$@"; }
stamp() { date '+%Y-%m-%d %H:%M:%S,000'; }
stall_since() { [ -f "$PLANTED/interface_stall-$1" ] && sed -n 's/^since=//p' "$PLANTED/interface_stall-$1"; }

# Back-fill three hours when an interface has no recent messages; apply planted stalls to the past.
prepare() {
    sql='DELETE FROM interface_messages WHERE created_at < now() - interval '"'"'7 days'"'"';'
    echo "$IFACES" | while IFS='|' read -r code _type _period _err; do
        since=$(stall_since "$code")
        cond=NULL
        [ -z "$since" ] || cond="to_timestamp($since)"
        printf '%s\n' "INSERT INTO interface_messages (interface, message_type, message_id, status, created_at, processed_at, error, size_bytes)
SELECT i.code, i.message_type, 'BF' || to_char(ts, 'YYYYMMDDHH24MISS') || i.code,
       CASE WHEN $cond IS NOT NULL AND ts >= $cond THEN 'pending' WHEN n % 37 = 0 THEN 'error' ELSE 'sent' END,
       ts, CASE WHEN $cond IS NOT NULL AND ts >= $cond THEN NULL ELSE ts + interval '45 milliseconds' END,
       CASE WHEN ($cond IS NULL OR ts < $cond) AND n % 37 = 0 THEN 'back-filled error' END, 900 + n % 400
FROM interfaces i, LATERAL (SELECT ts, row_number() OVER (ORDER BY ts) AS n
    FROM generate_series(now() - interval '3 hours', now() - interval '5 seconds', make_interval(secs => i.period_s)) AS ts) g
WHERE i.code = '$code' AND NOT EXISTS (SELECT 1 FROM interface_messages m WHERE m.interface = i.code
      AND m.created_at > now() - interval '3 hours');"
        [ -z "$since" ] || printf '%s\n' "UPDATE interface_messages SET status = 'pending', processed_at = NULL, error = NULL
WHERE interface = '$code' AND created_at >= $cond AND status <> 'pending';"
    done | { printf '%s\n' "$sql"; cat; } | db -f - >/dev/null
}

until prepare; do
    echo "ie-engine: database ie on $IE_DB_HOST not ready, retrying in 10 s" >&2
    sleep 10
done
echo "ie-engine: started, database ie on $IE_DB_HOST" >&2

t=0
seq=$(date +%s)
start=$seq
while :; do
    batch=
    lines=
    while IFS='|' read -r code type period err; do
        [ $((t % period)) -eq 0 ] || continue
        seq=$((seq + 1))
        id="MSG$seq"
        if [ -n "$(stall_since "$code")" ]; then
            batch="$batch INSERT INTO interface_messages (interface, message_type, message_id, status, size_bytes) VALUES ('$code', '$type', '$id', 'pending', 1024);"
            lines="$lines$(stamp) WARN  [$code] $type $id queued: no acknowledgement from the receiver
"
        elif [ $(((start + t) / period % 37)) -eq 0 ]; then
            # one message in 37 of each interface, by the clock: evenly spaced whatever restarts happen
            # (a shared counter clustered the failures of one interface after a restart: 3 in an hour = 5 %)
            batch="$batch INSERT INTO interface_messages (interface, message_type, message_id, status, processed_at, error, size_bytes) VALUES ('$code', '$type', '$id', 'error', now(), '$err', 1024);"
            lines="$lines$(stamp) ERROR [$code] $type $id failed: $err
"
        else
            batch="$batch INSERT INTO interface_messages (interface, message_type, message_id, status, processed_at, size_bytes) VALUES ('$code', '$type', '$id', 'sent', now() + interval '38 milliseconds', 1024);"
            lines="$lines$(stamp) INFO  [$code] $type $id sent, ack AA in 38 ms
"
        fi
    done <<EOF_IFACES
$IFACES
EOF_IFACES
    if [ -n "$batch" ]; then
        if echo "BEGIN; $batch COMMIT;" | db -f - >/dev/null; then
            printf '%s' "$lines" >>"$LOG"
        else
            echo "ie-engine: cannot write to database ie on $IE_DB_HOST; messages of this tick not recorded" >&2
        fi
    fi
    sleep "$TICK"
    t=$((t + TICK))
done
EOT
[ "$FILE_CHANGED" = 0 ] || changed=1

put_file /etc/systemd/system/ie-engine.service 644 root:root <<'EOT'
# written by tools/lab/provision/interface_engine.sh
[Unit]
Description=集成平台 interface engine (medops lab)
After=network-online.target ie-app.service

[Service]
User=ie-app
EnvironmentFile=/etc/default/ie-engine
ExecStart=/usr/local/lib/hospital-apps/ie-engine
Restart=always
RestartSec=5

[Install]
WantedBy=multi-user.target
EOT
if [ "$FILE_CHANGED" = 1 ]; then
    systemctl daemon-reload
    changed=1
fi
ensure_enabled ie-engine.service
ensure_restarted_if "$changed" ie-engine.service
sleep 1
systemctl is-active --quiet ie-engine.service || die "ie-engine.service did not stay up; see: journalctl -u ie-engine"
say "ie-engine.service active (messages: /var/log/ie/messages.log, table interface_messages in ie on $db_host)"
