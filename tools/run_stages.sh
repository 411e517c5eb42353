#!/usr/bin/env bash
# Run `make <stage>` for each stage given, print the time each took, and fail if any failed.
# Every stage runs even after a failure, so that one red stage does not hide another.
# Each stage's output is also kept in .build/stages/<stage>.log, and the end of a failed stage's
# output is printed again just above the stage times: CI keeps only the head and the tail of a
# long log, and the reason of a failure in the middle stage would otherwise be lost.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
logs=.build/stages
mkdir -p "$logs"
declare -a rows failed_stages
failed=0
total_start=$(date +%s)
for stage in "$@"; do
  echo "===== stage: $stage ====="
  start=$(date +%s)
  if make --no-print-directory "$stage" 2>&1 | tee "$logs/$stage.log"; then
    result=passed
  else
    result=FAILED; failed=$((failed + 1)); failed_stages+=("$stage")
  fi
  rows+=("$(printf '%-12s %-7s %5ss' "$stage" "$result" "$(( $(date +%s) - start ))")")
done
for stage in "${failed_stages[@]}"; do
  echo "===== end of the output of the failed stage $stage (whole: $logs/$stage.log) ====="
  grep -v -e '^WARNING: Location ' "$logs/$stage.log" | tail -n 25
done
echo "===== stage times ====="
printf '%s\n' "${rows[@]}"
printf 'total        %ss\n' "$(( $(date +%s) - total_start ))"
passed=$(( $# - failed ))
echo "stages: $passed passed, $failed failed"
exit $(( failed > 0 ))
