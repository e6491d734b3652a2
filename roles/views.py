from django.views.generic import DetailView, ListView, TemplateView

from .models import Organization


class OrganizationListView(ListView):
    model = Organization
    template_name = "roles/organization_list.html"


class OrganizationDetailView(DetailView):
    model = Organization
    template_name = "roles/organization_detail.html"


class MeView(TemplateView):
    template_name = "roles/me.html"
