# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which profile inspects a device: a named one, else its sysObjectID, else what it answers.

Order (docs/snmp.md, "Detection"):

1. a named profile (host variable itops_snmp_profile, task option profile) is used as it is;
2. else the profile whose `match` rule fits sysObjectID (and sysDescr), if the device answers the
   OIDs in its `requires` (a Huawei UPS2000 card has the UPS5000's sysObjectID but only RFC 1628);
3. else the profiles with a `capability` are probed, highest `priority` first, and the first whose
   OID answers is chosen (ups_rfc1628 by upsIdentManufacturer, host_resources by hrSystemUptime,
   generic_snmp by IF-MIB ifNumber);
4. else `fallback` (generic_snmp).

3 and 4 are generic: no model profile reads the device, so the inspection says so (the item
`snmp.profile.generic`, a warning) instead of presenting the device as fully inspected.

Cost: every OID that can be asked by GET (the `requires` of a matched profile and every capability
OID) goes into ONE GET request; a column OID that the GET does not answer costs one GETBULK of one
row, asked only when it is reached. A device with no sysObjectID profile costs one request more
than before; a named profile or a match without `requires` costs nothing.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item
from ansible_collections.medops.itops.plugins.module_utils.snmp import transforms as tf
from ansible_collections.medops.itops.plugins.module_utils.snmp.engine import SnmpAuthError, SnmpError, SnmpTimeout
from ansible_collections.medops.itops.plugins.module_utils.snmp.schema import ProfileError

FALLBACK = 'generic_snmp'
GENERIC_ITEM = 'snmp.profile.generic'
# The standard MIBs a capability OID may belong to, named in the finding ("standard UPS-MIB checks only").
STANDARD_MIBS = (
    ('1.3.6.1.2.1.33', 'UPS-MIB'),
    ('1.3.6.1.2.1.25', 'HOST-RESOURCES-MIB'),
    ('1.3.6.1.2.1.99', 'ENTITY-SENSOR-MIB'),
    ('1.3.6.1.2.1.47', 'ENTITY-MIB'),
    ('1.3.6.1.2.1.31', 'IF-MIB'),
    ('1.3.6.1.2.1.2', 'IF-MIB'),
)


def _under(oid, prefix):
    return oid == prefix or oid.startswith(prefix + '.')


def mib_of(oid):
    """The standard MIB an OID belongs to ('UPS-MIB'), or None."""
    oid = oid.lstrip('.')
    for prefix, name in STANDARD_MIBS:
        if _under(oid, prefix):
            return name
    return None


def capabilities(loader):
    """[(priority, name, oid)] of the profiles with a `capability`, highest priority first (then by name).

    A profile that does not load is left out of probing (naming it as itops_snmp_profile shows its error).
    """
    found = []
    for name in loader.names():
        try:
            capability = loader.load(name).get('capability')
        except ProfileError:
            continue
        if capability:
            found.append((-float(capability.get('priority', 0)), name, capability['oid'].lstrip('.')))
    return [(-neg, name, oid) for neg, name, oid in sorted(found)]


async def _get_answers(engine, oids):
    """{oid: value} for these OIDs in one GET (value None: not served).

    SNMPv1 answers noSuchName for the whole request when one OID is absent: then each OID is asked
    alone. A timeout or rejected credentials is the device's finding and propagates.
    """
    oids = list(dict.fromkeys(oids))
    if not oids:
        return {}
    try:
        return dict(zip(oids, [value for _oid, value in await engine.get(oids)]))
    except (SnmpTimeout, SnmpAuthError):
        raise
    except SnmpError:
        pass
    answers = {}
    for oid in oids:
        try:
            answers[oid] = (await engine.get([oid]))[0][1]
        except (SnmpTimeout, SnmpAuthError):
            raise
        except SnmpError:
            answers[oid] = None
    return answers


async def _first_row(engine, column):
    """Whether a column (or subtree) has at least one object: one GETBULK of one row (GETNEXT on v1)."""
    saved = engine.max_repetitions
    engine.max_repetitions = 1
    try:
        engine.requests += 1
        # The engine's walk reads a whole column; one row is all detection needs.
        batch = await engine._bulk(column)  # pylint: disable=protected-access
    except (SnmpTimeout, SnmpAuthError):
        raise
    except SnmpError:
        return False
    finally:
        engine.max_repetitions = saved
    engine.varbinds += len(batch)
    return any(_under(oid, column) and oid != column and value is not None for oid, value in batch)


async def _answers(engine, answers, oid, tolerant=False):
    """Whether the device serves `oid`: the GET's answer, else (not a .0 scalar) a one-row walk of it."""
    if answers.get(oid) is not None:
        return True
    if tolerant and oid.endswith('.0') and answers.get(oid[:-2]) is not None:
        return True
    if oid.endswith('.0'):
        return False
    return await _first_row(engine, oid)


async def _missing_requirement(engine, answers, profile):
    """The first OID of profile['requires'] the device does not serve, or None."""
    for oid in profile.get('requires') or []:
        if not await _answers(engine, answers, oid.lstrip('.')):
            return oid.lstrip('.')
    return None


def _checks_only(profile, oid):
    mib = mib_of(oid) if oid else None
    if mib:
        return 'standard %s checks only' % mib
    return '%s checks only' % (profile.get('description') or profile['name'])


async def choose(engine, loader, system, named=None, named_by='task option profile', fallback=FALLBACK):
    """(profile, how it was chosen, generic) for a device whose system group is `system`.

    `generic` is True when no model profile reads the device (a capability profile or the fallback
    was chosen): the caller adds generic_item(). A named profile that is broken raises ProfileError.
    """
    if named:
        return loader.load(named), named_by, False
    sys_oid = tf.to_text(system.get('sysObjectID')) or '(none)'
    matched = loader.detect(tf.to_text(system.get('sysObjectID')), tf.to_text(system.get('sysDescr')))
    profile = loader.load(matched) if matched else None
    if profile is not None and not profile.get('requires'):
        return profile, 'detected from sysObjectID %s' % sys_oid, False
    caps = capabilities(loader)
    oids = [o.lstrip('.') for o in (profile or {}).get('requires') or []]
    for _priority, _name, oid in caps:
        oids.append(oid)
        if oid.endswith('.0'):
            # Seen in a public recording of a UPS card: the scalar served without its .0 instance.
            oids.append(oid[:-2])
    answers = await _get_answers(engine, oids)
    if profile is not None:
        missing = await _missing_requirement(engine, answers, profile)
        if missing is None:
            return profile, 'detected from sysObjectID %s, its required OIDs answer' % sys_oid, False
        why = 'no model profile for sysObjectID %s (it matches %s, which the device does not serve: no answer to %s)' % (
            sys_oid, profile['name'], missing)
    else:
        why = 'no model profile for sysObjectID %s' % sys_oid
    for _priority, name, oid in caps:
        if await _answers(engine, answers, oid, tolerant=True):
            chosen = loader.load(name)
            return chosen, '%s; %s (profile %s, chosen because %s answers)' % (why, _checks_only(chosen, oid), name, oid), True
    chosen = loader.load(fallback)
    return chosen, '%s and no standard MIB of the probe answers; only what the fallback profile %s reads (%s)' % (
        why, fallback, chosen.get('description') or fallback), True


def generic_item(system, profile, how):
    """The finding of a device no model profile reads: a warning naming the sysObjectID and what was used."""
    sys_oid = tf.to_text(system.get('sysObjectID')) or '(none)'
    return make_item(GENERIC_ITEM, subject=sys_oid, value=profile['name'], status='warning',
                     detail='%s; write or name a profile for this model (docs/snmp.md) to inspect it fully' % how)
