#!/usr/bin/env bash
# Install the Debian packages of bindep.txt that are missing. Uses bindep when the venv has it,
# else a plain dpkg check, so it also works before the venv exists.
set -euo pipefail
cd "$(dirname "$0")/.."
profiles=(lab test)
if [ -x .venv/bin/bindep ]; then
  missing=$(.venv/bin/bindep -b -f bindep.txt "${profiles[@]}" || true)
else
  missing=$(sed -e 's/#.*//' -e 's/\[.*//' bindep.txt | xargs -n1 | sort -u | while read -r p; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done)
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: $missing (run as root, or install them)" >&2
  exit 1
fi
echo "installing Debian packages: ${missing//$'\n'/ }"
export DEBIAN_FRONTEND=noninteractive
# Fresh machines have empty apt lists; an update is cheap compared to a failed install.
apt-get update -qq -o DPkg::Lock::Timeout=600
# shellcheck disable=SC2086
apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends $missing >/dev/null
