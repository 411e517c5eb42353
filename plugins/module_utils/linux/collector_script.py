# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The POSIX sh collector that linux_inspect sends to a server in one round trip.

The script needs no Python on the target: only /bin/sh (dash, bash, busybox ash, ksh), the
coreutils or busybox applets and whatever tools the server happens to have. It prints one
section per check, `=== name ===` or `=== name argument ===`; a missing tool prints
`!!! missing <tool>` and a command that hangs is cut off by `timeout` (GNU or busybox, with a
watchdog fallback) and prints `!!! timeout <tool>`. It only reads: nothing is written on the
server (umask 077, no temporary files).

build_command() turns options into the one command line the action plugin executes; the same
function is used by tools/record_fixtures.py, so recorded fixtures come from the shipped script.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

try:
    from shlex import quote as _quote
except ImportError:  # pragma: no cover - Python 2 only
    from pipes import quote as _quote

COLLECTOR_VERSION = 1
MARKER = 'medops.itops linux collector'

# The library: functions only, no work. Variables MO_* are set by the prologue build_body() writes.
LIBRARY = r'''
LC_ALL=C; export LC_ALL
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH; export PATH
umask 077

sec() { echo "=== $* ==="; }
have() { command -v "$1" >/dev/null 2>&1; }
miss() { echo "!!! missing $1"; }
systemd_up() { [ -d /run/systemd/system ] && have systemctl; }

mo_probe_timeout() {
  MO_TMO=
  if have timeout; then
    if timeout -k 1 5 true >/dev/null 2>&1; then MO_TMO="timeout -k 2"
    elif timeout 5 true >/dev/null 2>&1; then MO_TMO="timeout"
    elif timeout -t 5 true >/dev/null 2>&1; then MO_TMO="timeout -t"
    fi
  fi
}

# bnd SECONDS command args...: run an external command, cut it off after SECONDS.
bnd() {
  _bs=$1; shift
  if [ -n "$MO_TMO" ]; then
    $MO_TMO "$_bs" "$@"; _brc=$?
    case $_brc in 124|137|143) echo "!!! timeout $1 after ${_bs}s";; esac
    return $_brc
  fi
  "$@" &
  _bp=$!
  ( sleep "$_bs"; kill -9 "$_bp" ) >/dev/null 2>&1 &
  _bw=$!
  wait "$_bp"; _brc=$?
  kill "$_bw" >/dev/null 2>&1
  [ "$_brc" -gt 128 ] && echo "!!! timeout $1 after ${_bs}s"
  return $_brc
}

mo_epoch() {
  _e=$(date +%s 2>/dev/null)
  case $_e in ''|*[!0-9]*) _e=$(awk 'BEGIN { srand(); print srand() }');; esac
  echo "$_e"
}

# mo_window MINUTES: set the cut-off strings the log scanner compares timestamps with.
mo_window() {
  _now=$(mo_epoch)
  _cut=$((_now - $1 * 60))
  _late=$((_now + 300))
  MO_CUT_ISO=$(date -d "@$_cut" '+%Y-%m-%d %H:%M:%S' 2>/dev/null)
  MO_CUT_SYS=$(date -d "@$_cut" '+%m %d %H:%M:%S' 2>/dev/null)
  MO_NOW_SYS=$(date -d "@$_late" '+%m %d %H:%M:%S' 2>/dev/null)
  export MO_CUT_ISO MO_CUT_SYS MO_NOW_SYS
}

# Reads log lines on stdin. MO_PAT: ERE matched case-insensitively; MO_EXCL: ERE of lines to skip;
# MO_FROMS=1 tallies "from <address>". Lines without a timestamp inherit the previous line's.
MO_SCAN='
BEGIN {
  pat = tolower(ENVIRON["MO_PAT"]); excl = tolower(ENVIRON["MO_EXCL"]); froms = ENVIRON["MO_FROMS"]
  ciso = ENVIRON["MO_CUT_ISO"]; csys = ENVIRON["MO_CUT_SYS"]; nsys = ENVIRON["MO_NOW_SYS"]
  split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", mn, " ")
  for (i = 1; i <= 12; i++) mon[mn[i]] = sprintf("%02d", i)
  state = 0; n = 0; stamped = 0; ma = 0; mw = 0
}
{
  n++
  if (match($0, /^[^0-9A-Za-z]?[0-9][0-9][0-9][0-9][-\/][0-9][0-9][-\/][0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]/)) {
    s = substr($0, RSTART + RLENGTH - 19, 19); gsub(/\//, "-", s); sub(/T/, " ", s)
    stamped++
    if (ciso != "") state = (s >= ciso) ? 1 : 0
  } else if (match($0, /^[A-Z][a-z][a-z] [ 0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]/) && (substr($0, 1, 3) in mon)) {
    d = substr($0, 5, 2); sub(/ /, "0", d); k = mon[substr($0, 1, 3)] " " d " " substr($0, 8, 8)
    stamped++
    if (csys != "") {
      if (csys <= nsys) state = (k >= csys && k <= nsys) ? 1 : 0
      else state = (k >= csys || k <= nsys) ? 1 : 0
    }
  }
  low = tolower($0)
  if (low !~ pat) next
  if (excl != "" && low ~ excl) next
  ma++; sa[ma % 5] = $0
  if (state == 1) {
    mw++; sw[mw % 5] = $0
    if (froms != "" && match($0, /from [0-9A-Fa-f.:]+/)) src[substr($0, RSTART + 5, RLENGTH - 5)]++
  }
}
END {
  print "lines=" n; print "stamped=" stamped
  if (stamped > 0 && (ciso != "" || csys != "")) { print "mode=window"; m = mw; for (i = m - 4; i <= m; i++) if (i >= 1) print "> " substr(sw[i % 5], 1, 300) }
  else { print "mode=tail"; m = ma; for (i = m - 4; i <= m; i++) if (i >= 1) print "> " substr(sa[i % 5], 1, 300) }
  print "matches=" m
  for (t = 0; t < 3; t++) {
    best = ""; bc = 0
    for (a in src) if (src[a] > bc) { best = a; bc = src[a] }
    if (best == "") break
    print "from=" best " " bc; delete src[best]
  }
}'

scan() { awk "$MO_SCAN"; echo "rc=$?"; }

sec_meta() {
  sec meta
  echo "collector_version=$MO_VERSION"
  echo "now_epoch=$(mo_epoch)"
  echo "now_local=$(date '+%Y-%m-%dT%H:%M:%S%z' 2>/dev/null)"
  echo "uid=$(id -u 2>/dev/null)"
  echo "shell=$(readlink /proc/$$/exe 2>/dev/null)"
  echo "timeout_tool=${MO_TMO:-none}"
  echo "sample_seconds=$MO_SAMPLE"
  if systemd_up; then echo "init=systemd"; else echo "init=other"; fi
}

sec_system() {
  sec os-release
  for f in /etc/os-release /usr/lib/os-release /etc/redhat-release /etc/centos-release /etc/SuSE-release \
           /etc/kylin-release /etc/neokylin-release /etc/lsb-release /etc/debian_version; do
    if [ -r "$f" ]; then echo "--- $f"; head -n 40 "$f"; fi
  done
  sec kernel
  echo "release=$(uname -r)"; echo "machine=$(uname -m)"; echo "uname=$(uname -a)"
  sec hostname
  echo "hostname=$(uname -n)"
  sec uptime
  cat /proc/uptime
  sec boot-id
  cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo "!!! unreadable boot_id"
  sec last-reboot
  if have who; then echo "--- who -b"; bnd "$MO_STEP" who -b 2>/dev/null; fi
  if have last; then echo "--- last -x reboot"; bnd "$MO_STEP" last -x reboot 2>/dev/null | head -n 3; fi
  have who || have last || miss who
  sec cpuinfo
  echo "online=$(getconf _NPROCESSORS_ONLN 2>/dev/null)"
  awk -F': *' '/^processor/ { n++ } /^model name/ && m == "" { m = $2 } END { print "processors=" n + 0; print "model=" m }' /proc/cpuinfo
  sec cpu-stat
  # A /proc/stat that lxcfs virtualises (LXC/LXD and other containers) can come back without its
  # cpu line for a moment: up to 5 reads over a second, then say what was read, not a bare "no sample".
  cpu_sample() {
    for _try in 1 2 3 4 5; do
      grep '^cpu ' /proc/stat 2>/dev/null && return
      sleep 0.2
    done
    echo "!!! unreadable /proc/stat had no cpu line in 5 reads (last read: $(head -c 120 /proc/stat 2>&1 | tr -c '[:print:]' ' '))"
  }
  cpu_sample
  sleep "$MO_SAMPLE"
  cpu_sample
  sec loadavg
  cat /proc/loadavg
  sec meminfo
  grep -E '^(MemTotal|MemFree|MemAvailable|Buffers|Cached|Shmem|SReclaimable|SwapTotal|SwapFree):' /proc/meminfo
  sec dmi
  for k in sys_vendor product_name product_serial chassis_type bios_version; do
    [ -r /sys/class/dmi/id/$k ] && echo "$k=$(cat /sys/class/dmi/id/$k 2>/dev/null)"
  done
  if [ "$(id -u 2>/dev/null)" = 0 ] && have dmidecode; then
    echo "dmidecode.product_serial=$(bnd "$MO_STEP" dmidecode -s system-serial-number 2>/dev/null | grep -v '^#' | head -n 1)"
  fi
  sec ip-addr
  if have ip; then bnd "$MO_STEP" ip -o addr show 2>/dev/null
  elif have ifconfig; then bnd "$MO_STEP" ifconfig -a 2>/dev/null
  else miss ip; fi
}

sec_storage() {
  sec df-k
  if have df; then bnd "$MO_STEP" df -P -k; echo "rc=$?"; else miss df; fi
  sec df-i
  if have df; then bnd "$MO_STEP" df -P -i; echo "rc=$?"; else miss df; fi
  sec mounts
  cat /proc/self/mountinfo 2>/dev/null || cat /proc/mounts
  sec net-dev
  cat /proc/net/dev
}

sec_time() {
  sec time-sync
  _tf=
  if have chronyc; then _tf=1; echo "--- chronyc tracking"; bnd "$MO_STEP" chronyc -n tracking 2>&1; fi
  if have ntpq; then _tf=1; echo "--- ntpq -pn"; bnd "$MO_STEP" ntpq -pn 2>&1; fi
  if have timedatectl && systemd_up; then
    _tf=1; echo "--- timedatectl"
    bnd "$MO_STEP" timedatectl show 2>/dev/null || bnd "$MO_STEP" timedatectl status 2>&1
  fi
  [ -n "$_tf" ] || miss chronyc
}

sec_units() {
  sec systemd-failed
  if systemd_up; then
    bnd "$MO_STEP" systemctl --failed --no-legend --plain --no-pager 2>/dev/null || bnd "$MO_STEP" systemctl --failed --no-legend --no-pager
  else
    miss systemd
  fi
}

# svc NAME [PROCESS-ERE]: systemd unit state, else SysV script status, plus matching processes.
svc() {
  sec "service $1"
  _sd=
  if systemd_up; then
    _u=$1
    case $_u in *.*) ;; *) _u=$_u.service;; esac
    _o=$(bnd "$MO_STEP" systemctl show -p LoadState -p ActiveState -p SubState -p UnitFileState "$_u" 2>&1)
    printf '%s\n' "$_o" | sed 's/^/systemd./'
    case $_o in *LoadState=loaded*) _sd=1;; esac
  fi
  if [ -z "$_sd" ]; then
    for d in /etc/init.d /etc/rc.d/init.d; do
      if [ -x "$d/$1" ]; then
        _o=$(bnd "$MO_STEP" "$d/$1" status 2>&1 </dev/null); _r=$?
        echo "sysv.rc=$_r"; printf '%s\n' "$_o" | head -n 3 | sed 's/^/sysv.out=/'
        break
      fi
    done
  fi
  if [ -n "$2" ]; then
    _c=$(ps -eo args 2>/dev/null | MO_P="$2" awk 'NR > 1 && index($0, ENVIRON["MO_M"]) == 0 && $0 ~ ENVIRON["MO_P"] { n++ }
      END { print n + 0 }')
    echo "proc.match=args"
  else
    _c=$(ps -eo comm 2>/dev/null | MO_P="$1" awk 'NR > 1 && $0 == substr(ENVIRON["MO_P"], 1, 15) { n++ } END { print n + 0 }')
    echo "proc.match=comm"
  fi
  echo "proc.count=$_c"
}

sec_processes() {
  sec processes
  _ps=$(ps -eo stat,pid,ppid,comm 2>/dev/null)
  if [ -n "$_ps" ]; then
    echo "source=ps"
    printf '%s\n' "$_ps" | awk 'NR > 1 { t++ }
      NR > 1 && $1 ~ /^Z/ { z++; if (z <= 10) print "zombie=" $2 " " $3 " " $4 }
      END { print "total=" t + 0; print "zombies=" z + 0 }'
  else
    echo "source=proc"
    cat /proc/[0-9]*/status 2>/dev/null | awk '/^State:/ { t++; if ($2 == "Z") z++ } END { print "total=" t + 0; print "zombies=" z + 0 }'
  fi
}

# logscan PATH PATTERN SINCE_MINUTES MAX_LINES
logscan() {
  sec "log $1"
  echo "since_minutes=$3"
  if [ ! -e "$1" ]; then echo "!!! unreadable no such file"; return; fi
  if [ -d "$1" ]; then echo "!!! unreadable is a directory"; return; fi
  if [ ! -r "$1" ]; then echo "!!! unreadable permission denied"; return; fi
  # Opening can block for ever (a FIFO without writer, a hung network filesystem): bound it.
  _lo=$(bnd "$MO_STEP" dd if="$1" of=/dev/null count=0 2>/dev/null)
  case $_lo in *'!!! timeout'*) echo "!!! timeout opening the log after ${MO_STEP}s"; return;; esac
  mo_window "$3"
  MO_PAT=$2; MO_EXCL=; MO_FROMS=; export MO_PAT MO_EXCL MO_FROMS
  tail -n "$4" "$1" 2>/dev/null | scan
}

sec_auth() {
  sec auth-failures
  echo "since_minutes=$MO_AUTH_MIN"
  mo_window "$MO_AUTH_MIN"
  MO_PAT='failed (password|publickey|keyboard-interactive|none) for|authentication failure|failed login|incorrect password attempt'
  MO_EXCL='pam_unix[(]sshd:auth[)]'
  MO_FROMS=1
  export MO_PAT MO_EXCL MO_FROMS
  for f in /var/log/secure /var/log/auth.log; do
    if [ -r "$f" ]; then echo "source=$f"; tail -n 200000 "$f" | scan; return; fi
  done
  if systemd_up && have journalctl && [ -n "$MO_CUT_ISO" ]; then
    echo "source=journal"
    bnd "$MO_STEP" journalctl --no-pager -q -o short --since "$MO_CUT_ISO" SYSLOG_FACILITY=4 SYSLOG_FACILITY=10 2>/dev/null | tail -n 200000 | scan
    return
  fi
  if [ -r /var/log/messages ]; then echo "source=/var/log/messages"; tail -n 200000 /var/log/messages | scan; return; fi
  echo "!!! unreadable no readable auth log (secure, auth.log, journal, messages)"
}

sec_privileged() {
  sec privileged
  awk -F: '$3 == 0 { print "uid0=" $1 }' /etc/passwd
  for g in wheel sudo admin; do grep "^$g:" /etc/group 2>/dev/null | sed 's/^/group=/'; done
  if [ -r /etc/sudoers ]; then
    cat /etc/sudoers /etc/sudoers.d/* 2>/dev/null | grep -E '^[^#%[:space:]][^[:space:]]*[[:space:]].*ALL' | grep -v '^Defaults' | awk '{ print "sudoers=" $1 }'
  elif [ -e /etc/sudoers ]; then
    echo "sudoers_unreadable=/etc/sudoers"
  fi
}

sec_listening() {
  sec listening
  if have ss; then
    echo "--- ss"; bnd "$MO_STEP" ss -ltnp 2>/dev/null || bnd "$MO_STEP" ss -ltn
  elif have netstat; then
    echo "--- netstat"; bnd "$MO_STEP" netstat -ltnp 2>/dev/null || bnd "$MO_STEP" netstat -ltn
  else
    echo "--- proc"; cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | awk '$4 == "0A" { print $2 }'
  fi
}

sec_updates() {
  sec updates
  if have apt-get; then
    echo "manager=apt"
    if ls /var/lib/apt/lists/ 2>/dev/null | grep -q '_Packages'; then
      _o=$(bnd "$MO_SLOW" apt-get -s -o Debug::NoLocking=1 upgrade 2>&1); echo "rc=$?"
      printf '%s\n' "$_o" | grep -E '^(Inst |!!! )' | head -n 2000
    else
      echo "!!! unknown no package lists in /var/lib/apt/lists"
    fi
  elif have yum || have dnf; then
    _y=yum; have yum || _y=dnf
    echo "manager=$_y"
    echo "--- check-update"
    _o=$(bnd "$MO_SLOW" $_y -C -q check-update 2>&1); echo "rc=$?"
    printf '%s\n' "$_o" | head -n 2000
    echo "--- updateinfo security"
    _o=$(bnd "$MO_SLOW" $_y -C -q updateinfo list security 2>&1); echo "rc=$?"
    printf '%s\n' "$_o" | head -n 2000
  elif have zypper; then
    echo "manager=zypper"
    echo "--- lu"
    _o=$(bnd "$MO_SLOW" zypper --non-interactive --no-refresh lu 2>&1); echo "rc=$?"
    printf '%s\n' "$_o" | head -n 2000
    echo "--- lp security"
    _o=$(bnd "$MO_SLOW" zypper --non-interactive --no-refresh lp -g security 2>&1); echo "rc=$?"
    printf '%s\n' "$_o" | head -n 2000
  else
    miss apt-get
  fi
}

sec_reboot() {
  sec reboot-required
  for f in /var/run/reboot-required /run/reboot-required /var/run/reboot-needed /run/reboot-needed; do
    if [ -e "$f" ]; then echo "flag=$f"; break; fi
  done
  [ -r /var/run/reboot-required.pkgs ] && head -n 20 /var/run/reboot-required.pkgs | sed 's/^/pkg=/'
  if have needs-restarting; then bnd "$MO_STEP" needs-restarting -r >/dev/null 2>&1; echo "needs_restarting_rc=$?"; fi
  if have rpm; then
    echo "running=$(uname -r)"
    echo "latest_kernel=$(bnd "$MO_STEP" rpm -q --last kernel 2>/dev/null | head -n 1 | awk '{ print $1 }')"
  fi
}

# sysstat history (sar data files) of the last MO_SA_HOURS: sadf -d of CPU, memory and disks, newest files last.
sec_sysstat() {
  sec sysstat
  echo "since_hours=$MO_SA_HOURS"
  if ! have sadf; then miss sadf; return; fi
  _sd=
  for d in /var/log/sa /var/log/sysstat; do if [ -d "$d" ]; then _sd=$d; break; fi; done
  if [ -z "$_sd" ]; then echo "!!! unknown no sysstat data directory (/var/log/sa, /var/log/sysstat)"; return; fi
  _days=$(( (MO_SA_HOURS + 23) / 24 + 1 ))
  _files=$(find "$_sd" -maxdepth 1 -type f -name 'sa[0-9]*' -mtime -"$_days" 2>/dev/null | sort | tail -n 32)
  if [ -z "$_files" ]; then
    echo "!!! unknown no sysstat data files in $_sd of the last $_days days: sadc is not collecting (ENABLED in /etc/default/sysstat, sysstat service)"
    return
  fi
  for f in $_files; do
    echo "--- $f"
    bnd "$MO_STEP" sadf -d "$f" -- -u 2>&1 | grep -v 'LINUX-RESTART' | tail -n 5000
    bnd "$MO_STEP" sadf -d "$f" -- -r 2>&1 | grep -v 'LINUX-RESTART' | tail -n 5000
    bnd "$MO_STEP" sadf -d "$f" -- -d -p 2>&1 | awk -F';' '/^#/ || ($4 !~ /^(loop|ram)/ && $5 + 0 > 0)' | tail -n 20000
  done
}

# certck PATH
certck() {
  sec "cert $1"
  if [ ! -e "$1" ]; then echo "!!! unreadable no such file"; return; fi
  if [ ! -r "$1" ]; then echo "!!! unreadable permission denied"; return; fi
  if have openssl; then bnd "$MO_STEP" openssl x509 -noout -enddate -subject -fingerprint -sha256 -in "$1" 2>&1; echo "rc=$?"; else miss openssl; fi
}
'''

