"""The Storwize CLI of a lab array: run by sshd as ForceCommand, one command per SSH exec request.

Reads the command from $SSH_ORIGINAL_COMMAND and the array's data (JSON from arrays.py) from the
file named by argv[1], and prints the CLI's views as documented for IBM Storwize / Spectrum
Virtualize: `lssystem` in the detailed view (`attribute<delim>value` per line), `lsenclosure`,
`lsmdiskgrp`, `lsdrive`, `lseventlog`, `lsmdisk`, `lsnodecanister`, `lsnode`, `lsenclosurebattery`,
`lsenclosurepsu`, `lsquorum` in the concise view (a header line unless -nohdr, then one line per
object; an empty list prints nothing, header included, as the CLI does). A view the data file
does not have (an array file written before it existed, or an `unsupported` list in it) answers
like a command of another code level: CMMVC6051E. `-delim X` separates fields with X (default: aligned columns); `-bytes` gives
lsmdiskgrp capacities in bytes (default: rounded with a unit). Filters are accepted and ignored,
except `-fixed no`/`-alert yes` of lseventlog, which the data already satisfies.
Unknown commands answer `CMMVC6051E An unsupported command was specified.` with exit 1.
"""
import json
import os
import shlex
import sys

DETAILED = ('lssystem',)
CONCISE = ('lsenclosure', 'lsmdiskgrp', 'lsdrive', 'lseventlog', 'lsmdisk', 'lsnodecanister', 'lsnode', 'lsenclosurebattery',
           'lsenclosurepsu', 'lsquorum')
BYTE_FIELDS = ('capacity', 'free_capacity', 'virtual_capacity', 'used_capacity', 'real_capacity')
FLAGS_WITH_VALUE = ('-delim', '-filtervalue', '-order', '-fixed', '-alert', '-message', '-monitoring', '-expired', '-count', '-gui')


def _units(value):
    number = float(value)
    for unit in ('B', 'KB', 'MB', 'GB', 'TB', 'PB'):
        if number < 1024 or unit == 'PB':
            return '%.2f%s' % (number, unit)
        number /= 1024.0
    return value


def parse_args(words):
    options, positional, index = {}, [], 0
    while index < len(words):
        word = words[index]
        if word in FLAGS_WITH_VALUE and index + 1 < len(words):
            options[word] = words[index + 1]
            index += 2
            continue
        if word.startswith('-'):
            options[word] = True
        else:
            positional.append(word)
        index += 1
    return options, positional


def render(command, options, data):
    delim = options.get('-delim')
    if command in DETAILED:
        return ['%s%s%s' % (key, delim or ' ', value) for key, value in data[command].items()]
    rows = [dict(row) for row in data[command]]
    if command == 'lsmdiskgrp' and not options.get('-bytes'):
        for row in rows:
            for field in BYTE_FIELDS:
                row[field] = _units(row[field])
    if not rows:
        return []
    header = list(rows[0])
    table = ([] if options.get('-nohdr') else [header]) + [[row[key] for key in header] for row in rows]
    if delim:
        return [delim.join(line) for line in table]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    return [' '.join(value.ljust(width) for value, width in zip(line, widths)).rstrip() for line in table]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    words = shlex.split(os.environ.get('SSH_ORIGINAL_COMMAND', ''))
    if not words:
        sys.stderr.write('CMMVC7205E The command failed because it is not supported in an interactive session of this lab.\n')
        return 1
    command = words[0].replace('svcinfo ', '')
    if command in ('svcinfo', 'svctask') and len(words) > 1:
        command, words = words[1], words[1:]
    if command not in DETAILED + CONCISE:
        sys.stderr.write('CMMVC6051E An unsupported command was specified.\n')
        return 1
    options, _positional = parse_args(words[1:])
    with open(argv[0], encoding='utf-8') as handle:
        data = json.load(handle)
    if command not in data or command in (data.get('unsupported') or ()):
        sys.stderr.write('CMMVC6051E An unsupported command was specified.\n')
        return 1
    lines = render(command, options, data)
    if lines:
        sys.stdout.write('\n'.join(lines) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
