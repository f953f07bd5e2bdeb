"""Findings, the rule base class and the rule registry.

A rule is a small documented unit (the shape of a linter rule, as in sqlfluff or
ruff): a unique code (``RXL201``), a dotted name, a family, a default severity, a
message template in Bahasa Indonesia that names the values, a docstring whose first
line describes it followed by a wrong (``**Salah**``) and a right (``**Benar**``)
example, and a ``check`` method that yields :class:`Finding` objects. Rules never
raise on purpose: the engine turns a crash into a finding and goes on.
"""

from __future__ import annotations

import inspect
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Iterator, NamedTuple, Optional

from ..parse.numbers import ID, format_number
from ..snapshot import CELL_REF, col_index

if TYPE_CHECKING:
    from .context import CheckContext


class Severity(str, Enum):

    # the value's own hash, in C: Enum's is a Python call, paid on every set or dict lookup of a member
    # (and it hashed the name, not the value the member equals)
    __hash__ = str.__hash__
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The Indonesian word shown to users."""
        return {"error": "Kesalahan", "warning": "Peringatan", "info": "Info"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Location(NamedTuple):
    """A cell of a sheet (``cell`` in A1 form)."""

    sheet: str
    cell: str

    def to_dict(self) -> dict:
        return {"sheet": self.sheet, "cell": self.cell}


class Finding(NamedTuple):
    """One problem: which rule, how bad, what to tell the user, and every cell it is about.

    The first location is the cell to fix; the others are the cells it was compared
    with (inputs of a formula, the same program in another table…). Immutable, compared
    and hashed by all its fields; a named tuple (as :class:`Location`), since a check
    makes one per finding, tens of thousands in a large table, and a tuple is made and
    hashed in C where a frozen dataclass sets each field through a Python call.
    """

    rule: str
    name: str
    severity: Severity
    message: str
    locations: tuple[Location, ...]
    table: str = ""
    written: str = ""     # nilai tertulis
    expected: str = ""    # nilai seharusnya

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "locations": [loc.to_dict() for loc in self.locations],
        }

    @property
    def sort_key(self) -> tuple:
        """(sheet, row, column letters by width then alphabet, rule) of the first cell: the report's order."""
        if not self.locations:
            return ("", 0, 0, "", self.rule)
        sheet, cell = self.locations[0]
        row, letters = _cell_place(cell)
        return (sheet, row, len(letters), letters, self.rule)


def _cell_place(cell: Optional[str]) -> tuple[int, str]:
    """(row, column letters) of a cell as renja-xl names it (``AB12``); (0, "") for anything else."""
    cell = cell or ""
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters):]
    if not (digits and letters.isascii() and letters.isalpha() and letters.isupper()):
        m = CELL_REF.fullmatch(cell)   # anything but plain A1 letters and digits: as the pattern reads it
        if m is None:
            return 0, ""
        letters, digits = m.group(1), m.group(2)
    return int(digits), letters


def report_order(findings: Iterable[Finding]) -> Callable[[Finding], int]:
    """A sort key for ``findings`` ordering them as :attr:`Finding.sort_key` does, as one number per finding.

    Sorting tens of thousands of findings holds a key for each: a number is a fifth of the
    memory of the key tuple (with its row number and letters), and compares in one step.
    Sheets and rules are ranked by name among the findings'; the first cell's row and column
    number (column letters by width then alphabet are column numbers in order) fill 40 bits
    each, so the order is exact for rows and columns below 2**40.
    """
    findings = findings if isinstance(findings, list) else list(findings)
    sheets = {name: rank for rank, name in
              enumerate(sorted({f.locations[0][0] for f in findings if f.locations} | {""}))}
    rules = {code: rank for rank, code in enumerate(sorted({f.rule for f in findings}))}
    count = len(rules)
    columns: dict = {}

    def key(finding: Finding) -> int:
        rule, locations = finding[0], finding[4]
        if not locations:
            return rules[rule]
        sheet, cell = locations[0]
        row, letters = _cell_place(cell)
        column = columns.get(letters)
        if column is None:
            column = columns[letters] = col_index(letters)
        return (sheets[sheet] << 80 | row << 40 | column) * count + rules[rule]

    return key


_new_finding = tuple.__new__   # a Finding from its eight fields in order, without the keyword call


def number_text(value: Any, decimals: Optional[int] = None) -> str:
    """A number for a message, in Indonesian notation (``1.049.868.700``, ``73,60``)."""
    if value is None:
        return "(kosong)"
    if isinstance(value, str):
        return value
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    return format_number(float(value), ID, decimals)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    family: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.ERROR
    message: ClassVar[str] = ""
    options: ClassVar[dict] = {}
    # the facts the rule asks of CheckContext.shared: the engine lets each go after the last rule that asks for it
    shares: ClassVar[tuple[str, ...]] = ()

    def __init__(self, severity: Optional[Severity] = None, options: Optional[dict] = None):
        self.active_severity = severity or self.severity
        self.settings = {**self.options, **(options or {})}

    @classmethod
    def description(cls) -> str:
        """The first line of the docstring."""
        return inspect.getdoc(cls).splitlines()[0]

    @classmethod
    def documentation(cls) -> str:
        return inspect.getdoc(cls)

    def finding(self, locations: Iterable[Location], table: str = "", written: Any = "", expected: Any = "",
                **values: Any) -> Finding:
        """A finding with the message template filled from ``values``."""
        return _new_finding(Finding, (self.code, self.name, self.active_severity, self.message.format_map(values),
                                      tuple(locations), table, "" if written is None else str(written),
                                      "" if expected is None else str(expected)))

    def check(self, ctx: "CheckContext") -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry (unique code, documented, with examples)."""
    doc = inspect.getdoc(cls) or ""
    if not cls.code or not cls.code.startswith("RXL"):
        raise ValueError(f"{cls.__name__}: a rule needs an RXL code")
    if cls.code in REGISTRY:
        raise ValueError(f"duplicate rule code {cls.code}: {REGISTRY[cls.code].__name__} and {cls.__name__}")
    if "**Salah**" not in doc or "**Benar**" not in doc:
        raise ValueError(f"{cls.code}: the docstring needs a **Salah** and a **Benar** example")
    if not cls.message or not cls.family or not cls.name:
        raise ValueError(f"{cls.code}: family, name and message are required")
    REGISTRY[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    """Every registered rule, by code."""
    from . import families  # noqa: F401  (importing registers the rules)

    return [REGISTRY[code] for code in sorted(REGISTRY)]
