# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storage details that are lists, said() in one piece.

A said() template is literal, so a detail joining N entries of one shape ('enclosure 1 online, ...;
enclosure 2 online, ...') has one template per N, its parameters numbered (status1, status2, ...),
up to a cap that covers the arrays a hospital runs. A list longer than the cap, or of entries of
mixed shapes, stays plain English text (a report shows it as it is). Also here: the "gave no usable
answer" detail of a section that was not read, whatever the vendor's reason.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

NOT_READ = 'not read'


def _numbered(entries):
    """[{status: a}, {status: b}] -> {status1: a, status2: b}."""
    out = {}
    for index, entry in enumerate(entries, 1):
        for key, value in entry.items():
            out['%s%d' % (key, index)] = value
    return out


def _ids(entries):
    return set(getattr(e, 'detail_id', None) for e in entries)


def unanswered(source, reason):
    """'<source> gave no usable answer: <reason>' (source: the command or request; reason: the vendor module's said())."""
    ours, params = getattr(reason, 'detail_id', None), dict(getattr(reason, 'params', None) or {})
    if ours is None and reason == NOT_READ:
        return said('storage.missing.not_read', '{source} gave no usable answer: not read', source=source)
    if ours == 'storage.cli.refused':
        return said('storage.missing.cli', '{source} gave no usable answer: {command}: exit {rc} {message!q}', source=source, **params)
    if ours == 'storage.cli.refused_twice':
        return said('storage.missing.cli_twice', '{source} gave no usable answer: {command}: exit {rc} {message!q}; '
                    '{command2}: exit {rc2} {message2!q}', source=source, **params)
    if ours == 'storage.rest.error':
        return said('storage.missing.rest_error', '{source} gave no usable answer: {request}: error {code} {description!q}', source=source, **params)
    if ours == 'storage.rest.answer':
        return said('storage.missing.rest_answer', '{source} gave no usable answer: {request}: {problem!w}', source=source, **params)
    return said('storage.missing.other', '{source} gave no usable answer: {reason!q}', source=source, reason=str(reason))


def cli_records(failure):
    """The commands of a Storwize failure (storage.cli.refused or refused_twice) as [{command, rc, message}], or None."""
    ours, params = getattr(failure, 'detail_id', None), getattr(failure, 'params', None) or {}
    if ours == 'storage.cli.refused':
        return [dict(params)]
    if ours == 'storage.cli.refused_twice':
        return [{'command': params['command'], 'rc': params['rc'], 'message': params['message']},
                {'command': params['command2'], 'rc': params['rc2'], 'message': params['message2']}]
    return None


def storwize_reach(failures):
    """The storage.reach detail of a Storwize array that answered: 'Storwize CLI over SSH', then what was not read."""
    if not failures:
        return said('storage.reach.storwize', 'Storwize CLI over SSH')
    records = []
    for failure in failures:
        found = cli_records(failure)
        if found is None:
            records = None
            break
        records += found
    return (records is not None and _storwize_unread(records)) or 'Storwize CLI over SSH; not read: ' + '; '.join(failures)


def rest_reach(port, device, problems):
    """The storage.reach detail of a REST array that answered: port and device, then the requests not answered."""
    port = int(port)
    if not problems:
        return said('storage.reach.rest', 'REST API on port {port:d}, device {device}', port=port, device=device)
    found = None
    if _ids(problems) == set(['storage.rest.error']):
        found = _rest_errors([p.params for p in problems], port, device)
    elif _ids(problems) <= set(['storage.rest.error', 'storage.rest.answer']):
        found = _rest_answers([{'request': p.params['request'], 'problem': str(p)[len(p.params['request']) + 2:]} for p in problems],
                              port, device)
    return found or 'REST API on port %d, device %s; not read: %s' % (port, device, '; '.join(problems))


def enclosures(details):
    """storage.system.health detail of Storwize: its enclosures (storage.storwize.enclosure each)."""
    if not details:
        return said('storage.storwize.no_enclosure', 'no enclosure listed')
    if _ids(details) == set(['storage.storwize.enclosure']):
        found = _enclosures([d.params for d in details])
        if found is not None:
            return found
    return '; '.join(details)


def summary(kind, found):
    """The detail of a component kind whose components are all ok: their details, one said() per count (None: not a list)."""
    details = [c.get('detail') or c['name'] for c in found]
    if not details:
        return None
    rows = [d for d, c in zip(details, found) if c.get('counted', True)]
    extra = [d for d, c in zip(details, found) if not c.get('counted', True)]
    result = None
    params = [getattr(d, 'params', None) for d in rows]
    if kind == 'batteries' and _ids(rows) == set(['storage.storwize.battery']):
        result = _batteries(params)
    elif kind == 'psus' and _ids(rows) == set(['storage.storwize.psu']):
        result = _psus(params)
    elif kind == 'nodes' and _ids(rows) == set(['storage.storwize.node']):
        result = _nodes(params)
    elif kind == 'mdisks' and _ids(rows) == set(['storage.storwize.mdisk']):
        result = _mdisks(params)
    elif kind == 'mdisks' and _ids(rows) == set(['storage.storwize.mdisk_external']):
        result = _mdisks_external(params)
    elif kind == 'quorum' and _ids(rows) == set(['storage.storwize.quorum']) and _ids(extra) == set(['storage.storwize.active_quorum']) \
            and details[-1] is extra[0]:
        result = _quorum(params, **dict(('index_type' if k == 'object_type' else k, v) for k, v in extra[0].params.items()))
    if kind in ('batteries', 'psus', 'nodes', 'mdisks') and extra:
        result = None
    return result or '; '.join(details)


def none_listed(kind):
    """The detail of a component kind the array lists none of."""
    if kind == 'mdisks':
        return said('storage.mdisk.none', 'no MDisks listed')
    if kind == 'nodes':
        return said('storage.node.none', 'no nodes listed')
    if kind == 'batteries':
        return said('storage.battery.none', 'no batteries listed')
    if kind == 'psus':
        return said('storage.psu.none', 'no power supplies listed')
    return said('storage.quorum.none', 'no quorum entries listed')


def _enclosures(entries):
    """storage.storwize.enclosures: 1 to 6 entries (params of storage.storwize.enclosure), or None."""
    if len(entries) == 1:
        return said('storage.storwize.enclosures.1',
                    'enclosure {enclosure1} {status1!w}, canisters {canisters_online1}/{canisters1}, PSUs {psus_online1}/{psus1}',
                    **_numbered(entries))
    if len(entries) == 2:
        return said('storage.storwize.enclosures.2',
                    'enclosure {enclosure1} {status1!w}, canisters {canisters_online1}/{canisters1}, PSUs {psus_online1}/{psus1}; '
                    'enclosure {enclosure2} {status2!w}, canisters {canisters_online2}/{canisters2}, PSUs {psus_online2}/{psus2}',
                    **_numbered(entries))
    if len(entries) == 3:
        return said('storage.storwize.enclosures.3',
                    'enclosure {enclosure1} {status1!w}, canisters {canisters_online1}/{canisters1}, PSUs {psus_online1}/{psus1}; '
                    'enclosure {enclosure2} {status2!w}, canisters {canisters_online2}/{canisters2}, PSUs {psus_online2}/{psus2}; '
                    'enclosure {enclosure3} {status3!w}, canisters {canisters_online3}/{canisters3}, PSUs {psus_online3}/{psus3}',
                    **_numbered(entries))
    if len(entries) == 4:
        return said('storage.storwize.enclosures.4',
                    'enclosure {enclosure1} {status1!w}, canisters {canisters_online1}/{canisters1}, PSUs {psus_online1}/{psus1}; '
                    'enclosure {enclosure2} {status2!w}, canisters {canisters_online2}/{canisters2}, PSUs {psus_online2}/{psus2}; '
                    'enclosure {enclosure3} {status3!w}, canisters {canisters_online3}/{canisters3}, PSUs {psus_online3}/{psus3}; '
                    'enclosure {enclosure4} {status4!w}, canisters {canisters_online4}/{canisters4}, PSUs {psus_online4}/{psus4}',
                    **_numbered(entries))
    if len(entries) == 5:
        return said('storage.storwize.enclosures.5',
                    'enclosure {enclosure1} {status1!w}, canisters {canisters_online1}/{canisters1}, PSUs {psus_online1}/{psus1}; '
                    'enclosure {enclosure2} {status2!w}, canisters {canisters_online2}/{canisters2}, PSUs {psus_online2}/{psus2}; '
                    'enclosure {enclosure3} {status3!w}, canisters {canisters_online3}/{canisters3}, PSUs {psus_online3}/{psus3}; '
                    'enclosure {enclosure4} {status4!w}, canisters {canisters_online4}/{canisters4}, PSUs {psus_online4}/{psus4}; '
                    'enclosure {enclosure5} {status5!w}, canisters {canisters_online5}/{canisters5}, PSUs {psus_online5}/{psus5}',
                    **_numbered(entries))
    if len(entries) == 6:
        return said('storage.storwize.enclosures.6',
                    'enclosure {enclosure1} {status1!w}, canisters {canisters_online1}/{canisters1}, PSUs {psus_online1}/{psus1}; '
                    'enclosure {enclosure2} {status2!w}, canisters {canisters_online2}/{canisters2}, PSUs {psus_online2}/{psus2}; '
                    'enclosure {enclosure3} {status3!w}, canisters {canisters_online3}/{canisters3}, PSUs {psus_online3}/{psus3}; '
                    'enclosure {enclosure4} {status4!w}, canisters {canisters_online4}/{canisters4}, PSUs {psus_online4}/{psus4}; '
                    'enclosure {enclosure5} {status5!w}, canisters {canisters_online5}/{canisters5}, PSUs {psus_online5}/{psus5}; '
                    'enclosure {enclosure6} {status6!w}, canisters {canisters_online6}/{canisters6}, PSUs {psus_online6}/{psus6}',
                    **_numbered(entries))
    return None


def _batteries(entries):
    """storage.battery.all_ok: 1 to 6 entries (params of storage.storwize.battery), or None."""
    if len(entries) == 1:
        return said('storage.battery.all_ok.1',
                    'status {status1!w}, charging {charging1!w}, {charged1}% charged, recondition needed {recondition1!w}, end of '
                    'life warning {end_of_life1!w}',
                    **_numbered(entries))
    if len(entries) == 2:
        return said('storage.battery.all_ok.2',
                    'status {status1!w}, charging {charging1!w}, {charged1}% charged, recondition needed {recondition1!w}, end of '
                    'life warning {end_of_life1!w}; status {status2!w}, charging {charging2!w}, {charged2}% charged, recondition '
                    'needed {recondition2!w}, end of life warning {end_of_life2!w}',
                    **_numbered(entries))
    if len(entries) == 3:
        return said('storage.battery.all_ok.3',
                    'status {status1!w}, charging {charging1!w}, {charged1}% charged, recondition needed {recondition1!w}, end of '
                    'life warning {end_of_life1!w}; status {status2!w}, charging {charging2!w}, {charged2}% charged, recondition '
                    'needed {recondition2!w}, end of life warning {end_of_life2!w}; status {status3!w}, charging {charging3!w}, '
                    '{charged3}% charged, recondition needed {recondition3!w}, end of life warning {end_of_life3!w}',
                    **_numbered(entries))
    if len(entries) == 4:
        return said('storage.battery.all_ok.4',
                    'status {status1!w}, charging {charging1!w}, {charged1}% charged, recondition needed {recondition1!w}, end of '
                    'life warning {end_of_life1!w}; status {status2!w}, charging {charging2!w}, {charged2}% charged, recondition '
                    'needed {recondition2!w}, end of life warning {end_of_life2!w}; status {status3!w}, charging {charging3!w}, '
                    '{charged3}% charged, recondition needed {recondition3!w}, end of life warning {end_of_life3!w}; status '
                    '{status4!w}, charging {charging4!w}, {charged4}% charged, recondition needed {recondition4!w}, end of life '
                    'warning {end_of_life4!w}',
                    **_numbered(entries))
    if len(entries) == 5:
        return said('storage.battery.all_ok.5',
                    'status {status1!w}, charging {charging1!w}, {charged1}% charged, recondition needed {recondition1!w}, end of '
                    'life warning {end_of_life1!w}; status {status2!w}, charging {charging2!w}, {charged2}% charged, recondition '
                    'needed {recondition2!w}, end of life warning {end_of_life2!w}; status {status3!w}, charging {charging3!w}, '
                    '{charged3}% charged, recondition needed {recondition3!w}, end of life warning {end_of_life3!w}; status '
                    '{status4!w}, charging {charging4!w}, {charged4}% charged, recondition needed {recondition4!w}, end of life '
                    'warning {end_of_life4!w}; status {status5!w}, charging {charging5!w}, {charged5}% charged, recondition needed '
                    '{recondition5!w}, end of life warning {end_of_life5!w}',
                    **_numbered(entries))
    if len(entries) == 6:
        return said('storage.battery.all_ok.6',
                    'status {status1!w}, charging {charging1!w}, {charged1}% charged, recondition needed {recondition1!w}, end of '
                    'life warning {end_of_life1!w}; status {status2!w}, charging {charging2!w}, {charged2}% charged, recondition '
                    'needed {recondition2!w}, end of life warning {end_of_life2!w}; status {status3!w}, charging {charging3!w}, '
                    '{charged3}% charged, recondition needed {recondition3!w}, end of life warning {end_of_life3!w}; status '
                    '{status4!w}, charging {charging4!w}, {charged4}% charged, recondition needed {recondition4!w}, end of life '
                    'warning {end_of_life4!w}; status {status5!w}, charging {charging5!w}, {charged5}% charged, recondition needed '
                    '{recondition5!w}, end of life warning {end_of_life5!w}; status {status6!w}, charging {charging6!w}, '
                    '{charged6}% charged, recondition needed {recondition6!w}, end of life warning {end_of_life6!w}',
                    **_numbered(entries))
    return None


def _psus(entries):
    """storage.psu.all_ok: 1 to 6 entries (params of storage.storwize.psu), or None."""
    if len(entries) == 1:
        return said('storage.psu.all_ok.1',
                    'status {status1!w}, input power {power1!w}',
                    **_numbered(entries))
    if len(entries) == 2:
        return said('storage.psu.all_ok.2',
                    'status {status1!w}, input power {power1!w}; status {status2!w}, input power {power2!w}',
                    **_numbered(entries))
    if len(entries) == 3:
        return said('storage.psu.all_ok.3',
                    'status {status1!w}, input power {power1!w}; status {status2!w}, input power {power2!w}; status {status3!w}, '
                    'input power {power3!w}',
                    **_numbered(entries))
    if len(entries) == 4:
        return said('storage.psu.all_ok.4',
                    'status {status1!w}, input power {power1!w}; status {status2!w}, input power {power2!w}; status {status3!w}, '
                    'input power {power3!w}; status {status4!w}, input power {power4!w}',
                    **_numbered(entries))
    if len(entries) == 5:
        return said('storage.psu.all_ok.5',
                    'status {status1!w}, input power {power1!w}; status {status2!w}, input power {power2!w}; status {status3!w}, '
                    'input power {power3!w}; status {status4!w}, input power {power4!w}; status {status5!w}, input power {power5!w}',
                    **_numbered(entries))
    if len(entries) == 6:
        return said('storage.psu.all_ok.6',
                    'status {status1!w}, input power {power1!w}; status {status2!w}, input power {power2!w}; status {status3!w}, '
                    'input power {power3!w}; status {status4!w}, input power {power4!w}; status {status5!w}, input power '
                    '{power5!w}; status {status6!w}, input power {power6!w}',
                    **_numbered(entries))
    return None


def _nodes(entries):
    """storage.node.all_ok: 1 to 8 entries (params of storage.storwize.node), or None."""
    if len(entries) == 1:
        return said('storage.node.all_ok.1',
                    'status {status1!w}, I/O group {io_group1}, config node {config_node1!w}, panel {panel1}',
                    **_numbered(entries))
    if len(entries) == 2:
        return said('storage.node.all_ok.2',
                    'status {status1!w}, I/O group {io_group1}, config node {config_node1!w}, panel {panel1}; status {status2!w}, '
                    'I/O group {io_group2}, config node {config_node2!w}, panel {panel2}',
                    **_numbered(entries))
    if len(entries) == 3:
        return said('storage.node.all_ok.3',
                    'status {status1!w}, I/O group {io_group1}, config node {config_node1!w}, panel {panel1}; status {status2!w}, '
                    'I/O group {io_group2}, config node {config_node2!w}, panel {panel2}; status {status3!w}, I/O group '
                    '{io_group3}, config node {config_node3!w}, panel {panel3}',
                    **_numbered(entries))
    if len(entries) == 4:
        return said('storage.node.all_ok.4',
                    'status {status1!w}, I/O group {io_group1}, config node {config_node1!w}, panel {panel1}; status {status2!w}, '
                    'I/O group {io_group2}, config node {config_node2!w}, panel {panel2}; status {status3!w}, I/O group '
                    '{io_group3}, config node {config_node3!w}, panel {panel3}; status {status4!w}, I/O group {io_group4}, config '
                    'node {config_node4!w}, panel {panel4}',
                    **_numbered(entries))
    if len(entries) == 5:
        return said('storage.node.all_ok.5',
                    'status {status1!w}, I/O group {io_group1}, config node {config_node1!w}, panel {panel1}; status {status2!w}, '
                    'I/O group {io_group2}, config node {config_node2!w}, panel {panel2}; status {status3!w}, I/O group '
                    '{io_group3}, config node {config_node3!w}, panel {panel3}; status {status4!w}, I/O group {io_group4}, config '
                    'node {config_node4!w}, panel {panel4}; status {status5!w}, I/O group {io_group5}, config node '
                    '{config_node5!w}, panel {panel5}',
                    **_numbered(entries))
    if len(entries) == 6:
        return said('storage.node.all_ok.6',
                    'status {status1!w}, I/O group {io_group1}, config node {config_node1!w}, panel {panel1}; status {status2!w}, '
                    'I/O group {io_group2}, config node {config_node2!w}, panel {panel2}; status {status3!w}, I/O group '
                    '{io_group3}, config node {config_node3!w}, panel {panel3}; status {status4!w}, I/O group {io_group4}, config '
                    'node {config_node4!w}, panel {panel4}; status {status5!w}, I/O group {io_group5}, config node '
                    '{config_node5!w}, panel {panel5}; status {status6!w}, I/O group {io_group6}, config node {config_node6!w}, '
                    'panel {panel6}',
                    **_numbered(entries))
    if len(entries) == 7:
        return said('storage.node.all_ok.7',
                    'status {status1!w}, I/O group {io_group1}, config node {config_node1!w}, panel {panel1}; status {status2!w}, '
                    'I/O group {io_group2}, config node {config_node2!w}, panel {panel2}; status {status3!w}, I/O group '
                    '{io_group3}, config node {config_node3!w}, panel {panel3}; status {status4!w}, I/O group {io_group4}, config '
                    'node {config_node4!w}, panel {panel4}; status {status5!w}, I/O group {io_group5}, config node '
                    '{config_node5!w}, panel {panel5}; status {status6!w}, I/O group {io_group6}, config node {config_node6!w}, '
                    'panel {panel6}; status {status7!w}, I/O group {io_group7}, config node {config_node7!w}, panel {panel7}',
                    **_numbered(entries))
    if len(entries) == 8:
        return said('storage.node.all_ok.8',
                    'status {status1!w}, I/O group {io_group1}, config node {config_node1!w}, panel {panel1}; status {status2!w}, '
                    'I/O group {io_group2}, config node {config_node2!w}, panel {panel2}; status {status3!w}, I/O group '
                    '{io_group3}, config node {config_node3!w}, panel {panel3}; status {status4!w}, I/O group {io_group4}, config '
                    'node {config_node4!w}, panel {panel4}; status {status5!w}, I/O group {io_group5}, config node '
                    '{config_node5!w}, panel {panel5}; status {status6!w}, I/O group {io_group6}, config node {config_node6!w}, '
                    'panel {panel6}; status {status7!w}, I/O group {io_group7}, config node {config_node7!w}, panel {panel7}; '
                    'status {status8!w}, I/O group {io_group8}, config node {config_node8!w}, panel {panel8}',
                    **_numbered(entries))
    return None


def _mdisks(entries):
    """storage.mdisk.all_ok: 1 to 6 entries (params of storage.storwize.mdisk), or None."""
    if len(entries) == 1:
        return said('storage.mdisk.all_ok.1',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}',
                    **_numbered(entries))
    if len(entries) == 2:
        return said('storage.mdisk.all_ok.2',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}; status {status2!w}, mode {mode2!w}, '
                    'pool {pool2}, capacity {capacity2}',
                    **_numbered(entries))
    if len(entries) == 3:
        return said('storage.mdisk.all_ok.3',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}; status {status2!w}, mode {mode2!w}, '
                    'pool {pool2}, capacity {capacity2}; status {status3!w}, mode {mode3!w}, pool {pool3}, capacity {capacity3}',
                    **_numbered(entries))
    if len(entries) == 4:
        return said('storage.mdisk.all_ok.4',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}; status {status2!w}, mode {mode2!w}, '
                    'pool {pool2}, capacity {capacity2}; status {status3!w}, mode {mode3!w}, pool {pool3}, capacity {capacity3}; '
                    'status {status4!w}, mode {mode4!w}, pool {pool4}, capacity {capacity4}',
                    **_numbered(entries))
    if len(entries) == 5:
        return said('storage.mdisk.all_ok.5',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}; status {status2!w}, mode {mode2!w}, '
                    'pool {pool2}, capacity {capacity2}; status {status3!w}, mode {mode3!w}, pool {pool3}, capacity {capacity3}; '
                    'status {status4!w}, mode {mode4!w}, pool {pool4}, capacity {capacity4}; status {status5!w}, mode {mode5!w}, '
                    'pool {pool5}, capacity {capacity5}',
                    **_numbered(entries))
    if len(entries) == 6:
        return said('storage.mdisk.all_ok.6',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}; status {status2!w}, mode {mode2!w}, '
                    'pool {pool2}, capacity {capacity2}; status {status3!w}, mode {mode3!w}, pool {pool3}, capacity {capacity3}; '
                    'status {status4!w}, mode {mode4!w}, pool {pool4}, capacity {capacity4}; status {status5!w}, mode {mode5!w}, '
                    'pool {pool5}, capacity {capacity5}; status {status6!w}, mode {mode6!w}, pool {pool6}, capacity {capacity6}',
                    **_numbered(entries))
    return None


