import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from kennisplein import leeshulp

from . import views
from .fragments import kept_for_everyone
from .media import serve_media
from .project_views import OverView
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("over/", OverView.as_view(), name="over"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("toegankelijkheid/", views.ToegankelijkheidView.as_view(), name="toegankelijkheid"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(
        "sitemap.xml",
        kept_for_everyone("sitemap")(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        kept_for_everyone("sitemap-section")(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("beheer/leeshulp/", leeshulp.hint_view, name="leeshulp"),
    path("beheer/", admin.site.urls),
    path("", include("kennisplein.urls")),
    path("gesprekstool/", include("gesprekstool.urls")),
    path("account/", include("accounts.urls")),
    path("projecten/", include("herstel.project_urls")),
    path("", include("werkplaats.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_media, name="media"
        )
    ]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