MAIN_HEAD = r'''
mo_probe_timeout
MO_START=$(mo_epoch)
sec_meta
sec_system
sec_storage
'''

MAIN_TAIL = r'''
sec end
echo "elapsed=$(( $(mo_epoch) - MO_START ))"
'''

# The outer wrapper: run the body under `timeout` when the server has one (GNU timeout kills the
# body's whole process group), with stdin closed, and report the body's exit status last.
WRAPPER = r'''MO_BODY=%(body)s
MO_T=%(timeout)d
if command -v timeout >/dev/null 2>&1 && timeout -k 1 5 true >/dev/null 2>&1; then
  timeout -k 5 "$MO_T" /bin/sh -c "$MO_BODY" </dev/null
elif command -v timeout >/dev/null 2>&1 && timeout 5 true >/dev/null 2>&1; then
  timeout "$MO_T" /bin/sh -c "$MO_BODY" </dev/null
elif command -v timeout >/dev/null 2>&1 && timeout -t 5 true >/dev/null 2>&1; then
  timeout -t "$MO_T" /bin/sh -c "$MO_BODY" </dev/null
else
  /bin/sh -c "$MO_BODY" </dev/null
fi
MO_RC=$?
echo "=== wrapper ==="
echo "rc=$MO_RC"
'''


