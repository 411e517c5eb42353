# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filesystems (df -P -k, df -P -i, /proc/mounts) and network interface counters (/proc/net/dev).

Formats: POSIX df -P ("Filesystem 1024-blocks Used Available Capacity Mounted on"; GNU and
busybox print one line per filesystem, older tools and some NFS/LVM device names wrap onto a
second line, which is joined here), proc(5) /proc/mounts and /proc/net/dev.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import missing_reason, to_int

# Filesystems that hold no user data, or that are full or read-only by design.
PSEUDO_FSTYPES = frozenset((
    'proc', 'sysfs', 'devtmpfs', 'devpts', 'tmpfs', 'ramfs', 'cgroup', 'cgroup2', 'securityfs', 'pstore',
    'debugfs', 'tracefs', 'configfs', 'fusectl', 'mqueue', 'hugetlbfs', 'autofs', 'binfmt_misc', 'bpf',
    'nsfs', 'rpc_pipefs', 'nfsd', 'selinuxfs', 'efivarfs', 'fuse.lxcfs', 'fuse.gvfsd-fuse', 'fuse.portal',
    'squashfs', 'iso9660', 'udf', 'overlay', 'aufs', 'shm', 'none', 'rootfs', 'usbfs', 'sockfs', 'pipefs',
))
# Mount points of other containers' storage and sandboxes: never the server's own data.
PSEUDO_PREFIXES = ('/proc', '/sys', '/dev', '/run', '/var/run', '/snap/', '/var/lib/docker/',
                   '/var/lib/containers/', '/var/lib/kubelet/', '/var/lib/lxcfs')


def _unescape(path):
    """/proc/mounts escapes space, tab, newline and backslash as octal."""
    for code, char in (('\\040', ' '), ('\\011', '\t'), ('\\012', '\n'), ('\\134', '\\')):
        path = path.replace(code, char)
    return path


def parse_mounts(section):
    """{mount point: (device, fstype, options list)}; later mounts over the same point win.

    Reads /proc/self/mountinfo (proc(5): ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE
    SOURCE SUPEROPTIONS) or, on kernels without it, /proc/mounts. From mountinfo, bind mounts of a
    directory or file (ROOT other than /) are left out, except btrfs subvolumes (SUSE mounts / from
    /@/.snapshots/N/snapshot).
    """
    mounts = {}
    for line in section.lines if section else []:
        fields = line.split()
        if ' - ' in line and len(fields) >= 10 and fields[0].isdigit():
            sep = fields.index('-', 6)
            if len(fields) < sep + 3:
                continue
            fstype, device = fields[sep + 1], fields[sep + 2]
            root, options = _unescape(fields[3]), fields[5].split(',') + fields[sep + 3].split(',')[:1]
            if root != '/' and fstype != 'btrfs':
                mounts.pop(_unescape(fields[4]), None)
                continue
            mounts[_unescape(fields[4])] = (device, fstype, options)
        elif len(fields) >= 4:
            mounts[_unescape(fields[1])] = (fields[0], fields[2], fields[3].split(','))
    return mounts


def is_real(mount, device, fstype):
    if fstype is not None:
        if fstype == 'overlay' and mount == '/':
            return True  # a container's root filesystem
        if fstype in PSEUDO_FSTYPES:
            return False
    elif not (device.startswith('/') or ':' in device):
        return False
    if mount != '/' and any(mount == p.rstrip('/') or mount.startswith(p.rstrip('/') + '/') for p in PSEUDO_PREFIXES):
        return False
    return True


def _is_num(text):
    return text.isdigit() or text == '-'


def _number(text):
    return None if text in ('-', '') else to_int(text)


def parse_df(section):
    """Rows of df -P output as dicts {device, total, used, avail, mount}; wrapped lines joined."""
    rows = []
    pending = ''
    for line in section.lines if section else []:
        if line.startswith('Filesystem') or line.startswith('rc=') or not line.strip():
            continue
        fields = (pending + ' ' + line).split() if pending else line.split()
        index = None
        for i in range(1, len(fields) - 4):
            capacity = fields[i + 3]
            if all(_is_num(f) for f in fields[i:i + 3]) and (capacity == '-' or capacity.endswith('%') and capacity[:-1].isdigit()):
                index = i
                break
        if index is None:
            # a long device name alone on its line: the numbers follow on the next one
            pending = line.strip() if len(line.split()) == 1 and not pending else ''
            continue
        pending = ''
        rows.append({'device': ' '.join(fields[:index]), 'total': _number(fields[index]),
                     'used': _number(fields[index + 1]), 'avail': _number(fields[index + 2]),
                     'mount': ' '.join(fields[index + 4:])})
    return rows


def _select(rows, mounts):
    """Real filesystems only, one row per filesystem (bind mounts of the same device dropped)."""
    selected = {}
    for row in rows:
        mount = row['mount']
        if mounts and mount not in mounts:
            continue  # a bind mount, or gone since df ran
        device, fstype, _opts = mounts.get(mount, (row['device'], None, []))
        if not is_real(mount, row['device'], fstype):
            continue
        key = (row['device'], row['total'])
        if ':' not in row['device'] and key in selected and len(selected[key]['mount']) <= len(mount):
            continue
        selected[key] = dict(row, fstype=fstype)
    return sorted(selected.values(), key=lambda r: r['mount'])


