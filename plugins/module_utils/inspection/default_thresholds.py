# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Default thresholds of every numeric item, each with where the number comes from.

Override any of them with `itops_thresholds` in group or host vars, by item id or `id@subject`:

    itops_thresholds:
      linux.fs.used_pct: {warning: 85, critical: 95}
      "linux.fs.used_pct@/oradata": {warning: 90, critical: 97}

`direction: below` means lower is worse (free space, days left, hit ratios).
docs/thresholds.md is generated from this file (tools/gen_docs.py) and a test keeps it in sync.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DEFAULTS = {
    # Linux servers
    'linux.fs.used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix "Linux by Zabbix agent" template vfs.fs used space warning/critical (80/90 %)'},
    'linux.fs.inodes_used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix Linux template inode thresholds (free inodes below 20 % / 10 %)'},
    'linux.cpu.util_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix Linux template high CPU utilization (90 %); 80 % is the common early warning'},
    'linux.load.per_core': {
        'warning': 1.5, 'critical': 3.0,
        'source': 'Zabbix Linux template load average per CPU (1.5); 3.0 for sustained overload'},
    'linux.mem.used_pct': {
        'warning': 85, 'critical': 95,
        'source': 'Zabbix Linux template "lack of available memory" (available below 10 %) with an earlier warning'},
    'linux.swap.used_pct': {
        'warning': 50, 'critical': 80,
        'source': 'Zabbix Linux template high swap usage (free swap below 50 %)'},
    'linux.nic.errors': {
        'warning': 1, 'critical': 1000,
        'source': 'Any interface error counter increment is worth a look; Cisco/Huawei field guidance'},
    'linux.time.offset_ms': {
        'warning': 100, 'critical': 1000,
        'source': 'chrony/ntpd practice: Kerberos and HL7 message ordering tolerate well under 1 s'},
    'linux.zombies': {
        'warning': 5, 'critical': 50,
        'source': 'Common monitoring practice (Nagios check_procs -s Z default warning 5)'},
    'linux.log.errors': {
        'warning': 1, 'critical': 100,
        'source': 'Any recent error line deserves review; 100 in the window means a failing component'},
    'linux.auth.failures': {
        'warning': 20, 'critical': 200,
        'source': 'Brute-force indication: fail2ban default bans at 5 per 10 min; counts over the inspection window'},
    'linux.updates.security': {
        'warning': 1, 'critical': 20,
        'source': 'Hospital security baseline (等保 2.0): security updates to be assessed each period'},
    'linux.cert.days_left': {
        'warning': 30, 'critical': 7, 'direction': 'below',
        'source': "Let's Encrypt renewal practice (renew at 30 days); 7 days leaves one maintenance window"},
    'linux.uptime.days': {
        'warning': 365, 'critical': 730,
        'source': 'Kernel patch cadence: a year without reboot means kernel fixes are not applied'},
    # Performance over the period (sysstat history, linux_inspect sysstat=true)
    'perf.cpu.p95_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix Linux template high CPU utilization (90 %) applied to the 95th percentile of the period, not a snapshot'},
    'perf.mem.p95_pct': {
        'warning': 85, 'critical': 95,
        'source': 'Zabbix Linux template "lack of available memory" applied to the 95th percentile of the period'},
    'perf.iowait.p95_pct': {
        'warning': 20, 'critical': 40,
        'source': 'Red Hat performance tuning guidance: I/O wait sustained above ~20 % of CPU time indicates a storage bottleneck'},
    'perf.disk.await_p95_ms': {
        'warning': 20, 'critical': 50,
        'source': 'VMware/Microsoft disk latency guidance: above 20 ms is slow, above 50 ms seriously degrades applications'},
    # SNMP devices (medops.itops.snmp_inspect; profiles in profiles/snmp/)
    'snmp.cpu.util_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix network device templates {$CPU.UTIL.CRIT} = 90 %; 80 % is the common early warning'},
    'snmp.mem.used_pct': {
        'warning': 85, 'critical': 95,
        'source': 'Zabbix network templates {$MEMORY.UTIL.MAX} = 90 %; Huawei hwEntityMemUsageThreshold default 85-95 %'},
    'snmp.temperature.c': {
        'warning': 60, 'critical': 70,
        'source': 'Board sensors of Huawei/H3C switches: vendor alarm thresholds around 65-75 degC (hwEntityTemperatureThreshold)'},
    'if.errors.rate': {
        'warning': 2, 'critical': 20,
        'source': 'Zabbix "Network interfaces by SNMP" {$IF.ERRORS.WARN} = 2 errors/s; ten times that is critical (our choice)'},
    'if.discards.rate': {
        'warning': 10, 'critical': 100,
        'source': 'Our choice: discards come with congestion bursts, an order of magnitude above the error rate warning'},
    'if.util_pct': {
        'warning': 70, 'critical': 90,
        'source': 'Zabbix "Network interfaces by SNMP" {$IF.UTIL.MAX} = 90 %; 70 % is the common capacity planning warning'},
    'ups.battery.charge_pct': {
        'warning': 80, 'critical': 50, 'direction': 'below',
        'source': 'Zabbix UPS templates {$BATTERY.CAPACITY.MIN.WARN} = 50 % as critical; a float-charged battery sits at 100 %'},
    'ups.battery.runtime_min': {
        'warning': 15, 'critical': 5, 'direction': 'below',
        'source': 'Time to shut servers down cleanly: 15 minutes is the usual UPS sizing floor, 5 minutes is too late'},
    'ups.load_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix UPS templates {$UPS.OUTPUT.MAX} = 80 %; above 90 % a failed module in a redundant UPS overloads it'},
    'ups.alarms': {
        'warning': 1, 'critical': 3,
        'source': 'RFC 1628 upsAlarmsPresent: any alarm present needs a look; several at once means a failing UPS'},
    'env.temperature.c': {
        'warning': 27, 'critical': 32,
        'source': 'ASHRAE TC 9.9 recommended server inlet range 18-27 degC; GB 50174 class A/B machine room limit'},
    'env.humidity.pct': {
        'warning': 70, 'critical': 80,
        'source': 'GB 50174 machine room relative humidity (non-condensing) and ASHRAE A1 allowable upper limit 80 %'},
    'fw.sessions.used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Firewall session table: common vendor alarm at 80-90 % of the session limit'},
    # NTP clocks (medops.itops.ntp_inspect)
    'ntp.offset_ms': {
        'warning': 100, 'critical': 1000,
        'source': 'Same as linux.time.offset_ms: Kerberos (5 min) and HL7/DICOM ordering need well under 1 s; chrony/ntpd practice'},
    'ntp.stratum': {
        'warning': 5, 'critical': 15,
        'source': 'RFC 5905: stratum 16 is unsynchronised; a hospital reference clock should sit within a few strata of GPS/BeiDou'},
    # Thin-client fleets (medops.itops.fleet_sweep), per department
    'fleet.online_pct': {
        'warning': 90, 'critical': 75, 'direction': 'below',
        'source': 'Our choice: in opening hours almost every thin client is on; a quarter dark means a switch, PoE or power outage'},
    'fleet.offline': {
        'warning': 10, 'critical': 25,
        'source': 'Our choice: offline clients in one department; a few are spares or switched off, dozens mean an outage'},

    # Storage arrays (medops.itops.storage_inspect) and BMC hardware health (medops.itops.bmc_inspect).
    # Disk, alarm, PSU, fan and health items take their status from the device's own state, not a number.
    'storage.pool.used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'OceanStor USERCONSUMEDCAPACITYTHRESHOLD and Storwize mdiskgrp -warning both default to 80 %; 90 % leaves weeks, not months'},
    'bmc.temperature.c': {
        'warning': 75, 'critical': 85,
        'source': 'Fallback when the BMC reports no sensor thresholds (IPMI sdr elist): typical server component upper non-critical 75-88 degC'},
    'bmc.log.critical': {
        'warning': 1, 'critical': 10,
        'source': 'Our choice: any critical System Event Log entry needs a look; ten or more means a recurring hardware fault'},

    # PostgreSQL (medops.itops.postgresql_inspect). Replication state, version and statements take
    # their status from the server's state, not a number; session, lock and size limits are options.
    'pg.connections.used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix "PostgreSQL by Zabbix agent 2" template: connections over 90 % of max_connections; 80 % as early warning'},
    'pg.xid_age.pct': {
        'warning': 60, 'critical': 65,
        'source': 'check_postgres txn_wraparound defaults (warning 1.3 billion, critical 1.4 billion of the 2^31 horizon)'},
    'pg.replication.lag_s': {
        'warning': 60, 'critical': 600,
        'source': 'Zabbix PostgreSQL template {$PG.REPL_LAG.MAX.WARN} = 10 min as critical; one minute already loses recent orders on failover'},
    'pg.sessions.long_running': {
        'warning': 1, 'critical': 5,
        'source': 'Our choice: statements active longer than options.long_running_s (300 s) in an OLTP hospital system'},
    'pg.sessions.idle_in_transaction': {
        'warning': 1, 'critical': 5,
        'source': 'PostgreSQL docs (idle_in_transaction_session_timeout): such sessions hold locks and block vacuum; counted over 60 s'},
    'pg.cache_hit_pct': {
        'warning': 95, 'critical': 90, 'direction': 'below',
        'source': 'Common PostgreSQL tuning guidance: OLTP buffer cache hit ratio should stay above 99 %; below 95 % the working set misses memory'},
    'pg.table.dead_tuples_pct': {
        'warning': 20, 'critical': 40,
        'source': 'autovacuum_vacuum_scale_factor default 0.2: a table over 20 % dead rows is past the point autovacuum should have cleaned it'},
    'pg.table.vacuum_age_days': {
        'warning': 7, 'critical': 30,
        'source': 'Our choice: a table with dead rows (over 10 % of live) not vacuumed for a week means autovacuum is off or starved'},
    'pg.table.bloat_pct': {
        'warning': 40, 'critical': 70,
        'source': 'check_postgres bloat practice and the PostgreSQL wiki bloat estimate: under 30-40 % wasted space is normal churn'},
    'pg.index.unused': {
        'warning': 1,
        'source': 'Any large index never scanned since the statistics reset costs writes and space (PostgreSQL wiki "Index Maintenance")'},
    'pg.index.duplicate': {
        'warning': 1,
        'source': 'PostgreSQL wiki "Index Maintenance": duplicate indexes are pure overhead'},
    'pg.locks.waiting': {
        'warning': 1, 'critical': 10,
        'source': 'Our choice: lock requests waiting longer than options.lock_wait_s (30 s; deadlock_timeout is 1 s)'},
    'pg.checkpoints.requested_pct': {
        'warning': 30, 'critical': 60,
        'source': 'PostgreSQL docs (WAL configuration): most checkpoints should be timed; frequent requested ones mean max_wal_size is too small'},
    # MariaDB / MySQL (medops.itops.mysql_inspect); rates are per hour averaged since the server started.
    'mysql.connections.used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix "MySQL by Zabbix agent 2" template: connections over 90 % of max_connections; 80 % as early warning'},
    'mysql.aborted_connects.rate': {
        'warning': 10, 'critical': 100,
        'source': 'Our choice: failed logins per hour; a steady stream means a misconfigured client or password guessing'},
    'mysql.slow_queries.rate': {
        'warning': 60, 'critical': 600,
        'source': 'Our choice: slow queries (over long_query_time) per hour; one a minute deserves a look at the slow log'},
    'mysql.innodb.buffer_pool_hit_pct': {
        'warning': 95, 'critical': 90, 'direction': 'below',
        'source': 'MySQLTuner InnoDB read efficiency (flags below 90 %); 95 % as early warning'},
    'mysql.replication.lag_s': {
        'warning': 60, 'critical': 600,
        'source': 'Zabbix MySQL template replication lag trigger (Seconds_Behind_Master); same as pg.replication.lag_s'},
    'mysql.table.fragmentation_pct': {
        'warning': 30, 'critical': 70,
        'source': 'Our choice (MySQLTuner lists fragmented tables): free space inside a table over 16 MiB and 30 % of it is worth an OPTIMIZE'},
    'mysql.binlog.size_bytes': {
        'warning': 21474836480, 'critical': 53687091200,
        'source': 'Our choice: 20 / 50 GiB of binary logs usually means expire_logs_days / binlog_expire_logs_seconds is unset'},

    # Middleware (medops.itops.tomcat_inspect) and HTTP(S)/TCP probes (medops.itops.http_probe).
    # tomcat.reach, http.status, http.content and tcp.connect take their status from the answer.
    'tomcat.threads.busy_pct': {
        'warning': 75, 'critical': 90,
        'source': 'Zabbix "Apache Tomcat by JMX" template: busy worker threads over 75 % of maxThreads; 90 % before requests queue'},
    'tomcat.heap.used_pct': {
        'warning': 80, 'critical': 90,
        'source': 'Zabbix "Generic Java JMX" template heap memory usage trigger (85 %); 80 % early warning, 90 % near OutOfMemoryError'},
    'tomcat.requests.error_pct': {
        'warning': 5, 'critical': 20,
        'source': 'Zabbix Tomcat JMX template error rate practice: a few percent of 4xx/5xx is normal, one in five means a broken application'},
    'tomcat.jdbc.active_pct': {
        'warning': 80, 'critical': 95,
        'source': 'Connection pool sizing practice (HikariCP/DBCP guidance): a pool near its maxTotal makes requests wait for connections'},
    'http.latency_ms': {
        'warning': 1000, 'critical': 3000,
        'source': 'Nagios check_http -w/-c practice for internal web services (1 s / 3 s whole response)'},
    'tls.days_left': {
        'warning': 30, 'critical': 7, 'direction': 'below',
        'source': "Same as linux.cert.days_left: Let's Encrypt renewal practice (30 days); 7 days leaves one maintenance window"},

    # Interfaces (playbooks/vars/interface_checks.yml, medops.itops.custom_checks): one item per interface.
    'custom.interface.last_success_age_min': {
        'warning': 15, 'critical': 30,
        'source': ('Interface engine practice (Mirth/Rhapsody "no message received" alerts): busy HL7 feeds move every few minutes; '
                   '30 min without an acknowledged message is a stall')},
    'custom.interface.backlog': {
        'warning': 20, 'critical': 50,
        'source': ('Our choice for hospital feeds of a few messages per minute: 20 queued messages is ~10 min of traffic, '
                   '50 means the receiver is not taking any')},
    'custom.interface.error_pct': {
        'warning': 5, 'critical': 20,
        'source': 'Interface engine practice: a few rejected messages (AE/AR acknowledgements) are normal; 5 % needs a look, 20 % a broken mapping or partner'},
    'custom.interface.log_errors': {
        'warning': 100, 'critical': 300,
        'source': 'Our choice: ERROR lines among the last 2000 engine log lines (5 % / 15 %), in step with custom.interface.error_pct'},
}
