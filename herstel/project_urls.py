from django.urls import path

from . import project_views as views

app_name = "herstel"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project-list"),
    path("programmas/<slug:slug>/", views.ProgrammaDetailView.as_view(), name="programma-detail"),
    path("symposia/<slug:slug>/", views.SymposiumDetailView.as_view(), name="symposium-detail"),
    path("<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
]
