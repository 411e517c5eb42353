# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Outputs WRITTEN to documented formats of systems the lab cannot run: CentOS 6/7, SLES 12, Kylin V10."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.tests.unit.plugins.module_utils.linux.linux_fixtures import items_by, one, run_fixture


def test_centos7_facts():
    inspection, info, warnings = run_fixture('written/centos7.txt')
    assert warnings == [] and info['complete']
    facts = inspection['facts']
    assert (facts['os_name'], facts['os_version'], facts['kernel']) == ('CentOS Linux', '7', '3.10.0-1160.el7.x86_64')
    assert (facts['manufacturer'], facts['model'], facts['serial']) == ('Inspur', 'NF5280M5', '218263372')
    assert facts['cpu_count'] == 16 and facts['memory_total_bytes'] == 65808744 * 1024
    assert facts['ip_addresses'] == ['172.16.10.21']
    assert facts['last_reboot'] == '2025-08-17 07:58'
    assert facts['time_sync'] == 'ntpd' and facts['time_source'] == '10.10.1.1'
    assert facts['listening_ports'] == [22, 111, 3389, 8080]   # 25 is loopback only
    assert facts['privileged_accounts'] == ['opsadmin', 'oracle', 'root', 'toor', 'zhangsan']


def test_centos7_capacity():
    inspection, _info, _w = run_fixture('written/centos7.txt')
    # the wrapped LVM line is joined with its numbers
    arch = one(inspection, 'linux.fs.used_pct', '/u01/archivelog')
    assert arch['value'] == 93.5 and arch['status'] == 'critical'
    assert '/dev/mapper/vg_oradata-lv_oradata_archivelog_primary' in arch['detail']
    assert one(inspection, 'linux.fs.used_pct', '/home')['status'] == 'warning'
    assert one(inspection, 'linux.fs.used_pct', '/backup')['status'] == 'ok'            # NFS is kept
    assert not items_by(inspection, 'linux.fs.used_pct', '/dev/shm')                      # tmpfs is not
    assert one(inspection, 'linux.fs.inodes_used_pct', '/u01/archivelog')['status'] == 'critical'
    assert one(inspection, 'linux.fs.readonly', '/home')['status'] == 'critical'
    assert one(inspection, 'linux.fs.readonly', '/')['status'] == 'ok'
    assert not items_by(inspection, 'linux.fs.readonly', '/mnt/cdrom')                    # iso9660 is ro by design
    metrics = inspection['metrics']
    assert metrics['fs./u01/archivelog.size_bytes'] == 524032000 * 1024
    assert metrics['fs./u01/archivelog.used_bytes'] == 490016000 * 1024
    cpu = one(inspection, 'linux.cpu.util_pct')
    assert cpu['value'] == round(100.0 * (940 + 160 + 10) / (940 + 160 + 1400 + 400 + 10), 1)
    mem = one(inspection, 'linux.mem.used_pct')
    assert mem['value'] == round(100.0 * (65808744 - 5980120) / 65808744, 1) and mem['status'] == 'warning'
    assert one(inspection, 'linux.swap.used_pct')['status'] == 'warning'
    assert one(inspection, 'linux.load.per_core')['value'] == round(2.84 / 16, 2)
    assert one(inspection, 'linux.uptime.days')['value'] == 465.0
    assert one(inspection, 'linux.uptime.days')['status'] == 'warning'


def test_centos7_services_ports_time():
    inspection, _info, _w = run_fixture('written/centos7.txt')
    nic = one(inspection, 'linux.nic.errors', 'ens192')
    assert nic['value'] == 15 and nic['status'] == 'warning'
    assert not items_by(inspection, 'linux.nic.errors', 'lo') and not items_by(inspection, 'linux.nic.errors', 'ens224')
    offset = one(inspection, 'linux.time.offset_ms')
    assert offset['value'] == 152.318 and offset['status'] == 'warning' and offset['unit'] == 'ms'
    assert one(inspection, 'linux.time.synced')['status'] == 'ok'
    assert one(inspection, 'linux.unit.failed', 'kdump.service')['status'] == 'warning'
    assert one(inspection, 'linux.service.active', 'sshd')['status'] == 'ok'
    his = one(inspection, 'linux.service.active', 'his-app')          # no unit: command line + port
    assert his['status'] == 'ok' and 'port 8080 listening' in his['detail']
    ora = one(inspection, 'linux.service.active', 'oracle-listener')   # SysV status exit 3
    assert ora['status'] == 'critical' and ora['fault'] is True and 'exit 3' in ora['detail']
    assert one(inspection, 'linux.ports.missing')['value'] == [1521]
    assert one(inspection, 'linux.ports.missing')['status'] == 'critical'
    unexpected = one(inspection, 'linux.ports.unexpected')
    assert unexpected['value'] == [111, 3389] and unexpected['status'] == 'warning'
    assert '3389 (xrdp)' in unexpected['detail']
    assert one(inspection, 'linux.zombies')['value'] == 1


