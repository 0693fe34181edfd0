"""Admin widgets: a story's places and terms chosen without Ctrl-click, and figures
shown as written."""

from decimal import Decimal

from django import forms

from .models.vocabulary import Municipality


class MunicipalityCheckboxes(forms.CheckboxSelectMultiple):
    """The 98 municipalities as checkboxes, grouped under their regions."""

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


class FigureInput(forms.NumberInput):
    """A stored figure as a person wrote it: "70", not "70.00"; "7.5", not "7.50"."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            value = (
                value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
            )
        return super().format_value(value)
