#!/bin/sh
# Planted condition: a filling filesystem. Writes image-archive files onto the filesystem mounted
# at PLANT_MOUNT until `df` shows at least PLANT_PERCENT % used (and well below 100 %).
# Refuses the root filesystem and any filesystem larger than 4 GiB: in a container those are the
# machine's own disk. The lab mounts a small tmpfs for this (e.g. pacs-app-01:/data, 64 MiB).
# env: PLANT_MOUNT (mount point), PLANT_PERCENT (1-99)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_env PLANT_MOUNT PLANT_PERCENT
require_uint PLANT_PERCENT "$PLANT_PERCENT"
if [ "$PLANT_PERCENT" -lt 1 ] || [ "$PLANT_PERCENT" -gt 99 ]; then
    die "PLANT_PERCENT must be 1-99, got $PLANT_PERCENT"
fi
mnt=$PLANT_MOUNT
[ -d "$mnt" ] || die "$mnt does not exist"
mountpoint -q "$mnt" || die "$mnt is not a mount point (the lab must mount a small filesystem there)"
[ "$(stat -c %d /)" != "$(stat -c %d "$mnt")" ] || die "$mnt is the root filesystem; refusing to fill it"

# df_bytes: sets size used avail (bytes) and pct (df's rounding: ceil(used / (used + avail))).
df_bytes() {
    _df=$(df -P -B1 "$mnt" | awk 'NR == 2 {print $2, $3, $4}')
    size=${_df%% *} avail=${_df##* }
    used=${_df#* }
    used=${used%% *}
    pct=$(( (used * 100 + used + avail - 1) / (used + avail) ))
}
df_bytes
[ "$size" -le 4294967296 ] || die "$mnt is $size bytes; refusing to fill a filesystem larger than 4 GiB"

if [ "$pct" -ge "$PLANT_PERCENT" ]; then
    say "$mnt already ${pct}% used (>= $PLANT_PERCENT %); nothing to do"
    exit 0
fi

# Aim at PLANT_PERCENT + 0.5 % of the usable space (used + available).
target=$(( (used + avail) * (2 * PLANT_PERCENT + 1) / 200 ))
need=$(( target - used ))
if [ -d "$mnt/pacs" ]; then dir=$mnt/pacs/archive; else dir=$mnt/archive; fi
owner=$(stat -c %U:%G "$(dirname "$dir")")
ensure_dir "$dir" 750 "$owner"

# Studies of 4 MiB (a CT series), named by DICOM study instance UID; the last one takes the rest.
chunk=4194304
n=$(find "$dir" -maxdepth 1 -name '*.dcm' | wc -l)
while [ "$need" -gt 0 ]; do
    n=$((n + 1))
    bytes=$chunk
    [ "$need" -ge "$bytes" ] || bytes=$need
    f=$dir/1.2.156.112605.14038.$(printf '%06d' "$n").dcm
    head -c "$bytes" /dev/zero >"$f" || die "cannot write $f"
    chown "$owner" "$f"
    need=$((need - bytes))
done
sync
df_bytes
[ "$pct" -ge "$PLANT_PERCENT" ] || die "$mnt is only ${pct}% used after filling"
say "filled $mnt to ${pct}% used ($used of $size bytes) with files in $dir"