def _mdisks_external(entries):
    """storage.mdisk.all_ok_external: 1 to 6 entries (params of storage.storwize.mdisk_external), or None."""
    if len(entries) == 1:
        return said('storage.mdisk.all_ok_external.1',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}, controller {controller1} LUN {lun1}',
                    **_numbered(entries))
    if len(entries) == 2:
        return said('storage.mdisk.all_ok_external.2',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}, controller {controller1} LUN {lun1}; '
                    'status {status2!w}, mode {mode2!w}, pool {pool2}, capacity {capacity2}, controller {controller2} LUN {lun2}',
                    **_numbered(entries))
    if len(entries) == 3:
        return said('storage.mdisk.all_ok_external.3',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}, controller {controller1} LUN {lun1}; '
                    'status {status2!w}, mode {mode2!w}, pool {pool2}, capacity {capacity2}, controller {controller2} LUN {lun2}; '
                    'status {status3!w}, mode {mode3!w}, pool {pool3}, capacity {capacity3}, controller {controller3} LUN {lun3}',
                    **_numbered(entries))
    if len(entries) == 4:
        return said('storage.mdisk.all_ok_external.4',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}, controller {controller1} LUN {lun1}; '
                    'status {status2!w}, mode {mode2!w}, pool {pool2}, capacity {capacity2}, controller {controller2} LUN {lun2}; '
                    'status {status3!w}, mode {mode3!w}, pool {pool3}, capacity {capacity3}, controller {controller3} LUN {lun3}; '
                    'status {status4!w}, mode {mode4!w}, pool {pool4}, capacity {capacity4}, controller {controller4} LUN {lun4}',
                    **_numbered(entries))
    if len(entries) == 5:
        return said('storage.mdisk.all_ok_external.5',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}, controller {controller1} LUN {lun1}; '
                    'status {status2!w}, mode {mode2!w}, pool {pool2}, capacity {capacity2}, controller {controller2} LUN {lun2}; '
                    'status {status3!w}, mode {mode3!w}, pool {pool3}, capacity {capacity3}, controller {controller3} LUN {lun3}; '
                    'status {status4!w}, mode {mode4!w}, pool {pool4}, capacity {capacity4}, controller {controller4} LUN {lun4}; '
                    'status {status5!w}, mode {mode5!w}, pool {pool5}, capacity {capacity5}, controller {controller5} LUN {lun5}',
                    **_numbered(entries))
    if len(entries) == 6:
        return said('storage.mdisk.all_ok_external.6',
                    'status {status1!w}, mode {mode1!w}, pool {pool1}, capacity {capacity1}, controller {controller1} LUN {lun1}; '
                    'status {status2!w}, mode {mode2!w}, pool {pool2}, capacity {capacity2}, controller {controller2} LUN {lun2}; '
                    'status {status3!w}, mode {mode3!w}, pool {pool3}, capacity {capacity3}, controller {controller3} LUN {lun3}; '
                    'status {status4!w}, mode {mode4!w}, pool {pool4}, capacity {capacity4}, controller {controller4} LUN {lun4}; '
                    'status {status5!w}, mode {mode5!w}, pool {pool5}, capacity {capacity5}, controller {controller5} LUN {lun5}; '
                    'status {status6!w}, mode {mode6!w}, pool {pool6}, capacity {capacity6}, controller {controller6} LUN {lun6}',
                    **_numbered(entries))
    return None


