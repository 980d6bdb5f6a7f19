"""Making page text safe to print on a terminal."""

import re

# C0 and C1 controls (escape sequences start with ESC or CSI), keeping none: page text
# must not move the cursor, retitle the window or hide lines.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return _CONTROLS.sub(lambda m: " " if m.group() in "\t\n\r" else "\ufffd", text)
