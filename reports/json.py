"""The JSON report: the stable, documented, byte-for-byte deterministic form of a result.

Findings are written one at a time (a site of 10,000 pages has hundreds of thousands), in
exactly the bytes `json.dump(result.to_dict(), indent=2)` would give.
"""

import json

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


def _finding(data: dict) -> str:
    return "{\n" + ",\n".join(f"      {_encode_string(k)}: {_value(v)}" for k, v in data.items()) + "\n    }"


def render(result, stream, **_):
    head = _dumps(result.to_dict(findings=False))
    before, after = head.split('\n  "findings": [],\n', 1)
    stream.write(before + '\n  "findings": [')
    first = True
    for page in result.pages:
        for finding in page.findings:
            stream.write(("\n    " if first else ",\n    ") + _finding(finding.to_dict()))
            first = False
    stream.write(("]" if first else "\n  ]") + ",\n" + after + "\n")
