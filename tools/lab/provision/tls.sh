# shellcheck shell=sh
# Lab certificate authority helpers, sourced after lib.sh by middleware.sh and
# plant_cert_expiry.sh. The CA lives only on the host that uses it (no private key leaves it).
CA_DIR=/etc/ssl/medops-lab-ca
CA_KEY=$CA_DIR/private/ca.key
CA_CRT=$CA_DIR/ca.crt
ISSUED=$CA_DIR/issued

# ensure_ca HOSTNAME: a 10-year lab root CA, created once, trusted by the host's own tools.
ensure_ca() {
    ensure_dir "$CA_DIR" 755 root:root
    ensure_dir "$CA_DIR/private" 700 root:root
    ensure_dir "$ISSUED" 755 root:root
    if [ -s "$CA_KEY" ] && [ -s "$CA_CRT" ]; then
        say "lab CA exists: $(openssl x509 -in "$CA_CRT" -noout -subject)"
    else
        openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 3650 \
            -keyout "$CA_KEY" -out "$CA_CRT" \
            -subj "/C=CN/O=Medops Lab Hospital/OU=Information Center/CN=Medops Lab Root CA ($1)" \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
            2>/dev/null || die "cannot create the lab CA"
        chmod 600 "$CA_KEY"
        say "created lab CA $CA_CRT (valid 3650 days)"
    fi
    if ! cmp -s "$CA_CRT" /usr/local/share/ca-certificates/medops-lab-ca.crt; then
        cp "$CA_CRT" /usr/local/share/ca-certificates/medops-lab-ca.crt
        update-ca-certificates >/dev/null 2>&1 || die "update-ca-certificates failed"
        say "added the lab CA to the host's trusted certificates"
    fi
}

# issue_cert CRT DAYS: (re)issue the certificate at CRT from the CSR and extensions kept in
# $ISSUED/<name>.csr and .ext, valid DAYS days from now.
issue_cert() {
    _name=$(basename "$1" .crt)
    if [ ! -s "$ISSUED/$_name.csr" ] || [ ! -s "$ISSUED/$_name.ext" ]; then
        die "no CSR/extensions for $_name under $ISSUED (was it issued by middleware.sh?)"
    fi
    _tmp=$(mktemp "$1.tmp.XXXXXX")
    openssl x509 -req -sha256 -in "$ISSUED/$_name.csr" -CA "$CA_CRT" -CAkey "$CA_KEY" \
        -set_serial "0x$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" -days "$2" \
        -extfile "$ISSUED/$_name.ext" -out "$_tmp" 2>/dev/null \
        || { rm -f "$_tmp"; die "cannot issue $1"; }
    chmod 644 "$_tmp"
    mv -f "$_tmp" "$1"
    say "issued $1: $(openssl x509 -in "$1" -noout -subject -enddate | tr '\n' ' ')"
}

# cert_seconds_left CRT: seconds until notAfter (negative when expired).
cert_seconds_left() {
    _end=$(openssl x509 -in "$1" -noout -enddate | sed 's/^notAfter=//')
    echo $(( $(date -d "$_end" +%s) - $(date +%s) ))
}

# cert_matches CRT KEY: the certificate is for this key and signed by the lab CA (time ignored).
cert_matches() {
    [ -s "$1" ] && [ -s "$2" ] || return 1
    [ "$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null)" = "$(openssl pkey -in "$2" -pubout 2>/dev/null)" ] \
        || return 1
    openssl verify -no_check_time -CAfile "$CA_CRT" "$1" >/dev/null 2>&1
}
