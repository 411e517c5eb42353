#!/bin/sh
# Planted condition: a critical service is down. The unit stays enabled (it should be running)
# but is stopped, so `systemctl is-active` says inactive and `is-enabled` says enabled.
# env: PLANT_SERVICE (unit name, with or without .service)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
require_env PLANT_SERVICE
unit=${PLANT_SERVICE%.service}.service
unit_exists "$unit" || die "unit $unit does not exist on $(hostname)"

# Remembered so that a later app_services.sh run leaves the service stopped.
ensure_dir /var/lib/medops-lab/planted 755 root:root
marker=/var/lib/medops-lab/planted/stop_service-${unit%.service}
if [ ! -e "$marker" ]; then
    printf 'planted %s: %s stopped on purpose\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$unit" >"$marker"
    say "recorded $marker"
fi

ensure_enabled "$unit"
if systemctl is-active --quiet "$unit"; then
    systemctl stop "$unit" || die "cannot stop $unit"
    say "stopped $unit"
else
    say "$unit already stopped"
fi
# A clean stop leaves the unit inactive, not failed; clear a failed state to keep it that way.
if systemctl is-failed --quiet "$unit"; then
    systemctl reset-failed "$unit"
    say "cleared the failed state of $unit"
fi
say "$unit: $(systemctl is-enabled "$unit" 2>/dev/null || true), $(systemctl is-active "$unit" 2>/dev/null || true)"
