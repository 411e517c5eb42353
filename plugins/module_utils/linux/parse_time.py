# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time synchronisation: chronyc tracking, ntpq -pn, timedatectl show/status.

Formats: chronyc(1) `tracking` (Reference ID, System time "N seconds slow/fast of NTP time",
Leap status), ntpq(1) `-p` peer billboard (tally code `*` = system peer, offset in ms),
timedatectl(1) `show` (NTPSynchronized=) and the older `status` (NTP synchronized: / System
clock synchronized:).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate
from ansible_collections.medops.itops.plugins.module_utils.linux.parse_system import Findings
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import to_float


def chrony_tracking(lines):
    """{synced, offset_ms, source} or None when chronyd did not answer."""
    fields = {}
    for line in lines:
        if ':' in line:
            key, value = line.split(':', 1)
            fields[key.strip().lower()] = value.strip()
    if 'leap status' not in fields:
        return None
    result = {'source': None, 'offset_ms': None, 'synced': None}
    ref = fields.get('reference id', '')
    match = re.match(r'^([0-9A-Fa-f]{8})\s*(?:\((.*)\))?', ref)
    if match:
        result['source'] = match.group(2) or match.group(1)
    match = re.match(r'^([0-9.eE+-]+)\s+seconds\s+(slow|fast)', fields.get('system time', ''))
    if match and to_float(match.group(1)) is not None:
        offset = to_float(match.group(1)) * 1000.0
        result['offset_ms'] = round(-offset if match.group(2) == 'slow' else offset, 3)
    local_ref = ref.upper()[:8] in ('00000000', '7F7F0101')
    result['synced'] = fields['leap status'].lower() != 'not synchronised' and not local_ref
    return result


def ntpq_peers(lines):
    """{synced, offset_ms, source} from `ntpq -pn`, or None without a peer table."""
    peers = []
    header = False
    for line in lines:
        if line.lstrip().startswith('remote') and 'offset' in line:
            header = True
            continue
        if not header or line.startswith('=') or not line.strip():
            continue
        tally = line[0]
        fields = line[1:].split()
        if len(fields) < 9:
            continue
        peers.append((tally, fields[0], to_float(fields[8])))
    if not header:
        return None
    for tally, remote, offset in peers:
        if tally in '*o':
            return {'synced': True, 'offset_ms': offset, 'source': remote}
    best = [p for p in peers if p[0] in '+#' and p[2] is not None]
    return {'synced': False, 'offset_ms': best[0][2] if best else None, 'source': None}


def timedatectl_synced(lines):
    for line in lines:
        match = re.match(r'^\s*(NTPSynchronized=|NTP synchronized:|System clock synchronized:)\s*(\w+)', line)
        if match:
            return match.group(2).lower() == 'yes'
    return None


def _notes_detail(notes):
    """What the clients that did not report a state answered: [(client, its output or '')], at most
    chronyc then ntpq (the collector asks each once)."""
    if not notes:
        return said('linux.time.not_reported', 'time synchronisation state not reported')
    if len(notes) == 1:
        (tool, output), = notes
        if output:
            return said('linux.time.client_answer', '{client}: {answer!q}', client=tool, answer=output)
        return said('linux.time.client_no_answer', '{client}: no answer', client=tool)
    (tool1, output1), (tool2, output2) = notes[:2]
    if output1 and output2:
        return said('linux.time.clients_answer', '{client1}: {answer1!q}; {client2}: {answer2!q}',
                    client1=tool1, answer1=output1, client2=tool2, answer2=output2)
    if output1:
        return said('linux.time.clients_answer_no_answer', '{client1}: {answer1!q}; {client2}: no answer',
                    client1=tool1, answer1=output1, client2=tool2)
    if output2:
        return said('linux.time.clients_no_answer_answer', '{client1}: no answer; {client2}: {answer2!q}',
                    client1=tool1, client2=tool2, answer2=output2)
    return said('linux.time.clients_no_answer', '{client1}: no answer; {client2}: no answer', client1=tool1, client2=tool2)


def parse_time(sections, overrides=None):
    found = Findings()
    section = sections.get('time-sync')
    if section is None:
        return found  # ntp: false, or output truncated before it (completeness is reported separately)
    results = []
    notes = []
    for name, lines in section.subsections():
        if name.startswith('chronyc'):
            parsed = chrony_tracking(lines)
            if parsed is None:
                notes.append(('chronyc', ' '.join(lines).strip()[:120]))
            else:
                parsed['via'] = 'chrony'
                results.append(parsed)
        elif name.startswith('ntpq'):
            parsed = ntpq_peers(lines)
            if parsed is None:
                notes.append(('ntpq', ' '.join(lines).strip()[:120]))
            else:
                parsed['via'] = 'ntpd'
                results.append(parsed)
        elif name.startswith('timedatectl'):
            synced = timedatectl_synced(lines)
            if synced is not None:
                results.append({'synced': synced, 'offset_ms': None, 'source': None, 'via': 'timedatectl'})
    best = None
    for parsed in results:
        if best is None or (parsed['synced'] and not best['synced']) or (
                parsed['synced'] == best['synced'] and best['offset_ms'] is None and parsed['offset_ms'] is not None):
            best = parsed
    if best is None:
        reason = section.problem()
        if reason and not notes:
            detail = said('linux.time.no_client', 'no time synchronisation client found (chronyc, ntpq, timedatectl)')
        else:
            detail = _notes_detail(notes)
        found.items.append(make_item('linux.time.synced', value=False, status='warning', detail=detail))
        found.items.append(unknown_item('linux.time.offset_ms', None, detail))
        return found
    found.facts['time_sync'] = best['via']
    found.facts['time_source'] = best['source']
    if best['synced']:
        detail = said('linux.time.synced_to', '{via}: synchronised to {source}', via=best['via'], source=best['source']) if best['source'] \
            else said('linux.time.synced', '{via}: synchronised', via=best['via'])
    else:
        detail = said('linux.time.not_synced_to', '{via}: NOT synchronised to {source}', via=best['via'], source=best['source']) \
            if best['source'] else said('linux.time.not_synced', '{via}: NOT synchronised', via=best['via'])
    found.items.append(make_item('linux.time.synced', value=bool(best['synced']),
                                 status='ok' if best['synced'] else 'warning', detail=detail))
    offset = next((r['offset_ms'] for r in [best] + results if r['offset_ms'] is not None), None)
    if offset is None:
        found.items.append(unknown_item('linux.time.offset_ms', None,
                                        said('linux.time.no_offset', '{via} reports no offset (install chrony or ntp for one)', via=best['via'])))
    else:
        found.metrics['time.offset_ms'] = offset
        found.items.append(evaluate('linux.time.offset_ms', abs(offset), overrides=overrides, unit='ms',
                                    detail=said('linux.time.offset', 'clock offset {offset:+.3f} ms ({via})', offset=offset, via=best['via'])))
    return found
