# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storage details that are lists, said() in one piece.

Each entry is a said() detail of its own (an enclosure, a battery, a refused command); the list is
one said() whose parameter is said_list(entries), so a report says a list of any length in its
language. A list with an entry that is not a said() detail keeps only its English text. Also here:
the "gave no usable answer" detail of a section that was not read, whatever the vendor's reason.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said, said_list

NOT_READ = 'not read'


def unanswered(source, reason):
    """'<source> gave no usable answer: <reason>' (source: the command or request; reason: the vendor module's said())."""
    if getattr(reason, 'detail_id', None) is not None:
        return said('storage.missing.reason', '{source} gave no usable answer: {reason}', source=source, reason=reason)
    if reason == NOT_READ:
        return said('storage.missing.not_read', '{source} gave no usable answer: not read', source=source)
    return said('storage.missing.other', '{source} gave no usable answer: {reason!q}', source=source, reason=str(reason))


def storwize_reach(failures):
    """The storage.reach detail of a Storwize array that answered: 'Storwize CLI over SSH', then what was not read."""
    if not failures:
        return said('storage.reach.storwize', 'Storwize CLI over SSH')
    return said('storage.reach.storwize_unread', 'Storwize CLI over SSH; not read: {failures}', failures=said_list(failures))


def rest_reach(port, device, problems):
    """The storage.reach detail of a REST array that answered: port and device, then the requests not answered."""
    port = int(port)
    if not problems:
        return said('storage.reach.rest', 'REST API on port {port:d}, device {device}', port=port, device=device)
    return said('storage.reach.rest_unread', 'REST API on port {port:d}, device {device}; not read: {problems}',
                port=port, device=device, problems=said_list(problems))


def enclosures(details):
    """storage.system.health detail of Storwize: its enclosures (storage.storwize.enclosure each)."""
    if not details:
        return said('storage.storwize.no_enclosure', 'no enclosure listed')
    return said('storage.storwize.enclosures', '{enclosures}', enclosures=said_list(details))


def summary(kind, found):
    """The detail of a component kind whose components are all ok: their details (None: the kind lists none)."""
    details = [c.get('detail') or c['name'] for c in found]
    if not details:
        return None
    return said('storage.components.all_ok', '{components}', components=said_list(details))


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
