#!/bin/sh
# Planted condition: a certificate close to expiry. Re-issues the certificate at PLANT_PATH
# (issued by middleware.sh from the lab CA) so that it expires PLANT_DAYS days from now, and
# reloads nginx so the served certificate is the same. Idempotent: a certificate that already
# expires within PLANT_DAYS days (and not earlier than PLANT_DAYS - 1 days) is left alone.
# env: PLANT_PATH (certificate file), PLANT_DAYS (days until expiry)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"
# shellcheck source=tls.sh source-path=SCRIPTDIR
. "$here/tls.sh"

require_root
require_env PLANT_PATH PLANT_DAYS
require_uint PLANT_DAYS "$PLANT_DAYS"
[ "$PLANT_DAYS" -ge 1 ] || die "PLANT_DAYS must be at least 1"
crt=$PLANT_PATH
[ -s "$crt" ] || die "$crt does not exist (run middleware.sh first)"
[ -s "$CA_KEY" ] || die "the lab CA key $CA_KEY is missing (run middleware.sh first)"

left=$(cert_seconds_left "$crt")
if [ "$left" -le $((PLANT_DAYS * 86400)) ] && [ "$left" -gt $(((PLANT_DAYS - 1) * 86400)) ]; then
    say "$crt already expires in $((left / 86400)) days $(( (left % 86400) / 3600 )) h ($(openssl x509 -in "$crt" -noout -enddate))"
    exit 0
fi
issue_cert "$crt" "$PLANT_DAYS"

if systemctl is-active --quiet nginx.service 2>/dev/null; then
    nginx -t -q || die "nginx configuration test failed"
    systemctl reload nginx.service || die "cannot reload nginx"
    say "reloaded nginx"
    name=$(basename "$crt" .crt)
    # The served certificate must be the new one (nginx reloads its workers asynchronously).
    want=$(openssl x509 -in "$crt" -noout -enddate)
    served() {
        [ "$(openssl s_client -connect 127.0.0.1:443 -servername "$name" </dev/null 2>/dev/null \
            | openssl x509 -noout -enddate 2>/dev/null)" = "$want" ]
    }
    wait_for served || die "nginx still serves the old certificate"
    say "nginx serves $crt: $want"
fi