def parse_filesystems(sections, overrides=None, readonly_ok=None):
    found = Findings()
    mounts_section = sections.get('mounts')
    mounts = parse_mounts(mounts_section)
    df_section = sections.get('df-k')
    rows = _select(parse_df(df_section), mounts)
    usable = [r for r in rows if r['total'] and r['used'] is not None and r['avail'] is not None]
    if not usable:
        found.items.append(unknown_item('linux.fs.used_pct', None, missing_reason(df_section, 'df -P -k')))
    for row in usable:
        mount = row['mount']
        size, used, avail = row['total'] * 1024, row['used'] * 1024, row['avail'] * 1024
        # df's own Capacity: used / (used + available), so root-reserved blocks count as full
        used_pct = round(100.0 * used / (used + avail), 1) if used + avail else 0.0
        found.metrics['fs.%s.used_pct' % mount] = used_pct
        found.metrics['fs.%s.size_bytes' % mount] = size
        found.metrics['fs.%s.used_bytes' % mount] = used
        if row['fstype']:
            detail = said('linux.fs.used', '{used} used of {size}, {free} free ({device}, {fstype!q})',
                          used=format_bytes(used), size=format_bytes(size), free=format_bytes(avail),
                          device=row['device'], fstype=row['fstype'])
        else:
            detail = said('linux.fs.used_type_unknown', '{used} used of {size}, {free} free ({device}, type unknown)',
                          used=format_bytes(used), size=format_bytes(size), free=format_bytes(avail), device=row['device'])
        found.items.append(evaluate('linux.fs.used_pct', used_pct, subject=mount, overrides=overrides, unit='%', detail=detail))

    inode_section = sections.get('df-i')
    inode_rows = _select(parse_df(inode_section), mounts)
    wanted = set(r['mount'] for r in usable)
    counted = 0
    for row in inode_rows:
        if row['mount'] not in wanted or not row['total'] or row['used'] is None:
            continue  # btrfs, vfat, NFS without inode accounting report 0 or '-'
        counted += 1
        inode_pct = round(100.0 * row['used'] / row['total'], 1)
        found.metrics['fs.%s.inodes_used_pct' % row['mount']] = inode_pct
        found.items.append(evaluate('linux.fs.inodes_used_pct', inode_pct, subject=row['mount'], overrides=overrides,
                                    unit='%', detail=said('linux.fs.inodes_used', '{used:d} of {total:d} inodes used',
                                                          used=row['used'], total=row['total'])))
    if not counted and usable:
        found.items.append(unknown_item('linux.fs.inodes_used_pct', None, missing_reason(inode_section, 'df -P -i')))

    found.items.extend(readonly_items(mounts, mounts_section, readonly_ok))
    return found


def readonly_items(mounts, section, readonly_ok=None):
    readonly_ok = set(readonly_ok or [])
    if not mounts:
        return [unknown_item('linux.fs.readonly', None, missing_reason(section, '/proc/mounts'))]
    items = []
    for mount in sorted(mounts):
        device, fstype, options = mounts[mount]
        if not is_real(mount, device, fstype):
            continue
        readonly = 'ro' in options
        if readonly and mount not in readonly_ok:
            items.append(make_item('linux.fs.readonly', subject=mount, value='ro', status='critical',
                                   detail=said('linux.fs.readonly_unexpected', '{device} ({fstype!q}) is mounted read-only: usually remounted after I/O errors',
                                               device=device, fstype=fstype)))
        elif readonly:
            items.append(make_item('linux.fs.readonly', subject=mount, value='ro', status='ok',
                                   detail=said('linux.fs.readonly_as_configured', '{device} ({fstype!q}) mounted read-only as configured',
                                               device=device, fstype=fstype)))
        else:
            items.append(make_item('linux.fs.readonly', subject=mount, value='rw', status='ok',
                                   detail=said('linux.fs.readwrite', '{device} ({fstype!q}) mounted read-write', device=device, fstype=fstype)))
    return items


def parse_nics(sections, overrides=None):
    """Error counters per interface since boot (receive + transmit errs)."""
    found = Findings()
    section = sections.get('net-dev')
    seen = 0
    for line in section.lines if section else []:
        if ':' not in line or '|' in line:
            continue
        name, counters = line.split(':', 1)
        name = name.strip()
        values = [to_int(v) for v in counters.split()]
        if len(values) < 16 or None in values:
            continue
        seen += 1
        if name == 'lo' or name.startswith('veth') or (values[1] == 0 and values[9] == 0):
            continue
        errors = values[2] + values[10]
        found.items.append(evaluate('linux.nic.errors', errors, subject=name, overrides=overrides,
                                    detail=said('linux.nic.counters', 'rx errs {rx_errs:d} drop {rx_drop:d} frame {rx_frame:d}, '
                                                'tx errs {tx_errs:d} drop {tx_drop:d} carrier {tx_carrier:d} since boot',
                                                rx_errs=values[2], rx_drop=values[3], rx_frame=values[5],
                                                tx_errs=values[10], tx_drop=values[11], tx_carrier=values[14])))
    if not seen:
        found.items.append(unknown_item('linux.nic.errors', None, missing_reason(section, '/proc/net/dev')))
    return found