def _quorum(entries, index, index_type):
    """storage.quorum.all_ok: 1 to 5 entries (params of storage.storwize.quorum), or None."""
    if len(entries) == 1:
        return said('storage.quorum.all_ok.1',
                    'status {status1!w}, active {active1!w}, object {object_type1!w} {object1}; active quorum {index} '
                    '({index_type!w})',
                    index=index, index_type=index_type, **_numbered(entries))
    if len(entries) == 2:
        return said('storage.quorum.all_ok.2',
                    'status {status1!w}, active {active1!w}, object {object_type1!w} {object1}; status {status2!w}, active '
                    '{active2!w}, object {object_type2!w} {object2}; active quorum {index} ({index_type!w})',
                    index=index, index_type=index_type, **_numbered(entries))
    if len(entries) == 3:
        return said('storage.quorum.all_ok.3',
                    'status {status1!w}, active {active1!w}, object {object_type1!w} {object1}; status {status2!w}, active '
                    '{active2!w}, object {object_type2!w} {object2}; status {status3!w}, active {active3!w}, object '
                    '{object_type3!w} {object3}; active quorum {index} ({index_type!w})',
                    index=index, index_type=index_type, **_numbered(entries))
    if len(entries) == 4:
        return said('storage.quorum.all_ok.4',
                    'status {status1!w}, active {active1!w}, object {object_type1!w} {object1}; status {status2!w}, active '
                    '{active2!w}, object {object_type2!w} {object2}; status {status3!w}, active {active3!w}, object '
                    '{object_type3!w} {object3}; status {status4!w}, active {active4!w}, object {object_type4!w} {object4}; active '
                    'quorum {index} ({index_type!w})',
                    index=index, index_type=index_type, **_numbered(entries))
    if len(entries) == 5:
        return said('storage.quorum.all_ok.5',
                    'status {status1!w}, active {active1!w}, object {object_type1!w} {object1}; status {status2!w}, active '
                    '{active2!w}, object {object_type2!w} {object2}; status {status3!w}, active {active3!w}, object '
                    '{object_type3!w} {object3}; status {status4!w}, active {active4!w}, object {object_type4!w} {object4}; status '
                    '{status5!w}, active {active5!w}, object {object_type5!w} {object5}; active quorum {index} ({index_type!w})',
                    index=index, index_type=index_type, **_numbered(entries))
    return None