def quote(value):
    """Single-quote one shell word (shlex.quote); numbers become text first."""
    return _quote(str(value))


def build_body(options):
    """The collector script for normalised options (see options.normalize)."""
    timeout = int(options['timeout'])
    lines = [
        '# %s v%d -- POSIX sh, read-only' % (MARKER, COLLECTOR_VERSION),
        'MO_VERSION=%d' % COLLECTOR_VERSION,
        'MO_M=%s; export MO_M' % quote(MARKER),
        'MO_SAMPLE=%d' % int(options['sample_seconds']),
        'MO_STEP=%d' % max(3, timeout // 4),
        'MO_SLOW=%d' % max(5, timeout // 2),
        'MO_AUTH_MIN=%d' % int(options['auth_since_minutes']),
        'MO_SA_HOURS=%d' % int(options.get('sysstat_since_hours') or 744),
        LIBRARY,
        MAIN_HEAD,
    ]
    if options.get('ntp', True):
        lines.append('sec_time')
    lines.append('sec_units')
    for service in options.get('critical_services') or []:
        lines.append('svc %s %s' % (quote(service['name']), quote(service.get('process') or '')))
    lines.append('sec_processes')
    for log in options.get('logs') or []:
        lines.append('logscan %s %s %d %d' % (quote(log['path']), quote(log['pattern']),
                                              int(log['since_minutes']), int(log['max_lines'])))
    if options.get('auth', True):
        lines.append('sec_auth')
    lines.append('sec_privileged')
    lines.append('sec_listening')
    if options.get('updates', True):
        lines.append('sec_updates')
    lines.append('sec_reboot')
    if options.get('sysstat'):
        lines.append('sec_sysstat')
    for path in options.get('certificates') or []:
        lines.append('certck %s' % quote(path))
    lines.append(MAIN_TAIL)
    return '\n'.join(lines)


def build_command(options):
    """The single command line executed on the server (by /bin/sh -c, as `raw` does)."""
    return WRAPPER % {'body': quote(build_body(options)), 'timeout': int(options['timeout'])}
