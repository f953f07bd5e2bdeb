"""Excel formula text for the computed columns, Excel 2010 functions only.

Every builder guards its inputs with ``ISNUMBER`` and its divisions with ``=0``, so a
blank, text or zero input gives an empty cell (``""``), never ``#DIV/0!`` or
``#VALUE!``. Percentages are percent points (73.6, not 0.736); an input cell that
Excel stores as a fraction (formatted ``%``) enters as ``(H7*100)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..snapshot import CELL_REF, col_letter

MAX_SUM_ARGS = 200  # Excel allows 255 arguments per function


@dataclass(frozen=True)
class Operand:
    """One input cell: ``test`` is its bare address (for ISNUMBER), ``expr`` its value in points."""

    test: str
    expr: str
    scaled: bool = False

    @property
    def n_expr(self) -> str:
        """The value as a number, text and blanks counting 0 (for sums)."""
        return f"N({self.test})*100" if self.scaled else f"N({self.test})"


def operand(address: str, percent_fraction: bool) -> Operand:
    return Operand(address, f"({address}*100)" if percent_fraction else address, percent_fraction)


def _all_numbers(*ops: Operand) -> str:
    tests = [f"ISNUMBER({o.test})" for o in ops]
    return tests[0] if len(tests) == 1 else f"AND({','.join(tests)})"


def _num(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def ratio(num: Operand, den: Operand, scale: float = 100.0) -> str:
    return f'=IF({_all_numbers(num, den)},IF({den.expr}=0,"",{num.expr}/{den.expr}*{_num(scale)}),"")'


def capaian(realisasi: Operand, target: Operand, polaritas: Operand | None) -> str:
    positive = f"{realisasi.expr}/{target.expr}*100"
    if polaritas is None:
        body = positive
    else:
        body = f'IF({polaritas.test}="Negatif",(2-{realisasi.expr}/{target.expr})*100,{positive})'
    return f'=IF({_all_numbers(realisasi, target)},IF({target.expr}=0,"",{body}),"")'


def latest(ops: Sequence[Operand]) -> str:
    """The last of ``ops`` that holds a number (percentage and index indicators)."""
    formula = '""'
    for op in ops:
        formula = f"IF(ISNUMBER({op.test}),{op.expr},{formula})"
    return "=" + formula


def cumulative(ops: Sequence[Operand]) -> str:
    """The sum of ``ops`` that hold numbers, empty when none does (count indicators)."""
    tests = ",".join(o.test for o in ops)
    return f'=IF(COUNT({tests})=0,"",{"+".join(o.n_expr for o in ops)})'


def share(part: Operand, total_expr: str) -> str:
    return f'=IF(ISNUMBER({part.test}),IF(N({total_expr})=0,"",{part.expr}/{total_expr}*100),"")'


def product(a: Operand, b: Operand, scale: float) -> str:
    return f'=IF({_all_numbers(a, b)},{a.expr}*{b.expr}*{_num(scale)},"")'


def difference(a: Operand, b: Operand) -> str:
    return f'=IF({_all_numbers(a, b)},{a.expr}-{b.expr},"")'


def predikat(capaian_op: Operand, bands: Sequence[tuple[float, str]], lowest: str) -> str:
    formula = f'"{lowest}"'
    for threshold, label in reversed(bands):
        formula = f'IF({capaian_op.expr}>={_num(threshold)},"{label}",{formula})'
    return f'=IF(ISNUMBER({capaian_op.test}),{formula},"")'


def compress(addresses: Iterable[str]) -> list[str]:
    """``["H7", "H8", "H9", "H12"]`` -> ``["H7:H9", "H12"]`` (runs of one column)."""
    cells = []
    for address in addresses:
        m = CELL_REF.fullmatch(address)
        cells.append((m.group(1), int(m.group(2))))
    runs: list[list] = []
    for col, row in sorted(set(cells), key=lambda c: (len(c[0]), c[0], c[1])):
        if runs and runs[-1][0] == col and runs[-1][2] == row - 1:
            runs[-1][2] = row
        else:
            runs.append([col, row, row])
    return [f"{c}{a}" if a == b else f"{c}{a}:{c}{b}" for c, a, b in runs]


def sum_of(ops: Sequence[Operand]) -> str:
    """``SUM`` of the operands (text and blanks ignored, as Excel does)."""
    if not ops:
        return "0"
    if any(o.scaled for o in ops):
        return "(" + "+".join(o.n_expr for o in ops) + ")"
    args = compress(o.test for o in ops)
    while len(args) > MAX_SUM_ARGS:
        args = [f"SUM({','.join(args[i:i + MAX_SUM_ARGS])})" for i in range(0, len(args), MAX_SUM_ARGS)]
    return f"SUM({','.join(args)})"


def total_sum(ops: Sequence[Operand]) -> str:
    return "=" + sum_of(ops)


def total_average(ops: Sequence[Operand]) -> str:
    if not ops:
        return '=""'
    if any(o.scaled for o in ops):
        tests = ",".join(o.test for o in ops)
        return f'=IF(COUNT({tests})=0,"",{sum_of(ops)}/COUNT({tests}))'
    return f'=IFERROR(AVERAGE({",".join(compress(o.test for o in ops))}),"")'


def address(row: int, col: int, absolute: bool = False) -> str:
    letters = col_letter(col)
    return f"${letters}${row}" if absolute else f"{letters}{row}"
