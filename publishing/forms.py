"""The admin's login form, with its password field named in Danish."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form gives its password field no label, so Django shows the
    field's name, "Password", whatever the language; this one names it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Adgangskode")