def _storwize_unread(entries):
    """storage.reach.storwize_unread: 1 to 10 entries (params of storage.cli.refused), or None."""
    if len(entries) == 1:
        return said('storage.reach.storwize_unread.1',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}',
                    **_numbered(entries))
    if len(entries) == 2:
        return said('storage.reach.storwize_unread.2',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}',
                    **_numbered(entries))
    if len(entries) == 3:
        return said('storage.reach.storwize_unread.3',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}; '
                    '{command3}: exit {rc3} {message3!q}',
                    **_numbered(entries))
    if len(entries) == 4:
        return said('storage.reach.storwize_unread.4',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}; '
                    '{command3}: exit {rc3} {message3!q}; {command4}: exit {rc4} {message4!q}',
                    **_numbered(entries))
    if len(entries) == 5:
        return said('storage.reach.storwize_unread.5',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}; '
                    '{command3}: exit {rc3} {message3!q}; {command4}: exit {rc4} {message4!q}; {command5}: exit {rc5} {message5!q}',
                    **_numbered(entries))
    if len(entries) == 6:
        return said('storage.reach.storwize_unread.6',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}; '
                    '{command3}: exit {rc3} {message3!q}; {command4}: exit {rc4} {message4!q}; {command5}: exit {rc5} '
                    '{message5!q}; {command6}: exit {rc6} {message6!q}',
                    **_numbered(entries))
    if len(entries) == 7:
        return said('storage.reach.storwize_unread.7',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}; '
                    '{command3}: exit {rc3} {message3!q}; {command4}: exit {rc4} {message4!q}; {command5}: exit {rc5} '
                    '{message5!q}; {command6}: exit {rc6} {message6!q}; {command7}: exit {rc7} {message7!q}',
                    **_numbered(entries))
    if len(entries) == 8:
        return said('storage.reach.storwize_unread.8',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}; '
                    '{command3}: exit {rc3} {message3!q}; {command4}: exit {rc4} {message4!q}; {command5}: exit {rc5} '
                    '{message5!q}; {command6}: exit {rc6} {message6!q}; {command7}: exit {rc7} {message7!q}; {command8}: exit '
                    '{rc8} {message8!q}',
                    **_numbered(entries))
    if len(entries) == 9:
        return said('storage.reach.storwize_unread.9',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}; '
                    '{command3}: exit {rc3} {message3!q}; {command4}: exit {rc4} {message4!q}; {command5}: exit {rc5} '
                    '{message5!q}; {command6}: exit {rc6} {message6!q}; {command7}: exit {rc7} {message7!q}; {command8}: exit '
                    '{rc8} {message8!q}; {command9}: exit {rc9} {message9!q}',
                    **_numbered(entries))
    if len(entries) == 10:
        return said('storage.reach.storwize_unread.10',
                    'Storwize CLI over SSH; not read: {command1}: exit {rc1} {message1!q}; {command2}: exit {rc2} {message2!q}; '
                    '{command3}: exit {rc3} {message3!q}; {command4}: exit {rc4} {message4!q}; {command5}: exit {rc5} '
                    '{message5!q}; {command6}: exit {rc6} {message6!q}; {command7}: exit {rc7} {message7!q}; {command8}: exit '
                    '{rc8} {message8!q}; {command9}: exit {rc9} {message9!q}; {command10}: exit {rc10} {message10!q}',
                    **_numbered(entries))
    return None


