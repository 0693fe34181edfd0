"""Admin widgets: a story's places and terms chosen without Ctrl-click, and figures
shown as written, with their unit."""

from decimal import Decimal

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models.vocabulary import Indicator, Municipality


class MunicipalityCheckboxes(forms.CheckboxSelectMultiple):
    """The 98 municipalities as checkboxes, grouped under their regions, with a box to
    find one by typing part of its name (or its region's)."""

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/municipality-filter.js"]

    def optgroups(self, name, value, attrs=None):
        regions: dict[str, list[tuple[int, str]]] = {}
        for municipality in Municipality.objects.select_related("region").order_by(
            "region__name", "name"
        ):
            regions.setdefault(municipality.region.name, []).append(
                (municipality.pk, municipality.name)
            )
        self.choices = list(regions.items())
        return super().optgroups(name, value, attrs)

    def render(self, name, value, attrs=None, renderer=None):
        checkboxes = super().render(name, value, attrs, renderer)
        list_id = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '<div class="municipality-picker" data-municipality-picker>'
            '<label class="municipality-picker__find" for="{id}-find">{label}</label>'
            '<input type="search" id="{id}-find" class="municipality-picker__input" '
            'autocomplete="off" aria-controls="{id}" aria-describedby="{id}-count" '
            'data-count-template="{count}" data-municipality-find>'
            '<p id="{id}-count" class="municipality-picker__count" aria-live="polite" '
            "data-municipality-count></p>{checkboxes}</div>",
            id=list_id,
            label=_("Find en kommune"),
            # Filled in by the script: "3 af 98 kommuner vises".
            count=_("%(shown)s af %(total)s kommuner vises"),
            checkboxes=checkboxes,
        )


def indicator_unit(indicator: Indicator) -> str:
    """The unit a figure of this indicator is counted in, as a reader sees it."""
    return indicator.display_unit or indicator.get_unit_display()


class IndicatorSelect(forms.Select):
    """Indicators with their unit, in the label and for the figures' unit beside them."""

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/outcome-units.js"]

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-outcome-indicator": "", **(attrs or {})}, choices)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        indicator = getattr(value, "instance", None)
        if isinstance(indicator, Indicator):
            unit = indicator_unit(indicator)
            option["label"] = f"{label} ({unit})"
            option["attrs"]["data-unit"] = unit
        return option


class FigureInput(forms.NumberInput):
    """A stored figure as a person wrote it: "70", not "70.00"; "7.5", not "7.50"; the
    chosen indicator's unit is shown beside it."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            value = (
                value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
            )
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        unit_id = f"{attrs.get('id') or f'id_{name}'}-unit"
        attrs["aria-describedby"] = " ".join(filter(None, [attrs.get("aria-describedby"), unit_id]))
        return format_html(
            '<span class="figure-input">{input}<span id="{unit_id}" class="figure-input__unit" '
            "data-figure-unit></span></span>",
            input=super().render(name, value, attrs, renderer),
            unit_id=unit_id,
        )
