"""policygap: a target-gap calculator for Chinese local science and technology policy.

The library core (no I/O) is ``policygap.core`` (arithmetic over arrays) and
``policygap.assess`` (every target over whole columns); ``policygap.dataset``
loads and checks the data; ``policygap.render`` writes the results; the CLI in
``policygap.cli`` wires them together.
"""

__version__ = "0.1.0"
