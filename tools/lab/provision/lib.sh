# shellcheck shell=sh disable=SC2034 # FILE_CHANGED is read by the scripts that source this file
# Helpers shared by the provisioning and planting scripts. Sourced, never run.
# Every helper is idempotent: it changes the host only when the host differs from what is asked,
# and says what it did (or that nothing needed doing) on stdout.

PROG=${0##*/}

say() { printf '%s: %s\n' "$PROG" "$*"; }
die() { printf '%s: ERROR: %s\n' "$PROG" "$*" >&2; exit 1; }

require_root() {
    [ "$(id -u)" -eq 0 ] || die "must run as root inside the lab host"
}

require_systemd() {
    [ -d /run/systemd/system ] || die "systemd is not running (expected a systemd lab host)"
}

# require_env NAME...: fail when a variable is unset or empty.
require_env() {
    for _v in "$@"; do
        eval "_val=\${$_v:-}"
        [ -n "$_val" ] || die "environment variable $_v is required"
    done
}

# require_uint NAME VALUE: fail unless VALUE is a non-negative integer.
require_uint() {
    case $2 in
        '' | *[!0-9]*) die "$1 must be a non-negative integer, got '$2'" ;;
    esac
}

# put_file PATH MODE OWNER < CONTENT
# Writes CONTENT to PATH (atomically) only when it differs; fixes mode/owner when only they
# differ. Sets FILE_CHANGED=1 when anything changed, else 0. Always returns 0.
FILE_CHANGED=0
put_file() {
    _path=$1 _mode=$2 _owner=${3:-root:root}
    _dir=$(dirname -- "$_path")
    [ -d "$_dir" ] || mkdir -p -- "$_dir"
    _tmp=$(mktemp "$_path.tmp.XXXXXX") || die "cannot create a temporary file next to $_path"
    cat >"$_tmp"
    if [ -f "$_path" ] && cmp -s -- "$_tmp" "$_path"; then
        rm -f -- "$_tmp"
        FILE_CHANGED=0
        if [ "$(stat -c '%a %U:%G' -- "$_path")" != "$_mode $_owner" ]; then
            chmod "$_mode" -- "$_path"
            chown "$_owner" -- "$_path"
            FILE_CHANGED=1
            say "fixed mode/owner of $_path ($_mode $_owner)"
        fi
        return 0
    fi
    chmod "$_mode" -- "$_tmp"
    chown "$_owner" -- "$_tmp"
    mv -f -- "$_tmp" "$_path"
    FILE_CHANGED=1
    say "wrote $_path"
}

# ensure_dir PATH MODE OWNER
ensure_dir() {
    if [ ! -d "$1" ]; then
        mkdir -p -- "$1"
        say "created directory $1"
    fi
    if [ "$(stat -c '%a %U:%G' -- "$1")" != "$2 $3" ]; then
        chmod "$2" -- "$1"
        chown "$3" -- "$1"
        say "set $1 to $2 $3"
    fi
}

# ensure_system_user NAME HOME: a locked system account with its own group and no login shell.
ensure_system_user() {
    if id -u "$1" >/dev/null 2>&1; then
        return 0
    fi
    useradd --system --user-group --home-dir "$2" --no-create-home \
        --shell /usr/sbin/nologin --comment "$1 lab application" "$1" \
        || die "cannot create system user $1"
    say "created system user $1"
}

unit_exists() {
    # `systemctl cat` fails for units that have no unit file (also for unknown aliases).
    systemctl cat -- "$1" >/dev/null 2>&1
}

ensure_enabled() {
    if [ "$(systemctl is-enabled -- "$1" 2>/dev/null || true)" = enabled ]; then
        say "$1 already enabled"
    else
        systemctl enable --quiet -- "$1" || die "cannot enable $1"
        say "enabled $1"
    fi
}

ensure_started() {
    if systemctl is-active --quiet -- "$1"; then
        say "$1 already active"
    else
        if ! systemctl start -- "$1"; then
            systemctl status --no-pager --lines=20 -- "$1" >&2 || true
            die "cannot start $1"
        fi
        say "started $1"
    fi
}

ensure_restarted_if() {
    # ensure_restarted_if CHANGED UNIT: restart when CHANGED=1, otherwise only make sure it runs.
    if [ "$1" = 1 ]; then
        if ! systemctl restart -- "$2"; then
            systemctl status --no-pager --lines=20 -- "$2" >&2 || true
            die "cannot restart $2"
        fi
        say "restarted $2 (configuration changed)"
    else
        ensure_started "$2"
    fi
}

ensure_stopped_disabled() {
    unit_exists "$1" || return 0
    if systemctl is-active --quiet -- "$1"; then
        systemctl stop -- "$1" || die "cannot stop $1"
        say "stopped $1"
    fi
    case $(systemctl is-enabled -- "$1" 2>/dev/null || true) in
        enabled | enabled-runtime)
            systemctl disable --quiet -- "$1" || die "cannot disable $1"
            say "disabled $1"
            ;;
    esac
}

# wait_for CMD...: retry a readiness probe for up to 30 s.
wait_for() {
    _i=0
    until "$@" >/dev/null 2>&1; do
        _i=$((_i + 1))
        [ "$_i" -lt 60 ] || return 1
        sleep 0.5
    done
}
