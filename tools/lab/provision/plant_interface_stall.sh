#!/bin/sh
# Stall one interface of the engine (interface_engine.sh): its receiver stops acknowledging, so
# its messages stay `pending` from `MINUTES` ago on (the engine rewrites its history from then,
# as if the stall had begun then). Records /var/lib/medops-lab/planted/interface_stall-<code>
# with the start time once; later runs keep it (the stall only grows older).
# env: PLANT_INTERFACE (the interface code, e.g. his_ybj_settle), PLANT_MINUTES (default 90)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
require_env PLANT_INTERFACE
minutes=${PLANT_MINUTES:-90}
require_uint PLANT_MINUTES "$minutes"
case $PLANT_INTERFACE in
    *[!a-z0-9_]*) die "PLANT_INTERFACE must be an interface code (letters, digits, _), got '$PLANT_INTERFACE'" ;;
esac
grep -q "^$PLANT_INTERFACE|" /usr/local/lib/hospital-apps/ie-engine 2>/dev/null \
    || die "interface $PLANT_INTERFACE is not one of the engine's (run interface_engine.sh first)"
marker=/var/lib/medops-lab/planted/interface_stall-$PLANT_INTERFACE
if [ -s "$marker" ]; then
    say "interface $PLANT_INTERFACE already stalled since $(sed -n 's/^since=//p' "$marker" | xargs -I{} date -d @{} '+%F %T')"
    exit 0
fi
ensure_dir /var/lib/medops-lab/planted 755 root:root
printf 'since=%s\n' "$(($(date +%s) - minutes * 60))" >"$marker"
systemctl restart ie-engine.service || die "cannot restart ie-engine"
say "interface $PLANT_INTERFACE stalled since $minutes minutes ago (messages stay pending)"
