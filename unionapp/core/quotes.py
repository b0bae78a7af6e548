"""A name put between «…» in a sentence, the way Russian and Kyrgyz typography wants it.

Names of places and awards often carry their own quotes («Сокол» балдар лагери, or a badge
typed as «Отличник …» whole). Wrapped once more they read ««Сокол» балдар лагери» on a
refusal or, worse, on a certificate. ``inside_quotes`` gives the text to put between the
outer «»: a name quoted whole loses its own pair, quotes inside a name become „…“.
"""

from __future__ import annotations


def inside_quotes(name: str) -> str:
    """``name`` ready to stand between « and » (see the module docstring)."""
    text = name.strip()
    if text.startswith("«") and text.endswith("»") and text.count("«") == 1:
        return text[1:-1].strip()
    return text.replace("«", "„").replace("»", "“")
