#!/bin/sh
# Runs first on EVERY lab server: installs the hospital applications named in LAB_SERVICES as
# real systemd services, enables and starts the distribution services named there, and stops and
# disables the database / web servers the image carries but this host does not run.
#
# env: LAB_HOST (name), LAB_ADDRESS (the host's lab address), LAB_SERVICES (space separated).
# POSIX sh only and no Python: it must work on the Python-less host (fin-app-01).
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
require_env LAB_HOST LAB_SERVICES
LAB_ADDRESS=${LAB_ADDRESS:-0.0.0.0}
command -v socat >/dev/null 2>&1 || die "socat is missing from the image (the applications serve HTTP with it)"

RUNTIME=/usr/local/lib/hospital-apps
PLANTED=/var/lib/medops-lab/planted
DISTRO_SERVICES='ssh cron postgresql mariadb nginx tomcat10'

# app_profile NAME: sets APP_PORT APP_VERSION APP_TITLE APP_SHORT for a hospital application.
app_profile() {
    APP_SHORT=${1%-app}
    case $1 in
        his-app) APP_PORT=8080 APP_VERSION=5.2.1 APP_TITLE='HIS 医院信息系统 application' ;;
        lis-app) APP_PORT=8090 APP_VERSION=3.8.0 APP_TITLE='LIS 检验信息系统 application' ;;
        pacs-app) APP_PORT=8042 APP_VERSION=4.1.2 APP_TITLE='PACS 影像归档与通信系统 application' ;;
        emr-app) APP_PORT=8081 APP_VERSION=6.0.4 APP_TITLE='EMR 电子病历系统 application' ;;
        ie-app) APP_PORT=8088 APP_VERSION=2.4.7 APP_TITLE='集成平台 interface engine' ;;
        fin-app) APP_PORT=8080 APP_VERSION=1.9.3 APP_TITLE='财务系统 finance application' ;;
        *) APP_PORT=8080 APP_VERSION=1.0.0 APP_TITLE="$1 hospital application" ;;
    esac
}

runtime_changed=0
install_runtime() {
    for f in appd http-handler; do
        put_file "$RUNTIME/$f" 755 root:root <"$here/apps/$f"
        [ "$FILE_CHANGED" = 0 ] || runtime_changed=1
    done
}

# install_app NAME: user, log directory, environment file and unit; enabled and started.
install_app() {
    app=$1
    case $app in
        *[!a-z0-9-]* | -*) die "application name '$app' must be lower-case letters, digits and '-'" ;;
    esac
    app_profile "$app"
    logdir=/var/log/$APP_SHORT
    ensure_system_user "$app" "/var/lib/$app"
    ensure_dir "/var/lib/$app" 750 "$app:$app"
    ensure_dir "$logdir" 750 "$app:$app"
    if [ ! -e "$logdir/app.log" ]; then
        install -m 640 -o "$app" -g "$app" /dev/null "$logdir/app.log"
        say "created $logdir/app.log"
    fi
    # PACS keeps its image archive on the host's /data filesystem when there is one.
    if [ "$APP_SHORT" = pacs ] && [ -d /data ]; then
        ensure_dir /data/pacs 750 "$app:$app"
    fi

    changed=0
    put_file "/etc/default/$app" 644 root:root <<EOF
# $APP_TITLE (medops lab); read by $app.service
APP_NAME=$app
APP_VERSION=$APP_VERSION
APP_BIND=$LAB_ADDRESS
APP_PORT=$APP_PORT
APP_LOG=$logdir/app.log
APP_INTERVAL=30
EOF
    [ "$FILE_CHANGED" = 0 ] || changed=1
    put_file "/etc/systemd/system/$app.service" 644 root:root <<EOF
[Unit]
Description=$APP_TITLE
Documentation=file:///lab/provision/README.md
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=$app
Group=$app
EnvironmentFile=/etc/default/$app
WorkingDirectory=/var/lib/$app
ExecStart=$RUNTIME/appd
Restart=on-failure
RestartSec=5
SyslogIdentifier=$app

[Install]
WantedBy=multi-user.target
EOF
    [ "$FILE_CHANGED" = 0 ] || changed=1
    [ "$changed" = 0 ] || systemctl daemon-reload
    ensure_enabled "$app.service"
    if [ -e "$PLANTED/stop_service-$app" ]; then
        say "$app.service left as it is: planted condition stop_service (see $PLANTED)"
    elif [ "$changed" = 1 ] || [ "$runtime_changed" = 1 ]; then
        ensure_restarted_if 1 "$app.service"
    else
        ensure_started "$app.service"
    fi
    # A daemon that dies right after start would otherwise pass unnoticed.
    if [ ! -e "$PLANTED/stop_service-$app" ]; then
        sleep 1.5
        systemctl is-active --quiet "$app.service" \
            || die "$app.service did not stay up; see: journalctl -u $app.service"
    fi
}

# Check the names first so that a typo changes nothing on the host.
for name in $LAB_SERVICES; do
    case " $DISTRO_SERVICES " in
        *" $name "*) unit_exists "$name.service" \
            || die "$name is listed in services but $name.service is not installed in the image" ;;
    esac
done

say "host $LAB_HOST ($LAB_ADDRESS): services $LAB_SERVICES"
install_runtime

for name in $LAB_SERVICES; do
    case " $DISTRO_SERVICES " in
        *" $name "*)
            ensure_enabled "$name.service"
            if [ -e "$PLANTED/stop_service-$name" ]; then
                say "$name.service left as it is: planted condition stop_service"
            else
                ensure_started "$name.service"
            fi
            ;;
        *) install_app "$name" ;;
    esac
done

# The image carries every server package; a host runs only the ones it is declared with.
for name in postgresql mariadb nginx tomcat10; do
    case " $LAB_SERVICES " in
        *" $name "*) ;;
        *) ensure_stopped_disabled "$name.service" ;;
    esac
done
# Socket activation would hold port 3306 on every address; my-db-01 runs mariadb.service itself.
ensure_stopped_disabled mariadb.socket

say "done"
