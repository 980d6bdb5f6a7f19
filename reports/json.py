"""The JSON report: the stable, documented, byte-for-byte deterministic form of a result.

Findings are written one at a time (a site of 10,000 pages has hundreds of thousands), in
exactly the bytes `json.dump(result.to_dict(), indent=2)` would give.
"""

import json

from auditor.finding import Finding, Severity

FORMAT = "json"


def _dumps(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


# json.dumps with `indent` runs the pure-Python encoder; a finding is a flat dict of strings
# and numbers, so lay it out by hand (with the C encoder for each value), as dumps would.
# Strings go straight to the C string encoder and ints to int's repr: JSONEncoder.encode
# would choose the same.
_encode = json.JSONEncoder(ensure_ascii=False).encode
_encode_string = json.encoder.encode_basestring


def _value(v) -> str:
    kind = type(v)
    if kind is str:
        return _encode_string(v)
    if kind is int:  # what the encoder writes for an int (not a bool, an int subclass)
        return int.__repr__(v)
    return _encode(v)


# Finding.to_dict() laid out as json.dumps(indent=2) would lay it out, straight from the
# fields: a site's report has hundreds of thousands, and a dict per finding was a third of
# the writing. tests/test_cli.py holds the report equal to json.dumps of result.to_dict().
_SEVERITY = {s: _encode_string(s.label) for s in Severity}


def _finding_fields(f: Finding) -> str:
    return (f'{{\n      "rule": {_encode_string(f.rule)},\n      "severity": {_SEVERITY[f.severity]},\n'
            f'      "page": {_encode_string(f.page)},\n      "line": {_value(f.line)},\n'
            f'      "column": {_value(f.column)},\n      "selector": {_encode_string(f.selector)},\n'
            f'      "message": {_encode_string(f.message)},\n      "snippet": {_encode_string(f.snippet)},\n'
            f'      "fingerprint": {_encode_string(f.fingerprint)}{_related(f)}\n    }}')


def _related(f: Finding) -> str:
    """The `related` member, only when the finding has other places (they are few): as dumps writes it."""
    if not f.related:
        return ""
    places = _dumps([r.to_dict() for r in f.related]).replace("\n", "\n      ")
    return f',\n      "related": {places}'


def render(result, stream, **_):
    head = _dumps(result.to_dict(findings=False))
    before, after = head.split('\n  "findings": [],\n', 1)
    stream.write(before + '\n  "findings": [')
    write = stream.write
    first = True
    for page in result.pages:
        if page.findings:  # a page's findings in one write
            rendered = ",\n    ".join(map(_finding_fields, page.findings))
            write(("\n    " if first else ",\n    ") + rendered)
            first = False
    write(("]" if first else "\n  ]") + ",\n" + after + "\n")
