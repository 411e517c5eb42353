#!/bin/sh
# Middleware front end (mw-app-01): nginx serving HTTPS on 443 with a certificate for the host
# issued by a lab CA made here, `/health` answering JSON, `/` a page, HTTP on 80 redirecting to
# HTTPS. The certificate is issued once (365 days by default) and not renewed by later runs, so a
# planted expiry (plant_cert_expiry.sh) survives re-provisioning; it is re-issued only when it is
# missing, does not match its key or was not signed by the lab CA.
# Behind it, when tomcat10 is installed: Tomcat 10 on 127.0.0.1:8080 with the manager app (status
# and JMX proxy for a monitor user with the manager-status and manager-jmx roles, proxied read-only
# at /manager/status and /manager/jmxproxy) and the HIS web app /app/ (tomcat/HisServlet.java, a
# JNDI DataSource jdbc/his: a DBCP2 pool of at most 10 connections to `his` on pg-db-01).
# env: LAB_HOST, LAB_ADDRESS, LAB_DOMAIN (default lab.hospital.test), LAB_CERT_DAYS (default 365),
#      LAB_TOMCAT_MONITOR_PASSWORD (default lab-tomcat-monitor-01), LAB_DB_HOST (default 10.77.0.21),
#      LAB_DB_APP_PASSWORD (his_app, default lab-his-app-pass-01)
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

tomcat_changed=0
if unit_exists tomcat10.service; then
    # --- Tomcat 10 (Debian tomcat10 + tomcat10-admin) behind the front end ---
    tomcat_pw=${LAB_TOMCAT_MONITOR_PASSWORD:-lab-tomcat-monitor-01}
    db_host=${LAB_DB_HOST:-10.77.0.21}
    db_pw=${LAB_DB_APP_PASSWORD:-lab-his-app-pass-01}
    tconf=/etc/tomcat10
    app=/var/lib/tomcat10/webapps/app
    # A bounded heap, as a hospital sizes it (the JVM's default would be a quarter of the host).
    put_file /etc/default/tomcat10 644 root:root <<EOT
# written by tools/lab/provision/middleware.sh
JAVA_OPTS="-Djava.awt.headless=true -Xms64m -Xmx256m -XX:+UseSerialGC"
EOT
    [ "$FILE_CHANGED" = 0 ] || tomcat_changed=1
    # The monitor user reads the status and the JMX proxy; nothing else.
    put_file "$tconf/tomcat-users.xml" 640 root:tomcat <<EOT
<?xml version="1.0" encoding="UTF-8"?>
<!-- written by tools/lab/provision/middleware.sh: the inspection's read-only monitor user -->
<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
  <role rolename="manager-status"/>
  <role rolename="manager-jmx"/>
  <user username="itops_monitor" password="$tomcat_pw" roles="manager-status,manager-jmx"/>
</tomcat-users>
EOT
    [ "$FILE_CHANGED" = 0 ] || tomcat_changed=1
    # Only the loopback connector: the front end is the way in.
    if grep -q '<Connector port="8080" protocol="HTTP/1.1"$' "$tconf/server.xml"; then
        sed -i 's|<Connector port="8080" protocol="HTTP/1.1"$|<Connector port="8080" protocol="HTTP/1.1" address="127.0.0.1"|' "$tconf/server.xml"
        say "Tomcat HTTP connector bound to 127.0.0.1:8080"
        tomcat_changed=1
    fi
    jdbc=/usr/share/java/postgresql.jar
    [ -f "$jdbc" ] || die "the PostgreSQL JDBC driver ($jdbc, libpostgresql-jdbc-java) is not installed"
    if [ "$(readlink /var/lib/tomcat10/lib/postgresql.jar 2>/dev/null || true)" != "$jdbc" ]; then
        ln -sfn "$jdbc" /var/lib/tomcat10/lib/postgresql.jar
        say "linked the PostgreSQL JDBC driver into Tomcat's lib"
        tomcat_changed=1
    fi
    ensure_dir "$app" 755 root:root
    ensure_dir "$app/META-INF" 755 root:root
    ensure_dir "$app/WEB-INF/classes" 755 root:root
    put_file "$app/META-INF/context.xml" 640 root:tomcat <<EOT
<?xml version="1.0" encoding="UTF-8"?>
<!-- written by tools/lab/provision/middleware.sh: the HIS web app's connection pool -->
<Context>
  <Resource name="jdbc/his" auth="Container" type="javax.sql.DataSource"
            driverClassName="org.postgresql.Driver" url="jdbc:postgresql://$db_host:5432/his"
            username="his_app" password="$db_pw"
            initialSize="2" maxTotal="10" maxIdle="4" minIdle="1" maxWaitMillis="5000"
            validationQuery="SELECT 1" testOnBorrow="true"/>
</Context>
EOT
    [ "$FILE_CHANGED" = 0 ] || tomcat_changed=1
    put_file "$app/WEB-INF/web.xml" 644 root:root <<EOT
<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="false">
  <display-name>HIS web (medops lab)</display-name>
  <resource-ref>
    <res-ref-name>jdbc/his</res-ref-name>
    <res-type>javax.sql.DataSource</res-type>
    <res-auth>Container</res-auth>
  </resource-ref>
</web-app>
EOT
    [ "$FILE_CHANGED" = 0 ] || tomcat_changed=1
    put_file "$app/WEB-INF/HisServlet.java" 644 root:root <"$here/tomcat/HisServlet.java"
    if [ "$FILE_CHANGED" = 1 ] || [ ! -s "$app/WEB-INF/classes/HisServlet.class" ]; then
        # The image has a JRE (no javac binary); its jdk.compiler module compiles the servlet.
        java "$here/tomcat/Javac.java" -nowarn -cp /usr/share/java/tomcat10-servlet-api.jar \
            -d "$app/WEB-INF/classes" "$app/WEB-INF/HisServlet.java" || die "cannot compile HisServlet.java"
        say "compiled the HIS web app servlet"
        tomcat_changed=1
    fi
    ensure_enabled tomcat10.service
    ensure_restarted_if "$tomcat_changed" tomcat10.service
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

    # Tomcat 10 behind the front end: the HIS web app, and the manager's read-only views
    # (the manager allows 127.0.0.1 only; the JMX proxy's set/invoke operations are refused here).
    location /app/ {
        proxy_pass http://127.0.0.1:8080/app/;
        proxy_set_header X-Forwarded-Proto https;
        proxy_read_timeout 150s;
    }
    location = /manager/status {
        proxy_pass http://127.0.0.1:8080;
    }
    location = /manager/jmxproxy {
        if (\$arg_set) { return 403; }
        if (\$arg_invoke) { return 403; }
        proxy_pass http://127.0.0.1:8080;
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
if unit_exists tomcat10.service; then
    wait_for curl -fsS --cacert "$CA_CRT" --resolve "$host:443:127.0.0.1" "https://$host/app/" \
        || die "https://$host/app/ (Tomcat HIS web app) does not answer"
    say "https://$host/app/: $(curl -fsS --cacert "$CA_CRT" --resolve "$host:443:127.0.0.1" "https://$host/app/")"
    curl -fsS -o /dev/null -u "itops_monitor:$tomcat_pw" --cacert "$CA_CRT" --resolve "$host:443:127.0.0.1" \
        "https://$host/manager/status?XML=true" || die "the Tomcat manager status does not answer the monitor user"
    say "https://$host/manager/status?XML=true answers the monitor user"
fi