def _rest_errors(entries, port, device):
    """storage.reach.rest_unread: 1 to 4 entries (params of storage.rest.error), or None."""
    if len(entries) == 1:
        return said('storage.reach.rest_unread.1',
                    'REST API on port {port:d}, device {device}; not read: {request1}: error {code1} {description1!q}',
                    port=port, device=device, **_numbered(entries))
    if len(entries) == 2:
        return said('storage.reach.rest_unread.2',
                    'REST API on port {port:d}, device {device}; not read: {request1}: error {code1} {description1!q}; {request2}: '
                    'error {code2} {description2!q}',
                    port=port, device=device, **_numbered(entries))
    if len(entries) == 3:
        return said('storage.reach.rest_unread.3',
                    'REST API on port {port:d}, device {device}; not read: {request1}: error {code1} {description1!q}; {request2}: '
                    'error {code2} {description2!q}; {request3}: error {code3} {description3!q}',
                    port=port, device=device, **_numbered(entries))
    if len(entries) == 4:
        return said('storage.reach.rest_unread.4',
                    'REST API on port {port:d}, device {device}; not read: {request1}: error {code1} {description1!q}; {request2}: '
                    'error {code2} {description2!q}; {request3}: error {code3} {description3!q}; {request4}: error {code4} '
                    '{description4!q}',
                    port=port, device=device, **_numbered(entries))
    return None


def _rest_answers(entries, port, device):
    """storage.reach.rest_unread_answers: 1 to 4 entries (params of request and problem), or None."""
    if len(entries) == 1:
        return said('storage.reach.rest_unread_answers.1',
                    'REST API on port {port:d}, device {device}; not read: {request1}: {problem1!w}',
                    port=port, device=device, **_numbered(entries))
    if len(entries) == 2:
        return said('storage.reach.rest_unread_answers.2',
                    'REST API on port {port:d}, device {device}; not read: {request1}: {problem1!w}; {request2}: {problem2!w}',
                    port=port, device=device, **_numbered(entries))
    if len(entries) == 3:
        return said('storage.reach.rest_unread_answers.3',
                    'REST API on port {port:d}, device {device}; not read: {request1}: {problem1!w}; {request2}: {problem2!w}; '
                    '{request3}: {problem3!w}',
                    port=port, device=device, **_numbered(entries))
    if len(entries) == 4:
        return said('storage.reach.rest_unread_answers.4',
                    'REST API on port {port:d}, device {device}; not read: {request1}: {problem1!w}; {request2}: {problem2!w}; '
                    '{request3}: {problem3!w}; {request4}: {problem4!w}',
                    port=port, device=device, **_numbered(entries))
    return None
