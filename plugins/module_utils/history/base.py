# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history store interface and the SQL shared by its backends (SQLite, PostgreSQL).

A backend provides a DB-API connection, its placeholder and floating point type, and how to open
a write transaction; everything else (the schema, saving, merging slices, loading) lives here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json

from ansible_collections.medops.itops.plugins.module_utils.history import schema
from ansible_collections.medops.itops.plugins.module_utils.history.compare import run_changes
from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import build_findings, summarize, _sort_key
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import now_iso

RUN_SCHEMA_VERSION = 1
INSPECTION_COLUMNS = ('device_class', 'impact', 'system', 'host_status', 'collected_at')


class HistoryError(Exception):
    """The history store cannot be used; the message names the store and what to do."""


def dumps(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def loads(text, default=None):
    return json.loads(text) if text else default


def scope_limit(meta):
    """The --limit a run was made with (None: the whole inventory)."""
    return ((meta or {}).get('scope') or {}).get('limit') or None


class RunIdTaken(HistoryError):
    """A run id that is already stored for another run (only the slices of one job share an id)."""


class HistoryStore(object):
    """save_run / load_run / list_runs / previous_run / metric_series over a DB-API connection."""

    PLACEHOLDER = '?'
    REAL = 'REAL'
    location = None

    def __init__(self):
        self._conn = None

    # -- backend hooks --------------------------------------------------------------------------
    def _begin(self):
        raise NotImplementedError

    def _commit(self):
        raise NotImplementedError

    def _rollback(self):
        raise NotImplementedError

    def _lock_schema(self):
        """Serialise migrations of several writers opening a new store at once."""

    def _lock_run(self, run_id):
        """Serialise writers of one run (slices finishing together); SQLite locks the file anyway."""

    # -- plumbing -------------------------------------------------------------------------------
    def execute(self, sql, params=()):
        if self.PLACEHOLDER != '?':
            sql = sql.replace('?', self.PLACEHOLDER)
        cursor = self._conn.cursor()
        cursor.execute(sql, params)
        return cursor

    @contextlib.contextmanager
    def transaction(self):
        self._begin()
        try:
            yield self
        except BaseException:
            self._rollback()
            raise
        self._commit()

    def close(self):
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def schema_version(self):
        return self.execute('SELECT MAX(version) FROM schema_version').fetchone()[0] or 0

    def migrate(self, target=None):
        """Apply the missing migrations in order, inside one transaction; return the new version."""
        target = schema.LATEST if target is None else target
        with self.transaction():
            self._lock_schema()
            self.execute('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)')
            current = self.schema_version()
            if current > schema.LATEST:
                raise HistoryError('history %s has schema version %d, newer than this medops.itops understands (%d): '
                                   'upgrade the collection, or point the history option at another store'
                                   % (self.location, current, schema.LATEST))
            for version, migration in schema.MIGRATIONS:
                if current < version <= target:
                    migration(self)
                    self.execute('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)', (version, now_iso()))
                    current = version
        return current

    # -- writing --------------------------------------------------------------------------------
    def save_run(self, run, policy=None):
        """Store a run record; a slice of a run already stored is merged into it (same run_id).

        Re-saving a slice (or the same targets) replaces their rows. Findings of the merged run are
        the union of the per-target findings; the summary is recomputed over the merged run.
        Returns the run_id.
        """
        run_id = run['run_id']
        slice_ = run.get('slice')
        with self.transaction():
            self._lock_run(run_id)
            row = self.execute('SELECT job, slice, started_at, finished_at, meta FROM runs WHERE run_id = ?', (run_id,)).fetchone()
            if row is not None and (slice_ is None or row[0] != run.get('job')):
                raise RunIdTaken('run id %s is already stored (job %s, started %s); only the slices of one sliced job share a run id'
                                 % (run_id, row[0], row[2]))
            run = self._without_placeholders_of_other_slices(run)
            targets = [inspection['target'] for inspection in run.get('inspections') or []]
            if slice_ is not None:
                targets += [r[0] for r in self.execute('SELECT target FROM inspections WHERE run_id = ? AND slice = ?',
                                                       (run_id, str(slice_))).fetchall()]
            for target in set(targets):
                for table in ('inspections', 'items', 'findings', 'metrics'):
                    self.execute('DELETE FROM %s WHERE run_id = ? AND target = ?' % table, (run_id, target))
            self._insert_inspections(run)
            findings = run.get('findings')
            if findings is None:
                findings = build_findings(run.get('inspections') or [], policy)
            self._insert_findings(run_id, findings)
            meta = dict(run.get('meta') or {})
            slices = [] if slice_ is None else [slice_]
            started, finished = run.get('started_at'), run.get('finished_at')
            if row is None:
                summary = self._summary(run_id, policy) if run.get('findings') is None or not run.get('summary') else run['summary']
                self.execute('INSERT INTO runs (run_id, job, period, slice, started_at, finished_at, meta, summary, saved_at)'
                             ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                             (run_id, run.get('job'), run.get('period'), dumps(slices), started, finished,
                              dumps(meta), dumps(summary), now_iso()))
            else:
                old_meta = loads(row[4], {})
                old_meta.update(dict((k, v) for k, v in meta.items() if v not in (None, '')))
                slices = sorted(set(loads(row[1], []) + slices), key=str)
                started = min([t for t in (row[2], started) if t] or [None])
                finished = max([t for t in (row[3], finished) if t] or [None])
                self.execute('UPDATE runs SET period = ?, slice = ?, started_at = ?, finished_at = ?, meta = ?, summary = ?,'
                             ' saved_at = ? WHERE run_id = ?',
                             (run.get('period'), dumps(slices), started, finished, dumps(old_meta),
                              dumps(self._summary(run_id, policy)), now_iso(), run_id))
        return run_id

    def _without_placeholders_of_other_slices(self, run):
        """A slice lists the hosts it did not inspect; one that another slice of the run did inspect is dropped here."""
        slice_ = run.get('slice')
        if slice_ is None:
            return run
        others = dict(self.execute('SELECT target, host_status FROM inspections WHERE run_id = ? AND slice <> ?',
                                   (run['run_id'], str(slice_))).fetchall())
        kept = [i for i in run.get('inspections') or []
                if not (i.get('host_status') == 'not_inspected' and others.get(i['target']) not in (None, 'not_inspected'))]
        if len(kept) == len(run.get('inspections') or []):
            return run
        dropped = set(i['target'] for i in run['inspections']) - set(i['target'] for i in kept)
        findings = run.get('findings')
        if findings is not None:
            findings = [f for f in findings if f.get('target') not in dropped]
        return dict(run, inspections=kept, findings=findings)

    def _insert_inspections(self, run):
        run_id, slice_ = run['run_id'], run.get('slice')
        for inspection in run.get('inspections') or []:
            target = inspection['target']
            data = dict((k, v) for k, v in inspection.items() if k != 'items')
            self.execute('INSERT INTO inspections (run_id, target, slice, device_class, impact, system, host_status, collected_at, data)'
                         ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                         (run_id, target, None if slice_ is None else str(slice_))
                         + tuple(inspection.get(column) for column in INSPECTION_COLUMNS) + (dumps(data),))
            for seq, item in enumerate(inspection.get('items') or []):
                self.execute('INSERT INTO items (run_id, target, seq, id, subject, status, value, unit, fault, data)'
                             ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                             (run_id, target, seq, item.get('id'), _text(item.get('subject')), item.get('status'),
                              dumps(item.get('value')), item.get('unit'), int(bool(item.get('fault'))), dumps(item)))
            for key, value in sorted((inspection.get('metrics') or {}).items()):
                if schema.numeric(value) is not None:
                    self.execute('INSERT INTO metrics (run_id, target, key, value, collected_at) VALUES (?, ?, ?, ?, ?)',
                                 (run_id, target, key, schema.numeric(value), inspection.get('collected_at')))

    def _insert_findings(self, run_id, findings):
        seqs = {}
        for finding in findings:
            target = finding['target']
            seqs[target] = seqs.get(target, -1) + 1
            self.execute('INSERT INTO findings (run_id, target, seq, id, subject, status, kind, grade, level, data)'
                         ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                         (run_id, target, seqs[target], finding.get('id'), _text(finding.get('subject')), finding.get('status'),
                          finding.get('kind'), finding.get('grade'), finding.get('level'), dumps(finding)))

    def _summary(self, run_id, policy):
        inspections = self._load_inspections(run_id)
        return summarize(inspections, self._load_findings(run_id), policy)

    # -- reading --------------------------------------------------------------------------------
    def _load_inspections(self, run_id):
        inspections = []
        by_target = {}
        for target, data in self.execute('SELECT target, data FROM inspections WHERE run_id = ? ORDER BY target', (run_id,)):
            inspection = loads(data, {})
            inspection['target'] = target
            inspection['items'] = []
            by_target[target] = inspection
            inspections.append(inspection)
        for target, data in self.execute('SELECT target, data FROM items WHERE run_id = ? ORDER BY target, seq', (run_id,)):
            if target in by_target:
                by_target[target]['items'].append(loads(data, {}))
        return inspections

    def _load_findings(self, run_id):
        findings = [loads(data, {}) for (data,) in
                    self.execute('SELECT data FROM findings WHERE run_id = ? ORDER BY target, seq', (run_id,)).fetchall()]
        findings.sort(key=_sort_key)
        return findings

    def load_run(self, run_id, changes=True):
        """Rebuild the run record (docs/run-record.md), with changes against the previous run of its job."""
        row = self.execute('SELECT run_id, job, period, slice, started_at, finished_at, meta, summary FROM runs WHERE run_id = ?',
                           (run_id,)).fetchone()
        if row is None:
            raise HistoryError('history %s has no run %s (itops-report list shows the stored runs)' % (self.location, run_id))
        slices = loads(row[3], [])
        meta = loads(row[6], {})
        if len(slices) > 1:
            meta['slices'] = slices
        run = {
            'schema_version': RUN_SCHEMA_VERSION,
            'run_id': row[0], 'job': row[1], 'period': row[2],
            'slice': slices[0] if len(slices) == 1 else None,
            'started_at': row[4], 'finished_at': row[5],
            'meta': meta,
            'inspections': self._load_inspections(run_id),
            'findings': self._load_findings(run_id),
            'summary': loads(row[7], {}),
            'changes': None,
        }
        if changes:
            run['changes'] = run_changes(self.previous_run(run['job'], run_id, scope_limit(meta)), run)
        return run

    def list_runs(self, job=None):
        """Stored runs, newest first: run_id, job, period, slices, started_at, finished_at, summary."""
        sql = 'SELECT run_id, job, period, slice, started_at, finished_at, summary FROM runs'
        params = ()
        if job is not None:
            sql += ' WHERE job = ?'
            params = (job,)
        rows = self.execute(sql + ' ORDER BY run_id DESC', params).fetchall()
        return [{'run_id': r[0], 'job': r[1], 'period': r[2], 'slices': loads(r[3], []), 'started_at': r[4],
                 'finished_at': r[5], 'summary': loads(r[6], {})} for r in rows]

    def previous_run(self, job, before_run_id, limit=None):
        """The latest run of `job` and of the same scope started before run `before_run_id` (a run record
        without changes), or None.

        The scope is the run's `--limit` (meta.scope.limit, None for the whole inventory): a limited run is
        never the baseline of a wider one, nor the reverse. Runs are ordered by started_at, then run_id; a
        run_id not stored is compared as a string.
        """
        ref = self.execute('SELECT started_at FROM runs WHERE run_id = ?', (before_run_id,)).fetchone()
        if ref and ref[0]:
            rows = self.execute('SELECT run_id, meta FROM runs WHERE job = ? AND run_id <> ? AND (started_at < ? OR (started_at = ? AND run_id < ?))'
                                ' ORDER BY started_at DESC, run_id DESC', (job, before_run_id, ref[0], ref[0], before_run_id))
        else:
            rows = self.execute('SELECT run_id, meta FROM runs WHERE job = ? AND run_id < ? ORDER BY run_id DESC', (job, before_run_id))
        for run_id, meta in rows.fetchall():
            if scope_limit(loads(meta, {})) == limit:
                return self.load_run(run_id, changes=False)
        return None

    def metric_series(self, target, key):
        """[{run_id, collected_at, value}] of one metric of one target, oldest first (trends, forecasts)."""
        rows = self.execute('SELECT run_id, collected_at, value FROM metrics WHERE target = ? AND key = ? ORDER BY collected_at, run_id',
                            (target, key)).fetchall()
        return [{'run_id': r[0], 'collected_at': r[1], 'value': r[2]} for r in rows]


def _text(value):
    return None if value is None else str(value)
