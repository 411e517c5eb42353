# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Options of medops.itops.linux_inspect: the argument spec and its normalisation.

plugins/modules/linux_inspect.py documents exactly these options; the action plugin validates
task arguments against ARGUMENT_SPEC and then calls normalize() so that the collector script
and the parsers always see the same complete shape.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.text import EncodingError, check_encoding
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate

DEFAULT_LOG_PATTERN = 'ERROR|CRIT|FATAL|panic|Traceback'
DEFAULT_SINCE_MINUTES = 1440
DEFAULT_MAX_LINES = 100000

ARGUMENT_SPEC = {
    'critical_services': {'type': 'list', 'elements': 'raw', 'default': []},
    'logs': {
        'type': 'list', 'elements': 'dict', 'default': [],
        'options': {
            'path': {'type': 'path', 'required': True},
            'pattern': {'type': 'str', 'default': DEFAULT_LOG_PATTERN},
            'since_minutes': {'type': 'int', 'default': DEFAULT_SINCE_MINUTES},
            'max_lines': {'type': 'int', 'default': DEFAULT_MAX_LINES},
        },
    },
    'certificates': {'type': 'list', 'elements': 'path', 'default': []},
    'expected_ports': {'type': 'list', 'elements': 'int'},
    'expected_privileged': {'type': 'list', 'elements': 'str'},
    'readonly_ok': {'type': 'list', 'elements': 'path', 'default': []},
    'ntp': {'type': 'bool', 'default': True},
    'updates': {'type': 'bool', 'default': True},
    'auth': {'type': 'bool', 'default': True},
    'auth_since_minutes': {'type': 'int', 'default': DEFAULT_SINCE_MINUTES},
    'thresholds': {'type': 'dict'},
    'sysstat': {'type': 'bool', 'default': False},
    'sysstat_since_hours': {'type': 'int', 'default': 744},
    'sample_seconds': {'type': 'int', 'default': 1},
    'timeout': {'type': 'int', 'default': 60},
    # None: the host's itops_text_encoding, else auto (UTF-8, then GB18030); see module_utils/inspection/text.py.
    'text_encoding': {'type': 'str'},
}


class OptionError(ValueError):
    """An option value that passed the type check but cannot be used; the message names it."""


def _service(entry):
    if isinstance(entry, str):
        entry = {'name': entry}
    if not isinstance(entry, dict) or not entry.get('name'):
        raise OptionError('critical_services: each entry must be a name or a mapping with name '
                          '(and optionally process, port), got %r' % (entry,))
    unknown = set(entry) - set(('name', 'process', 'port'))
    if unknown:
        raise OptionError('critical_services[%s]: unknown keys %s' % (entry['name'], ', '.join(sorted(unknown))))
    port = entry.get('port')
    if port is not None:
        try:
            port = int(port)
        except (TypeError, ValueError):
            raise OptionError('critical_services[%s]: port must be an integer, got %r' % (entry['name'], port))
        if not 0 < port < 65536:
            raise OptionError('critical_services[%s]: port %d is out of range' % (entry['name'], port))
    return {'name': str(entry['name']), 'process': entry.get('process') or None, 'port': port}


def normalize(params, host='the host'):
    """Fill defaults and check ranges; returns a new dict. Raises OptionError.

    Unusable thresholds are dropped (their defaults apply) and named in opts['warnings'].
    """
    opts = {}
    for key, spec in ARGUMENT_SPEC.items():
        value = params.get(key)
        if value is None:
            value = spec.get('default')
            value = list(value) if isinstance(value, list) else value
        opts[key] = value
    opts['critical_services'] = [_service(e) for e in opts['critical_services'] or []]
    logs = []
    for log in opts['logs'] or []:
        log = dict(log)
        for key, default in (('pattern', DEFAULT_LOG_PATTERN), ('since_minutes', DEFAULT_SINCE_MINUTES),
                             ('max_lines', DEFAULT_MAX_LINES)):
            if log.get(key) is None:
                log[key] = default
        if not log.get('path'):
            raise OptionError('logs: every entry needs a path')
        if int(log['since_minutes']) < 1 or int(log['max_lines']) < 1:
            raise OptionError('logs[%s]: since_minutes and max_lines must be positive' % log['path'])
        logs.append(log)
    opts['logs'] = logs
    if not 1 <= opts['timeout'] <= 3600:
        raise OptionError('timeout must be between 1 and 3600 seconds, got %r' % opts['timeout'])
    if not 0 <= opts['sample_seconds'] <= 60 or opts['sample_seconds'] >= opts['timeout']:
        raise OptionError('sample_seconds must be between 0 and 60 and below timeout, got %r' % opts['sample_seconds'])
    if not 1 <= opts['sysstat_since_hours'] <= 24 * 31:
        raise OptionError('sysstat_since_hours must be between 1 and 744 (31 days), got %r' % opts['sysstat_since_hours'])
    if opts['auth_since_minutes'] < 1:
        raise OptionError('auth_since_minutes must be positive, got %r' % opts['auth_since_minutes'])
    for port in opts['expected_ports'] or []:
        if not 0 < int(port) < 65536:
            raise OptionError('expected_ports: %r is not a TCP port' % port)
    opts['thresholds'], opts['warnings'] = validate.thresholds(host, opts['thresholds'])
    try:
        opts['text_encoding'] = check_encoding(opts['text_encoding'])
    except EncodingError as exc:
        raise OptionError(str(exc))
    return opts
