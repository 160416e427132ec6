from django.urls import path
from django.views.generic import TemplateView

app_name = "herstel"

urlpatterns = [
    path(
        "",
        TemplateView.as_view(template_name="herstel/project_list.html"),
        name="project-list",
    ),
]
