"""Quantities with pint: one shared unit registry, and the two checks the validators make on a unit swap.

A unit swap keeps the number and changes the unit, so it can still state the same quantity (-40 °C = -40 °F,
0 cm = 0 km, 12 mL = 12 cm³) or one that cannot exist (-18 K). Both read differently from the gold text but teach
nothing about reading it, so snaug/validate.py drops them, counted.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def registry():
    import pint

    return pint.UnitRegistry(autoconvert_offset_to_baseunit=False)


def impossible(quantity: tuple[float, str, str]) -> bool:
    """Whether the swapped quantity is below absolute zero (-18 °C → -18 K)."""
    value, _, target = quantity
    ureg = registry()
    unit = ureg.Unit(target)
    if unit.dimensionality != ureg.Unit("kelvin").dimensionality:
        return False
    return ureg.Quantity(value, target).to("kelvin").magnitude < 0


def equivalent(quantity: tuple[float, str, str], rel_tol: float = 1e-9) -> bool:
    """Whether ``value`` in the first unit equals ``value`` in the second (pint, offset units included)."""
    value, source, target = quantity
    ureg = registry()
    converted = ureg.Quantity(value, source).to(target).magnitude
    return abs(converted - value) <= rel_tol * max(1.0, abs(value))
