#!/bin/sh
# The interface engine's database on pg-db-01 (after postgresql.sh): role ie_app, database `ie`
# owned by it with the tables `interfaces` (the six hospital interfaces) and `interface_messages`
# (every message the engine on ie-app-01 handles: interface_engine.sh), readable by itops_monitor
# so that the inspection's user-defined SQL checks can measure each interface.
# env: LAB_IE_APP_PASSWORD (default lab-ie-app-pass-01)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
ie_pw=${LAB_IE_APP_PASSWORD:-lab-ie-app-pass-01}
command -v psql >/dev/null 2>&1 || die "psql is not installed"
wait_for pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not accept connections (run postgresql.sh first)"

psql_su() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"; }
query() { psql_su -At -d "${2:-postgres}" -c "$1"; }

if [ "$(query "SELECT 1 FROM pg_roles WHERE rolname = 'ie_app'")" != 1 ]; then
    printf 'CREATE ROLE ie_app LOGIN PASSWORD :%s;\n' "'pw'" | psql_su -d postgres -v pw="$ie_pw"
    say "created role ie_app"
elif ! PGPASSWORD=$ie_pw psql -X -q -h 127.0.0.1 -U ie_app -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
    printf 'ALTER ROLE ie_app LOGIN PASSWORD :%s;\n' "'pw'" | psql_su -d postgres -v pw="$ie_pw"
    say "reset the password of role ie_app"
else
    say "role ie_app logs in with its password"
fi
if [ "$(query "SELECT 1 FROM pg_database WHERE datname = 'ie'")" != 1 ]; then
    query "CREATE DATABASE ie OWNER ie_app ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0" >/dev/null
    say "created database ie"
fi

# Idempotent DDL, run as the owner; the monitor user may read, nothing more.
psql_su -d ie -c 'SET ROLE ie_app' -f - <<'EOSQL'
SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS interfaces (
    code        text PRIMARY KEY,
    name        text NOT NULL UNIQUE,           -- what the hospital calls it (the check subject)
    sender      text NOT NULL,
    receiver    text NOT NULL,
    protocol    text NOT NULL,
    message_type text NOT NULL,
    period_s    integer NOT NULL                -- one message about every period_s seconds
);
INSERT INTO interfaces (code, name, sender, receiver, protocol, message_type, period_s) VALUES
    ('his_lis_order',    'HIS->LIS 检验申请',     'HIS', 'LIS',      'HL7 v2',     'OML^O21',   20),
    ('lis_his_result',   'LIS->HIS 检验结果',     'LIS', 'HIS',      'HL7 v2',     'ORU^R01',   20),
    ('his_pacs_order',   'HIS->PACS 检查申请',    'HIS', 'PACS',     'HL7 v2',     'ORM^O01',   40),
    ('his_ybj_settle',   'HIS->医保 医保结算',    'HIS', '医保平台', 'HTTPS JSON', 'YB2207',    30),
    ('emr_esb_archive',  'EMR->集成平台 病历归档', 'EMR', '集成平台', 'HL7 CDA',    'MDM^T02',   60),
    ('his_pha_dispense', 'HIS->药房 处方发药',     'HIS', '药房',     'HL7 v2',     'RDE^O11',   30)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, sender = EXCLUDED.sender, receiver = EXCLUDED.receiver,
    protocol = EXCLUDED.protocol, message_type = EXCLUDED.message_type, period_s = EXCLUDED.period_s;
CREATE TABLE IF NOT EXISTS interface_messages (
    id            bigserial PRIMARY KEY,
    interface     text NOT NULL REFERENCES interfaces (code),
    message_type  text NOT NULL,
    message_id    text NOT NULL,
    status        text NOT NULL CHECK (status IN ('pending', 'sent', 'error')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz,
    error         text,
    size_bytes    integer
);
CREATE INDEX IF NOT EXISTS interface_messages_if_created ON interface_messages (interface, created_at);
CREATE INDEX IF NOT EXISTS interface_messages_pending ON interface_messages (interface) WHERE status = 'pending';
GRANT SELECT ON interfaces, interface_messages TO itops_monitor;
EOSQL
if [ "$(query "SELECT has_database_privilege('itops_monitor', 'ie', 'CONNECT')")" != t ]; then
    die "itops_monitor cannot connect to ie"
fi
say "database ie ready: $(query 'SELECT count(*) FROM interfaces' ie) interfaces, $(query 'SELECT count(*) FROM interface_messages' ie) messages"
