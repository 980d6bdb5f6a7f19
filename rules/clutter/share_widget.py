from __future__ import annotations

from auditor.finding import Severity
from auditor.page import Page
from auditor.rule import Rule
from auditor.services import ELEMENT_KIND, WIDGET_ELEMENTS, find_service, indexed_share_services, inside_widget


class ShareWidget(Rule):
    id = "share-widget"
    family = "clutter"
    severity = Severity.NOTICE
    summary = "Third-party share buttons (services that still run), for teams that want them gone"
    enabled_by_default = False
    elements = WIDGET_ELEMENTS
    what = """
        Reports share buttons and scripts of services that still run: Facebook's sharer,
        X/Twitter intents, LinkedIn, Reddit's submit page, Pinterest, Tumblr, WhatsApp,
        Telegram, Bluesky, AddToAny, ShareThis and others. Off by default; shut-down
        services are reported by `defunct-service` instead. One widget is one finding.
    """
    why = """
        Few visitors use share bars (browsers and phones have their own share menus), the
        scripts behind them track visitors and slow the page, and each button is one more
        link a keyboard or screen-reader user has to get past.
    """
    fix = """
        Remove the share bar, or select this rule (`--select share-widget`) only when
        cleaning templates.
    """

    def visit(self, element, page: Page):
        services = indexed_share_services()
        service = find_service(element, services)
        if service is None or inside_widget(element, services):
            return
        yield self.finding(page, element, f"{ELEMENT_KIND[element.name]} is a {service.name} share widget: "
                                          "remove it if the site no longer wants share buttons")
