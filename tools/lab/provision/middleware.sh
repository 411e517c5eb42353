#!/bin/sh
# Middleware front end (mw-app-01): nginx serving HTTPS on 443 with a certificate for the host
# issued by a lab CA made here, `/health` answering JSON, `/` a page, HTTP on 80 redirecting to
# HTTPS. The certificate is issued once (365 days by default) and not renewed by later runs, so a
# planted expiry (plant_cert_expiry.sh) survives re-provisioning; it is re-issued only when it is
# missing, does not match its key or was not signed by the lab CA.
# env: LAB_HOST, LAB_ADDRESS, LAB_DOMAIN (default lab.hospital.test), LAB_CERT_DAYS (default 365)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"
# shellcheck source=tls.sh source-path=SCRIPTDIR
. "$here/tls.sh"

require_root
require_systemd
require_env LAB_HOST
LAB_ADDRESS=${LAB_ADDRESS:-}
domain=${LAB_DOMAIN:-lab.hospital.test}
days=${LAB_CERT_DAYS:-365}
require_uint LAB_CERT_DAYS "$days"
command -v nginx >/dev/null 2>&1 || die "nginx is not installed in the image"
host=$LAB_HOST
tls=/etc/nginx/tls
crt=$tls/$host.crt
key=$tls/$host.key
webroot=/var/www/medops-mw

ensure_ca "$host"
ensure_dir "$tls" 750 root:root

# Key and CSR (kept under the CA's issued/ directory for re-issuing).
if [ ! -s "$key" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null \
        || die "cannot create $key"
    chmod 600 "$key"
    say "created private key $key"
fi
san="DNS:$host,DNS:$host.$domain,DNS:localhost,IP:127.0.0.1"
[ -z "$LAB_ADDRESS" ] || san="$san,IP:$LAB_ADDRESS"
put_file "$ISSUED/$host.ext" 644 root:root <<EOT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $san
EOT
ext_changed=$FILE_CHANGED
if [ ! -s "$ISSUED/$host.csr" ] || [ "$ext_changed" = 1 ] \
    || [ "$(openssl req -in "$ISSUED/$host.csr" -noout -pubkey 2>/dev/null)" != "$(openssl pkey -in "$key" -pubout)" ]; then
    openssl req -new -key "$key" -out "$ISSUED/$host.csr" \
        -subj "/C=CN/O=Medops Lab Hospital/OU=Information Center/CN=$host" \
        || die "cannot create the CSR for $host"
    say "wrote CSR $ISSUED/$host.csr"
    ext_changed=1
fi
cert_changed=0
if [ "$ext_changed" = 1 ] || ! cert_matches "$crt" "$key"; then
    issue_cert "$crt" "$days"
    cert_changed=1
else
    say "certificate $crt kept ($(openssl x509 -in "$crt" -noout -enddate))"
fi

ensure_dir "$webroot" 755 root:root
put_file "$webroot/index.html" 644 root:root <<EOT
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>$host 中间件前置 / middleware front end</title></head>
<body>
<h1>$host</h1>
<p>医院信息系统 HTTPS 前置服务 (medops lab middleware front end).</p>
<p>Health: <a href="/health">/health</a></p>
</body>
</html>
EOT

put_file /etc/nginx/sites-available/medops-mw.conf 644 root:root <<EOT
# medops lab middleware front end (written by tools/lab/provision/middleware.sh)
server {
    listen 80 default_server;
    listen [::]:80 default_server;
    server_name $host $host.$domain;
    server_tokens off;
    return 301 https://\$host\$request_uri;
}

server {
    listen 443 ssl default_server;
    listen [::]:443 ssl default_server;
    server_name $host $host.$domain;

    ssl_certificate     $crt;
    ssl_certificate_key $key;
    ssl_protocols       TLSv1.2 TLSv1.3;
    ssl_session_cache   shared:MW_SSL:1m;
    server_tokens       off;

    root $webroot;
    index index.html;

    location = /health {
        default_type application/json;
        add_header Cache-Control no-store;
        return 200 '{"status":"UP","service":"mw-frontend","host":"$host","time":"\$time_iso8601"}';
    }

    location / {
        try_files \$uri \$uri/ =404;
    }
}
EOT
conf_changed=$FILE_CHANGED
if [ "$(readlink /etc/nginx/sites-enabled/medops-mw.conf 2>/dev/null || true)" != /etc/nginx/sites-available/medops-mw.conf ]; then
    ln -sfn /etc/nginx/sites-available/medops-mw.conf /etc/nginx/sites-enabled/medops-mw.conf
    say "enabled site medops-mw.conf"
    conf_changed=1
fi
if [ -e /etc/nginx/sites-enabled/default ] || [ -L /etc/nginx/sites-enabled/default ]; then
    rm -f /etc/nginx/sites-enabled/default
    say "disabled the default nginx site"
    conf_changed=1
fi

nginx -t -q || die "nginx configuration test failed"
ensure_enabled nginx.service
if systemctl is-active --quiet nginx.service; then
    if [ "$conf_changed" = 1 ] || [ "$cert_changed" = 1 ]; then
        systemctl reload nginx.service || die "cannot reload nginx"
        say "reloaded nginx"
    else
        say "nginx.service already active"
    fi
else
    ensure_started nginx.service
fi

wait_for curl -fsS --cacert "$CA_CRT" --resolve "$host:443:127.0.0.1" "https://$host/health" \
    || die "https://$host/health does not answer"
say "https://$host/health: $(curl -fsS --cacert "$CA_CRT" --resolve "$host:443:127.0.0.1" "https://$host/health")"
