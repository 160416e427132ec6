from django.urls import path
from django.views.generic import TemplateView

app_name = "gesprekstool"

urlpatterns = [
    path("", TemplateView.as_view(template_name="gesprekstool/start.html"), name="start"),
]
