#!/usr/bin/env bash
# Run `make <stage>` for each stage given, print the time each took, and fail if any failed.
# Every stage runs even after a failure, so that one red stage does not hide another.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
declare -a rows
failed=0
total_start=$(date +%s)
for stage in "$@"; do
  echo "===== stage: $stage ====="
  start=$(date +%s)
  if make --no-print-directory "$stage"; then result=passed; else result=FAILED; failed=$((failed + 1)); fi
  rows+=("$(printf '%-12s %-7s %5ss' "$stage" "$result" "$(( $(date +%s) - start ))")")
done
echo "===== stage times ====="
printf '%s\n' "${rows[@]}"
printf 'total        %ss\n' "$(( $(date +%s) - total_start ))"
passed=$(( $# - failed ))
echo "stages: $passed passed, $failed failed"
exit $(( failed > 0 ))
