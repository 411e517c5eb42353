#!/usr/bin/env bash
# After `make demo`: say where the newest reports are and what they hold.
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${ITOPS_REPORTS_DIR:-reports}
# The newest run directory (run ids sort by time).
latest=$(find "$reports" -mindepth 1 -maxdepth 1 -type d -name '2*' 2>/dev/null | sort | tail -n 1)
[ -n "$latest" ] && latest="$latest/"
if [ -z "$latest" ]; then
  echo "no reports were written under $reports/ (see the playbook output above)" >&2
  exit 1
fi
echo
echo "The simulated hospital was inspected. Reports of this run:"
for f in "$latest"*; do
  printf '  %-28s %s\n' "$(basename "$f")" "$(du -h "$f" | cut -f1)"
done
cat <<EOT

  巡检记录单 (inspection record):          ${latest}inspection_record.html / .xlsx
  系统健康检查与性能分析报告 (health report): ${latest}health_report.html / .md
  Machine-readable run record:            ${latest}run.json

Open the HTML files in any browser (they work offline). Re-render in English:
  .venv/bin/python tools/report/itops-report render $(basename "$latest") --language en --out /tmp/report-en
The lab keeps running: \`make lab-status\` shows it, \`make lab-down\` removes it.
EOT
