"""Admin widgets for choosing a story's places and terms without Ctrl-click."""

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
