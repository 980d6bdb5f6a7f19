"""The JSON report: the stable, documented, byte-for-byte deterministic form of a result."""

import json

FORMAT = "json"


def render(result, stream, **_):
    json.dump(result.to_dict(), stream, indent=2, sort_keys=False, ensure_ascii=False)
    stream.write("\n")
