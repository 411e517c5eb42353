#!/usr/bin/env bash
# Integration test of medops.itops.linux_inspect: a real run against this machine
# (ansible_connection=local), then against the lab inventory group linux_servers when the lab is up.
set -eux
cd "$(dirname "$0")"
ROOT="$(cd ../../../.. && pwd)"
# Run from a checkout: use the lab's configuration (collections path, lab vault); ansible-test sets its own.
if [ -z "${ANSIBLE_CONFIG:-}" ] && [ -z "${ANSIBLE_TEST_REMOTE_INTERPRETER:-}" ] && [ -f "${ROOT}/tools/lab/ansible.cfg" ]; then
    export ANSIBLE_CONFIG="${ROOT}/tools/lab/ansible.cfg"
fi
[ -x "${ROOT}/.venv/bin/ansible-playbook" ] && ! command -v ansible-playbook >/dev/null && export PATH="${ROOT}/.venv/bin:${PATH}"

ansible-playbook -i localhost, -c local localhost.yml "$@"

LAB_INVENTORY="${MEDOPS_LAB_INVENTORY:-${ROOT}/inventories/lab}"
if [ -f "${LAB_INVENTORY}/hosts.yml" ] && ansible -i "${LAB_INVENTORY}" -m ansible.builtin.raw -a true \
        -o -T 5 'linux_servers[0]' >/dev/null 2>&1; then
    ansible-playbook -i "${LAB_INVENTORY}" lab.yml "$@"
else
    echo "lab not reachable: skipping the lab part"
fi
