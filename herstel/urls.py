from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from . import views
from .project_views import OverView

admin.site.site_header = "Werken aan Herstel — beheer"
admin.site.site_title = "Werken aan Herstel"
admin.site.index_title = "Inhoud beheren"


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("over/", OverView.as_view(), name="over"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="herstel/toegankelijkheid.html"),
        name="toegankelijkheid",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("beheer/", admin.site.urls),
    path("", include("kennisplein.urls")),
    path("gesprekstool/", include("gesprekstool.urls")),
    path("account/", include("accounts.urls")),
    path("projecten/", include("herstel.project_urls")),
    path("", include("werkplaats.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
