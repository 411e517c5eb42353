#!/usr/bin/env bash
# Run every molecule scenario (molecule/<scenario>/) against the lab; fail if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
failed=0
for dir in molecule/*/; do
  scenario=$(basename "$dir")
  echo "--- molecule scenario: $scenario"
  .venv/bin/molecule test -s "$scenario" || failed=1
done
exit "$failed"
