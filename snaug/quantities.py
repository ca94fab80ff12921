"""Quantities with pint: one shared unit registry, the two checks the validators make on a unit swap, and a
quantity's size in base units (the unit transform compares sizes).

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


# The checks below are pure functions of their arguments, and pint converts slowly (a parse of the unit names and a
# walk of the registry per call) while the same few quantities come back in every run: each is worked out once.
@lru_cache(maxsize=1 << 14)
def impossible(quantity: tuple[float, str, str]) -> bool:
    """Whether the swapped quantity is below absolute zero (-18 °C → -18 K)."""
    value, _, target = quantity
    ureg = registry()
    unit = ureg.Unit(target)
    if unit.dimensionality != ureg.Unit("kelvin").dimensionality:
        return False
    return ureg.Quantity(value, target).to("kelvin").magnitude < 0


@lru_cache(maxsize=1 << 14)
def equivalent(quantity: tuple[float, str, str], rel_tol: float = 1e-9) -> bool:
    """Whether ``value`` in the first unit equals ``value`` in the second (pint, offset units included)."""
    value, source, target = quantity
    ureg = registry()
    converted = ureg.Quantity(value, source).to(target).magnitude
    return abs(converted - value) <= rel_tol * max(1.0, abs(value))


@lru_cache(maxsize=1 << 14, typed=True)
def base_magnitude(value: float, unit: str) -> float:
    """``value`` in ``unit`` (a pint name) expressed in the registry's base units, as a plain number."""
    return registry().Quantity(value, unit).to_base_units().magnitude


@lru_cache(maxsize=1 << 12)
def names_a_unit(word: str) -> bool:
    """Whether ``word`` names a unit pint knows (*seconds*, *hours*, *grams*), so that a number before it is a
    measured quantity; *wings* names none."""
    try:
        registry().parse_units(word.lower())
    except Exception:       # pint raises several types for a word that names no unit
        return False
    return True
