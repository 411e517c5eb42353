#!/bin/sh
# Planted condition: a failed systemd unit. Installs <unit>.service, a oneshot job that exits 1
# (a report sync that cannot reach its target), enabled so that it fails again after a reboot,
# and starts it once so that `systemctl --failed` lists it.
# env: PLANT_UNIT (unit name, with or without .service)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
require_env PLANT_UNIT
name=${PLANT_UNIT%.service}
case $name in
    '' | *[!A-Za-z0-9_.@-]*) die "PLANT_UNIT '$PLANT_UNIT' is not a valid unit name" ;;
esac
unit=$name.service

put_file "/etc/systemd/system/$unit" 644 root:root <<EOT
[Unit]
Description=$name: nightly report synchronisation (planted failure, medops lab)
After=network-online.target

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'echo "$name: cannot upload the daily report: remote archive unreachable" >&2; exit 1'

[Install]
WantedBy=multi-user.target
EOT
if [ "$FILE_CHANGED" = 1 ]; then
    systemctl daemon-reload
fi
ensure_enabled "$unit"

if systemctl is-failed --quiet "$unit" && [ "$FILE_CHANGED" = 0 ]; then
    say "$unit already failed"
else
    if systemctl start "$unit" 2>/dev/null; then
        die "$unit was expected to fail but succeeded"
    fi
    systemctl is-failed --quiet "$unit" || die "$unit did not end in the failed state"
    say "started $unit, which failed as planted"
fi
say "systemctl --failed: $(systemctl --failed --no-legend --plain | awk '{print $1}' | tr '\n' ' ')"
