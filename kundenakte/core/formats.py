"""Numbers in messages, written the way the active language writes them: "1.189.980,00" and
"19" in German, "1,189,980.00" and "19" in English.

Messages are built with `%`, where a Decimal would appear as Python writes it ("19.00",
"1189980.00"); these helpers are what every message passes instead. The unit stays in the
translated message ("%(open)s €", "%(rate)s %%"), so translators place it.
"""

from decimal import Decimal

from django.utils.formats import number_format


def money(value: Decimal) -> str:
    """An amount in euros: two decimals, thousands grouped ("1.189.980,00")."""
    return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)


def number(value: Decimal) -> str:
    """A quantity, rate or limit as short as it is exact ("19", "5,5", "0,01"), grouped."""
    exact = Decimal(format(Decimal(value).normalize(), "f"))
    return number_format(exact, use_l10n=True, force_grouping=True)


def percent(value: Decimal) -> str:
    """A rate such as a VAT rate or a discount, without trailing zeros: "19", "5,5"."""
    return number(value)