def test_centos7_security():
    inspection, _info, _w = run_fixture('written/centos7.txt')
    app = one(inspection, 'linux.log.errors', '/opt/his/logs/app.log')
    assert app['value'] == 134 and app['status'] == 'critical'
    detail = app['detail']
    for secret in ('Hx9!2026', '110105198806151234', '13812345678', 'eyJhbGciOiJIUzI1NiJ9', '7f3a9c', 'S3cr3t', 'Pa55', '62345678'):
        assert secret not in detail, secret
    assert '[ID-REDACTED]' in detail and '[PHONE-REDACTED]' in detail and 'password=***' in detail
    messages = one(inspection, 'linux.log.errors', '/var/log/messages')
    assert messages['value'] == 2 and messages['status'] == 'warning'
    auth = one(inspection, 'linux.auth.failures')
    assert auth['subject'] == '/var/log/secure' and auth['value'] == 412 and auth['status'] == 'critical'
    assert '61.177.172.140 (388)' in auth['detail']
    priv = one(inspection, 'linux.accounts.privileged')
    assert priv['status'] == 'warning' and 'not expected: toor, oracle, zhangsan' in priv['detail']
    assert one(inspection, 'linux.updates.pending')['value'] == 4      # wrapped name counted once, obsoletes not
    security = one(inspection, 'linux.updates.security')
    assert security['value'] == 2 and security['status'] == 'warning'
    reboot = one(inspection, 'linux.reboot.required')
    assert reboot['value'] is True and reboot['status'] == 'warning'
    cert = one(inspection, 'linux.cert.days_left', '/etc/pki/tls/certs/his.crt')
    assert cert['value'] == 46 and cert['status'] == 'ok' and cert['unit'] == 'd'
    expired = one(inspection, 'linux.cert.days_left', '/etc/pki/tls/certs/expired.crt')
    assert expired['value'] == -5 and expired['status'] == 'critical' and 'EXPIRED' in expired['detail']
    garbage = one(inspection, 'linux.cert.days_left', '/etc/pki/tls/certs/garbage.crt')
    assert garbage['status'] == 'unknown' and 'unable to load certificate' in garbage['detail']


def test_sles12():
    inspection, _info, _w = run_fixture('written/sles12.txt')
    facts = inspection['facts']
    assert (facts['os_name'], facts['os_version']) == ('SLES', '12.5')
    # btrfs subvolumes of one device: one filesystem, reported at /
    assert [i['subject'] for i in items_by(inspection, 'linux.fs.used_pct')] == ['/', '/home']
    assert one(inspection, 'linux.fs.used_pct', '/')['status'] == 'warning'
    # btrfs reports no inode numbers: only /home has an inode item
    assert [i['subject'] for i in items_by(inspection, 'linux.fs.inodes_used_pct')] == ['/home']
    assert sorted(i['subject'] for i in items_by(inspection, 'linux.fs.readonly')) == ['/', '/.snapshots', '/home', '/var/log']
    synced = one(inspection, 'linux.time.synced')
    assert synced['value'] is False and synced['status'] == 'warning'
    assert one(inspection, 'linux.time.offset_ms')['status'] == 'unknown'
    assert one(inspection, 'linux.unit.failed')['status'] == 'ok' and one(inspection, 'linux.unit.failed')['value'] == 0
    mq = one(inspection, 'linux.service.active', 'his-mq')
    assert mq['status'] == 'critical' and 'systemd failed/failed' in mq['detail']
    log = one(inspection, 'linux.log.errors', '/var/log/his-mq/mq.log')
    assert log['status'] == 'unknown' and 'permission denied' in log['detail']
    assert one(inspection, 'linux.auth.failures')['subject'] == 'journal'
    assert one(inspection, 'linux.ports.missing')['value'] == [5672]
    assert one(inspection, 'linux.updates.pending')['value'] == 3
    assert one(inspection, 'linux.updates.security')['value'] == 2
    reboot = one(inspection, 'linux.reboot.required')
    assert reboot['value'] is True and '/var/run/reboot-needed' in reboot['detail']
    assert one(inspection, 'linux.load.per_core')['status'] == 'warning'
    assert one(inspection, 'linux.swap.used_pct')['status'] == 'critical'
    assert one(inspection, 'linux.mem.used_pct')['status'] == 'critical'


