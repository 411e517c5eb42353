#!/usr/bin/env bash
# Run every molecule scenario (molecule/<scenario>/) against the lab; fail if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
installed=~/.ansible/collections/ansible_collections/medops/itops
failed=0
for dir in molecule/*/; do
  scenario=$(basename "$dir")
  echo "--- molecule scenario: $scenario"
  .venv/bin/molecule test -s "$scenario" || failed=1
done
# Molecule installs the collection under test into ~/.ansible/collections; a copy left there
# would shadow the checkout for tools that search that path first (ansible-lint, ansible-doc).
if [ -d "$installed" ] && [ ! -L "$installed" ]; then rm -rf "$installed"; fi
exit "$failed"
