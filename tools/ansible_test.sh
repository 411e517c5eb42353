#!/usr/bin/env bash
# Run ansible-test (sanity | units) without containers. ansible-test sanity --venv would download get-pip from a host that is not
# reachable here; a stand-in in ansible-test's cache uses ensurepip instead (LAB-RECIPES.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:?usage: ansible_test.sh sanity|units}
cache=~/.ansible/test/cache
mkdir -p "$cache"
for v in 24_2 24_3 25_0 25_1 25_2; do
  cat > "$cache/get_pip_$v.py" <<'PY'
# Stand-in for get-pip: this machine reaches PyPI through pip, not the get-pip download host.
import subprocess
import sys
args = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])
if args:
    subprocess.check_call([sys.executable, '-m', 'pip', 'install', '-q', '--upgrade'] + args)
PY
done
# ansible-test needs the real path .../ansible_collections/medops/itops (it resolves symlinks), so
# it runs in a fresh copy of the files git tracks or would track (untracked but not ignored).
# The copy lives outside the checkout: inside it, git would report every copied file as ignored.
copy="${TMPDIR:-/tmp}/medops-itops-ansible-test-$(echo "$root" | md5sum | cut -c1-8)/ansible_collections/medops/itops"
rm -rf "$copy" && mkdir -p "$copy"
cd "$root"
git ls-files -z --cached --others --exclude-standard \
  | rsync -a --from0 --files-from=- --ignore-missing-args "$root/" "$copy/"
cd "$copy"
case "$what" in
  sanity) exec "$root/.venv/bin/ansible-test" sanity --venv --python 3.11 --color no ;;
  units)  exec "$root/.venv/bin/ansible-test" units --local --python 3.11 --color no ;;
  *) echo "unknown: $what" >&2; exit 2 ;;
esac