def test_kylin_v10():
    inspection, _info, _w = run_fixture('written/kylin-v10.txt')
    facts = inspection['facts']
    assert (facts['os_name'], facts['os_version'], facts['arch']) == ('Kylin Linux Advanced Server', 'V10', 'aarch64')
    assert facts['cpu_model'] is None and facts['cpu_count'] == 8
    assert facts['serial'] == '2102312TQN10L8000123'
    assert facts['ip_addresses'] == ['172.16.30.15', '2001:db8:30::15']
    # host-specific threshold from the options: 94 % is below the 95 % warning set for /data
    data = one(inspection, 'linux.fs.used_pct', '/data')
    assert data['status'] == 'ok' and data['threshold'] == {'warning': 95, 'critical': 98}
    offset = one(inspection, 'linux.time.offset_ms')
    assert offset['value'] == 0.412 and offset['status'] == 'ok'
    assert inspection['metrics']['time.offset_ms'] == 0.412
    assert facts['time_source'] == '10.10.1.1'
    assert one(inspection, 'linux.nic.errors', 'enp125s0f0')['status'] == 'critical'
    assert one(inspection, 'linux.swap.used_pct')['detail'] == 'no swap configured'
    assert one(inspection, 'linux.ports.unexpected')['value'] == []          # 8005 is loopback only
    assert one(inspection, 'linux.ports.missing')['status'] == 'ok'
    assert one(inspection, 'linux.updates.pending')['value'] == 0
    assert one(inspection, 'linux.updates.security')['value'] == 0
    assert one(inspection, 'linux.reboot.required')['value'] is False
    cert = one(inspection, 'linux.cert.days_left', '/etc/nginx/ssl/emr.pem')
    assert cert['value'] == 5 and cert['status'] == 'critical'
    assert not items_by(inspection, 'linux.fs.inodes_used_pct', '/boot/efi')


def test_centos6_sysv():
    inspection, info, _w = run_fixture('written/centos6.txt')
    facts = inspection['facts']
    assert (facts['os_name'], facts['os_version']) == ('CentOS', '6.10')
    assert facts['init_system'] == 'sysvinit' and facts['serial'] == '7XK2JY1'
    assert facts['ip_addresses'] == ['172.16.40.8']
    assert facts['last_reboot'] == 'Fri Sep  6 09:12'
    assert 'timeout df' in info['markers']
    # no MemAvailable: free + buffers + cached + reclaimable - shmem
    available = (500000 + 200000 + 1500000 + 100000 - 100000)
    assert one(inspection, 'linux.mem.used_pct')['value'] == round(100.0 * (8060512 - available) / 8060512, 1)
    assert one(inspection, 'linux.swap.used_pct')['value'] == 0.0
    images = one(inspection, 'linux.fs.used_pct', '/images')
    assert images['value'] == 100.0 and images['status'] == 'critical'
    assert one(inspection, 'linux.fs.used_pct', '/')['value'] == 84.2
    assert one(inspection, 'linux.fs.readonly', '/images')['status'] == 'critical'
    assert one(inspection, 'linux.fs.readonly', '/mnt/my disk')['status'] == 'ok'   # octal escapes decoded
    inodes = one(inspection, 'linux.fs.inodes_used_pct')
    assert inodes['status'] == 'unknown' and 'timed out' in inodes['detail']
    cpu = one(inspection, 'linux.cpu.util_pct')
    assert cpu['status'] == 'unknown' and 'did not advance' in cpu['detail']
    synced = one(inspection, 'linux.time.synced')
    assert synced['status'] == 'warning' and 'Connection refused' in synced['detail']
    assert one(inspection, 'linux.unit.failed')['detail'] == 'systemd not in use (SysV init)'
    assert one(inspection, 'linux.service.active', 'sshd')['status'] == 'ok'
    ris = one(inspection, 'linux.service.active', 'ris-app')
    assert ris['status'] == 'critical' and ris['fault'] is True
    assert one(inspection, 'linux.service.active', 'pacs-store')['status'] == 'ok'     # processes only
    assert one(inspection, 'linux.ports.missing')['value'] == [104]
    assert one(inspection, 'linux.ports.unexpected')['value'] == [11112]
    assert '11112 (java)' in one(inspection, 'linux.ports.unexpected')['detail']
    log = one(inspection, 'linux.log.errors', '/var/log/ris/ris.log')
    assert log['value'] == 0 and 'no parsable timestamps' in log['detail']
    pending = one(inspection, 'linux.updates.pending')
    assert pending['status'] == 'unknown' and 'no cache' in pending['detail']
    assert one(inspection, 'linux.updates.security')['status'] == 'unknown'
    reboot = one(inspection, 'linux.reboot.required')
    assert reboot['value'] is False and 'newest installed' in reboot['detail']
    priv = one(inspection, 'linux.accounts.privileged')
    assert priv['status'] == 'ok' and 'sudoers not readable' in priv['detail']
