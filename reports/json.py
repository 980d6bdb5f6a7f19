"""The JSON report: the stable, documented, byte-for-byte deterministic form of a result.

Findings are written one at a time (a site of 10,000 pages has hundreds of thousands), in
exactly the bytes `json.dump(result.to_dict(), indent=2)` would give.
"""

import json

FORMAT = "json"


def _dumps(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def render(result, stream, **_):
    head = _dumps(result.to_dict(findings=False))
    before, after = head.split('\n  "findings": [],\n', 1)
    stream.write(before + '\n  "findings": [')
    first = True
    for page in result.pages:
        for finding in page.findings:
            stream.write(("\n    " if first else ",\n    ") + _dumps(finding.to_dict()).replace("\n", "\n    "))
            first = False
    stream.write(("]" if first else "\n  ]") + ",\n" + after + "\n")
