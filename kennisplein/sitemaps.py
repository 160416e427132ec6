from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Item, Pijler


class StaticPagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "over",
            "kennisplein:pijler-list",
            "kennisplein:item-list",
            "privacy",
            "toegankelijkheid",
        ]

    def location(self, name):
        return reverse(name)


class PijlerSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Pijler.objects.only("slug")


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return Item.objects.published().only("slug", "gewijzigd").order_by("id")

    def lastmod(self, item):
        return item.gewijzigd


SITEMAPS = {"paginas": StaticPagesSitemap, "pijlers": PijlerSitemap, "kennisplein": ItemSitemap}
