# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Is a rendered document in one language? English words in a zh_CN document, Chinese in an en one.

What may stay ASCII in a zh_CN document is fixed and short (ALLOWED: units, product and protocol
names, the few ids the reports print) plus the names of the run itself (hosts, subjects, systems,
facts: what the hospital and the devices call things) and text quoted verbatim from a device, which
the reports set in 「」. Everything else that looks like a word is reported.
"""

import html
import re
import string

from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_detail_catalogs

# Units, product and protocol names, file formats. Kept short on purpose: a word added here is a
# word a Chinese reader must know.
ALLOWED = frozenset('''
    B KiB MiB GiB TiB PiB kB KB MB GB TB ms s min h d W V A Hz RPM kW kVA VA C
    SNMP SNMPv1 SNMPv2c SNMPv3 SSH HTTP HTTPS TLS SSL TCP UDP IP IPv4 IPv6 ICMP DNS NTP NTPv3 NTPv4 SNTP Redfish IPMI
    BMC UPS CPU CPUs I/O IO RAID SSD HDD SAS SATA NVMe LUN SAN NAS PDU USB API REST CLI SQL URL JVM JDBC OID MIB
    PostgreSQL MySQL MariaDB InnoDB WAL GTID Tomcat Linux Debian Ubuntu CentOS SUSE SLES Kylin Oracle WebLogic nginx
    Windows systemd sysstat sadc sar journal cron Ansible AWX JSON XLSX PDF HTML Markdown CSV YAML
    OceanStor Storwize Huawei H3C Dell HP HPE IBM Sangfor Hillstone APC Comware VRP SecPath iDRAC iLO iBMC XCC
    HIS LIS PACS EMR RIS HRP
    P1 P2 P3 SLA VRRP OSPF PoE SFP BBU GPS MDisk inode SEL ACL DHCP VLAN QoS MTU GC CA UID LAN RMCP sshd PgBouncer
    pgstattuple sysObjectID Nginx XML JMX Python ipmitool UTC PEM SysV chrony ntpd Server
'''.split())

WORD = re.compile(r'[A-Za-z][A-Za-z0-9]*(?:[\'\u2019][a-z]+)?')
CJK = re.compile(r'[\u3400-\u9fff\uf900-\ufaff]')
QUOTED = re.compile(r'「[^」]*」')
TAGS = re.compile(r'<(script|style)\b.*?</\1>|<[^>]+>', re.S | re.I)


def html_text(document):
    """The visible text of an HTML document (tags, styles and scripts removed, entities decoded)."""
    return html.unescape(TAGS.sub(' ', document))


def run_names(run):
    """Every name the run itself carries: what the hospital and its devices call things."""
    names = set()

    def add(value):
        if isinstance(value, str) and value.strip():
            names.add(value.strip())
        elif isinstance(value, (list, tuple)):
            for entry in value:
                add(entry)
        elif isinstance(value, dict):
            for entry in value.values():
                add(entry)

    templates = load_detail_catalogs('zh_CN')
    meta = run.get('meta') or {}
    for key in ('hospital', 'vendor', 'contract', 'inspector', 'reviewer', 'period_label', 'run_label'):
        add(meta.get(key))
    add(run.get('run_id'))
    for inspection in run.get('inspections') or []:
        add(inspection.get('target'))
        add(inspection.get('system'))
        add(inspection.get('system_description'))
        add(inspection.get('facts'))
        # the databases the health report lists by size (metrics db.<name>.size_bytes) are names too
        add([key[3:-len('.size_bytes')] for key in inspection.get('metrics') or {} if key.startswith('db.') and key.endswith('.size_bytes')])
        for item in inspection.get('items') or []:
            add(item.get('subject'))
            add(item.get('id'))
            add(_plain_params(item, templates))
    return names


def _plain_params(item, templates):
    """The params a zh_CN template prints as they are ({x}, not {x!w} nor {x!q}): names by the
    contract of module_utils/inspection/said.py (hosts, paths, databases, interfaces)."""
    template = templates.get(item.get('detail_id'))
    params = item.get('params') or {}
    if not isinstance(template, str):
        return []
    try:
        fields = [(f, c) for _lit, f, _spec, c in string.Formatter().parse(template) if f]
    except ValueError:
        return []
    names = []
    for field, conversion in fields:
        value = params.get(field)
        if conversion is None and isinstance(value, str):
            names.append(value)
        elif isinstance(value, dict):      # a detail said inside this one, or a list of them
            for nested in value.get('said_list') or [value]:
                names += _plain_params(nested, templates)
    return names


# A token with a digit, a path or dotted separator, or an assignment is an identifier, an address,
# a path, a serial or a version (eth0, /var/log, linux.fs.used_pct, itops_system=, 10.77.0.21): a name.
IDENTIFIER = re.compile(r'[^\s\u3000-\u303f\uff00-\uffef\u3400-\u9fff]*[0-9/._:=@$\\<>#~+][^\s\u3000-\u303f\uff00-\uffef\u3400-\u9fff]*')


def _without(text, names):
    text = QUOTED.sub(' ', text)
    names = sorted((n for n in names if len(n) >= 2), key=len, reverse=True)
    if names:   # a name is removed where it stands alone, never from inside a word ('lis' in 'published')
        text = re.sub(r'(?<![A-Za-z0-9])(?:%s)(?![A-Za-z0-9])' % '|'.join(re.escape(n) for n in names), ' ', text)
    return IDENTIFIER.sub(' ', text)


def english_words(text, names=(), allowed=ALLOWED):
    """{word: count} of ASCII words in `text` that are neither allowed nor part of a name or of 「」."""
    found = {}
    for word in WORD.findall(_without(text, names)):
        if word in allowed or len(word) == 1:
            continue
        found[word] = found.get(word, 0) + 1
    return found


def chinese_outside_names(text, names=()):
    """The Chinese characters of `text` that are not part of a name."""
    return ''.join(CJK.findall(_without(text, names)))
