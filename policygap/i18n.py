"""The language of everything policygap says: help, messages, output words.

Messages are written in code in English, wrapped in ``_()``, with named
placeholders filled after translation (``_(text, lang)`` for a language
other than the one in force)::

    from .i18n import _
    raise PolicygapError(_("unknown region {region}").format(region=name))

The Chinese (and any other) wording comes from a gettext catalogue under
``policygap/locale/<lang>/LC_MESSAGES/policygap.mo`` (see
policygap/locale/README.md). The command line chooses the language once per
run: ``--lang``, else ``POLICYGAP_LANG``, else Chinese. Used as a library,
without a choice made, policygap speaks ``POLICYGAP_LANG`` or else the
English of the code.

``N_()`` marks a string for the catalogue without translating it, for text
defined at import time and translated later with ``_()``.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = "policygap"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("zh", "en")
DEFAULT = "zh"

_current: str | None = None


def normalise(lang: str | None) -> str | None:
    """'zh_CN.UTF-8', 'ZH', 'zh-Hans' -> 'zh'; unknown -> None."""
    if not lang:
        return None
    if lang in LANGUAGES:  # the usual case, asked once per message
        return lang
    base = lang.strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    return base if base in LANGUAGES else None


def set_language(lang: str | None) -> str:
    """Use ``lang`` (else POLICYGAP_LANG, else Chinese) from now on; returns it."""
    global _current
    _current = normalise(lang) or normalise(os.environ.get("POLICYGAP_LANG")) or DEFAULT
    return _current


def language() -> str:
    """The language in force: the one chosen, else POLICYGAP_LANG, else English."""
    return _current or normalise(os.environ.get("POLICYGAP_LANG")) or "en"


def is_chosen() -> bool:
    return _current is not None


def reset() -> None:
    """Forget the choice (between commands run in one process, e.g. tests)."""
    global _current
    _current = None


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


class Message(str):
    """A translated message that remembers its English original (``msgid``),
    through ``.format()``: a problem's stable code is looked up by it."""

    msgid = ""

    def format(self, *args, **kwargs) -> "Message":  # noqa: A003 - str's own name
        args = [_Figure(a) if isinstance(a, float) else a for a in args]  # numpy's floats too
        kwargs = {k: _Figure(v) if isinstance(v, float) else v for k, v in kwargs.items()}
        return _message(str.format(self, *args, **kwargs), self.msgid)


def figure_text(value) -> str:
    """A figure as a message writes it: whole, as in the file (5000000)."""
    return format(_Figure(value), "g")


class _Figure(float):
    """A figure in a message: ``{value:g}`` writes it whole (5000000, 1234567.8),
    not in six digits (5e+06, 1.23457e+06), which would not be the figure
    in the file."""

    def __format__(self, spec: str) -> str:
        if spec == "g":
            text = f"{float(self):.15g}"
            return text if "e" not in text else repr(float(self))
        return float.__format__(self, spec)


def _message(text: str, msgid: str) -> Message:
    m = Message(text)
    m.msgid = msgid
    return m


def _(message: str, lang: str | None = None) -> Message:
    """``message`` in the language in force (or in ``lang`` when given)."""
    return _translated(message, normalise(lang) or language())


@lru_cache(maxsize=4096)
def _translated(message: str, lang: str) -> Message:
    return _message(_catalogue(lang).gettext(message), message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; translated later by ``_()``."""
    return message
