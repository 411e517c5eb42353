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
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
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


TASK_OPTION = said('snmp.how.task_option', 'task option profile')
HOST_VARIABLE = said('snmp.how.host_variable', 'host variable itops_snmp_profile')


def _by_capability(sys_oid, matched, missing, chosen, oid):
    """How a capability profile was chosen (matched/missing: the sysObjectID profile the device does not serve, or None)."""
    mib = mib_of(oid) if oid else None
    description = chosen.get('description') or chosen['name']
    if matched and mib:
        return said('snmp.how.unserved_capability_mib', 'no model profile for sysObjectID {sys_oid} (it matches {matched}, which the device does not '
                    'serve: no answer to {missing}); standard {mib} checks only (profile {profile}, chosen because {oid} answers)',
                    sys_oid=sys_oid, matched=matched, missing=missing, mib=mib, profile=chosen['name'], oid=oid)
    if matched:
        return said('snmp.how.unserved_capability', 'no model profile for sysObjectID {sys_oid} (it matches {matched}, which the device does not '
                    'serve: no answer to {missing}); {description!w} checks only (profile {profile}, chosen because {oid} answers)',
                    sys_oid=sys_oid, matched=matched, missing=missing, description=description, profile=chosen['name'], oid=oid)
    if mib:
        return said('snmp.how.capability_mib', 'no model profile for sysObjectID {sys_oid}; standard {mib} checks only (profile {profile}, '
                    'chosen because {oid} answers)', sys_oid=sys_oid, mib=mib, profile=chosen['name'], oid=oid)
    return said('snmp.how.capability', 'no model profile for sysObjectID {sys_oid}; {description!w} checks only (profile {profile}, '
                'chosen because {oid} answers)', sys_oid=sys_oid, description=description, profile=chosen['name'], oid=oid)


def _by_fallback(sys_oid, matched, missing, chosen, fallback):
    description = chosen.get('description') or fallback
    if matched:
        return said('snmp.how.unserved_fallback', 'no model profile for sysObjectID {sys_oid} (it matches {matched}, which the device does not '
                    'serve: no answer to {missing}) and no standard MIB of the probe answers; only what the fallback profile {fallback} reads '
                    '({description!w})', sys_oid=sys_oid, matched=matched, missing=missing, fallback=fallback, description=description)
    return said('snmp.how.fallback', 'no model profile for sysObjectID {sys_oid} and no standard MIB of the probe answers; only what the '
                'fallback profile {fallback} reads ({description!w})', sys_oid=sys_oid, fallback=fallback, description=description)


async def choose(engine, loader, system, named=None, named_by=TASK_OPTION, fallback=FALLBACK):
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
        return profile, said('snmp.how.detected', 'detected from sysObjectID {sys_oid}', sys_oid=sys_oid), False
    caps = capabilities(loader)
    oids = [o.lstrip('.') for o in (profile or {}).get('requires') or []]
    for _priority, _name, oid in caps:
        oids.append(oid)
        if oid.endswith('.0'):
            # Seen in a public recording of a UPS card: the scalar served without its .0 instance.
            oids.append(oid[:-2])
    answers = await _get_answers(engine, oids)
    matched = missing = None
    if profile is not None:
        missing = await _missing_requirement(engine, answers, profile)
        if missing is None:
            return profile, said('snmp.how.detected_required', 'detected from sysObjectID {sys_oid}, its required OIDs answer', sys_oid=sys_oid), False
        matched = profile['name']
    for _priority, name, oid in caps:
        if await _answers(engine, answers, oid, tolerant=True):
            chosen = loader.load(name)
            return chosen, _by_capability(sys_oid, matched, missing, chosen, oid), True
    chosen = loader.load(fallback)
    return chosen, _by_fallback(sys_oid, matched, missing, chosen, fallback), True


def generic_item(system, profile, how):
    """The finding of a device no model profile reads: a warning naming the sysObjectID and what was used."""
    sys_oid = tf.to_text(system.get('sysObjectID')) or '(none)'
    return make_item(GENERIC_ITEM, subject=sys_oid, value=profile['name'], status='warning', detail=generic_detail(how))


def _how(how):
    return getattr(how, 'detail_id', None), dict(getattr(how, 'params', None) or {})


