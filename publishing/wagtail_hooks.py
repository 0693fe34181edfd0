from wagtail import hooks

from .dashboard import dashboard_panels

hooks.register("construct_homepage_panels", dashboard_panels)