def generic_detail(how):
    """'<how>; write or name a profile ...', said in one piece for each way a generic profile is chosen."""
    kind, params = _how(how)
    if kind == 'snmp.how.unserved_capability_mib':
        return said('snmp.generic.unserved_capability_mib', 'no model profile for sysObjectID {sys_oid} (it matches {matched}, which the device '
                    'does not serve: no answer to {missing}); standard {mib} checks only (profile {profile}, chosen because {oid} answers); '
                    'write or name a profile for this model (docs/snmp.md) to inspect it fully', **params)
    if kind == 'snmp.how.unserved_capability':
        return said('snmp.generic.unserved_capability', 'no model profile for sysObjectID {sys_oid} (it matches {matched}, which the device '
                    'does not serve: no answer to {missing}); {description!w} checks only (profile {profile}, chosen because {oid} answers); '
                    'write or name a profile for this model (docs/snmp.md) to inspect it fully', **params)
    if kind == 'snmp.how.capability_mib':
        return said('snmp.generic.capability_mib', 'no model profile for sysObjectID {sys_oid}; standard {mib} checks only (profile {profile}, '
                    'chosen because {oid} answers); write or name a profile for this model (docs/snmp.md) to inspect it fully', **params)
    if kind == 'snmp.how.capability':
        return said('snmp.generic.capability', 'no model profile for sysObjectID {sys_oid}; {description!w} checks only (profile {profile}, '
                    'chosen because {oid} answers); write or name a profile for this model (docs/snmp.md) to inspect it fully', **params)
    if kind == 'snmp.how.unserved_fallback':
        return said('snmp.generic.unserved_fallback', 'no model profile for sysObjectID {sys_oid} (it matches {matched}, which the device '
                    'does not serve: no answer to {missing}) and no standard MIB of the probe answers; only what the fallback profile {fallback} '
                    'reads ({description!w}); write or name a profile for this model (docs/snmp.md) to inspect it fully', **params)
    if kind == 'snmp.how.fallback':
        return said('snmp.generic.fallback', 'no model profile for sysObjectID {sys_oid} and no standard MIB of the probe answers; only what '
                    'the fallback profile {fallback} reads ({description!w}); write or name a profile for this model (docs/snmp.md) to '
                    'inspect it fully', **params)
    return said('snmp.generic.other', '{how!q}; write or name a profile for this model (docs/snmp.md) to inspect it fully', how=str(how))


def reach_detail(version, name, how):
    """'SNMPv<version>, profile <name> (<how>)' of a device that answered, said in one piece for each way its profile was chosen."""
    kind, params = _how(how)
    params.update(version=version, profile=name)
    if kind == 'snmp.how.task_option':
        return said('snmp.reach.task_option', 'SNMPv{version}, profile {profile} (task option profile)', **params)
    if kind == 'snmp.how.host_variable':
        return said('snmp.reach.host_variable', 'SNMPv{version}, profile {profile} (host variable itops_snmp_profile)', **params)
    if kind == 'snmp.how.detected':
        return said('snmp.reach.detected', 'SNMPv{version}, profile {profile} (detected from sysObjectID {sys_oid})', **params)
    if kind == 'snmp.how.detected_required':
        return said('snmp.reach.detected_required', 'SNMPv{version}, profile {profile} (detected from sysObjectID {sys_oid}, '
                    'its required OIDs answer)', **params)
    if kind == 'snmp.how.unserved_capability_mib':
        return said('snmp.reach.unserved_capability_mib', 'SNMPv{version}, profile {profile} (no model profile for sysObjectID {sys_oid} '
                    '(it matches {matched}, which the device does not serve: no answer to {missing}); standard {mib} checks only '
                    '(profile {profile}, chosen because {oid} answers))', **params)
    if kind == 'snmp.how.unserved_capability':
        return said('snmp.reach.unserved_capability', 'SNMPv{version}, profile {profile} (no model profile for sysObjectID {sys_oid} '
                    '(it matches {matched}, which the device does not serve: no answer to {missing}); {description!w} checks only '
                    '(profile {profile}, chosen because {oid} answers))', **params)
    if kind == 'snmp.how.capability_mib':
        return said('snmp.reach.capability_mib', 'SNMPv{version}, profile {profile} (no model profile for sysObjectID {sys_oid}; '
                    'standard {mib} checks only (profile {profile}, chosen because {oid} answers))', **params)
    if kind == 'snmp.how.capability':
        return said('snmp.reach.capability', 'SNMPv{version}, profile {profile} (no model profile for sysObjectID {sys_oid}; '
                    '{description!w} checks only (profile {profile}, chosen because {oid} answers))', **params)
    if kind == 'snmp.how.unserved_fallback':
        return said('snmp.reach.unserved_fallback', 'SNMPv{version}, profile {profile} (no model profile for sysObjectID {sys_oid} '
                    '(it matches {matched}, which the device does not serve: no answer to {missing}) and no standard MIB of the probe '
                    'answers; only what the fallback profile {fallback} reads ({description!w}))', **params)
    if kind == 'snmp.how.fallback':
        return said('snmp.reach.fallback', 'SNMPv{version}, profile {profile} (no model profile for sysObjectID {sys_oid} and no standard '
                    'MIB of the probe answers; only what the fallback profile {fallback} reads ({description!w}))', **params)
    return said('snmp.reach.answered', 'SNMPv{version}, profile {profile} ({how!q})', version=version, profile=name, how=str(how))
