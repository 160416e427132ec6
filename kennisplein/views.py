from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from herstel.fragments import KeptObjectMixin, cached_html

from .listing import (
    FACETS,
    Sort,
    active_filters,
    build_list,
    parse_state,
    spelling_suggestion,
    url_without,
    with_snippets,
)
from .models import Item, ItemType, Pijler
from .page_cache import kept_for_visitors
from .pdf import render_pdf
from .search import clean_query

PAGE_SIZE = 20


class PijlerListView(ListView):
    model = Pijler
    context_object_name = "pijlers"
    template_name = "kennisplein/pijler_list.html"


@method_decorator(kept_for_visitors, name="dispatch")
class PijlerDetailView(KeptObjectMixin, DetailView):
    model = Pijler
    context_object_name = "pijler"
    template_name = "kennisplein/pijler_detail.html"
    ITEMS_SHOWN = 12

    def get_context_data(self, **kwargs):
        # Read only when the page's cached fragment is rendered again (once per change).
        shown = SimpleLazyObject(self._items)
        return super().get_context_data(
            items=SimpleLazyObject(lambda: shown[: self.ITEMS_SHOWN]),
            more_items=SimpleLazyObject(lambda: len(shown) > self.ITEMS_SHOWN),
            all_items_url=reverse("kennisplein:item-list")
            + "?"
            + urlencode({"pijler": self.object.slug}),
            **kwargs,
        )

    def _items(self):
        items = Item.objects.published().filter(pijlers=self.object).newest_first()
        return list(items.without_body()[: self.ITEMS_SHOWN + 1])


def _page_number(raw, num_pages):
    """Any page value a visitor can type gives a page: "abc", 0 and -1 give the first,
    too high gives the last."""
    try:
        number = int(str(raw)[:12])
    except (TypeError, ValueError):
        number = 1
    return min(max(number, 1), num_pages)


def _sort_choices(state):
    """The default order has the empty value, so a new search starts on "best match" again
    instead of keeping the order the form happened to send."""
    default_label = dict(Sort.CHOICES)[state.default_sort]
    others = [
        (value, label)
        for value, label in Sort.CHOICES
        if value != state.default_sort and (value != Sort.RELEVANTIE or state.terms)
    ]
    return [("", default_label), *others]


@kept_for_visitors
def item_list(request):
    pairs = [(key, value) for key, values in request.GET.lists() for value in values]
    if any(not value for _key, value in pairs):  # "?q=&sort=": the same page, a clean address
        query = urlencode([(key, value) for key, value in pairs if value])
        return redirect(reverse("kennisplein:item-list") + (f"?{query}" if query else ""))
    context = {
        "query": clean_query(request.GET.get("q")),
        "noindex": any(name in request.GET for name in ("q", *(name for name, _, _ in FACETS)))
        or request.GET.get("page", "1") != "1",
    }

    def render_content():
        context.update(_list_context(request))
        return render_to_string("kennisplein/includes/item_list_content.html", context, request)

    # What the list shows depends only on its address and the content: the search, the facets
    # and the cards are worked out and rendered once per content version and address.
    context["content"] = cached_html(
        request, "kennisplein-lijst", [request.GET.urlencode()], render_content
    )
    return render(request, "kennisplein/item_list.html", context)


def _list_context(request):
    state = parse_state(request.GET)
    result = build_list(state, request)
    paginator = Paginator(result.pages, PAGE_SIZE)
    paginator.count = result.total  # known from the facet counts: saves a COUNT query
    page = paginator.page(_page_number(request.GET.get("page"), paginator.num_pages))
    items = with_snippets(list(page.object_list), state, result.mode)
    suggestion = None
    if not items and state.terms:
        suggestion = spelling_suggestion(state, request.GET)
    return {
        "state": state,
        "page_obj": page,
        "items": items,
        "total": result.total,
        "facets": result.facets,
        "active_filters": active_filters(result.facets, request.GET),
        "clear_filters_url": "?" + urlencode({"q": state.query}) if state.query else "?",
        "clear_search_url": url_without(request.GET, "q"),
        "sort_choices": _sort_choices(state),
        "sort_selected": "" if state.sort == state.default_sort else state.sort,
        "suggestion": suggestion,
        "mode": result.mode,
    }


@method_decorator(kept_for_visitors, name="dispatch")
class ItemDetailView(KeptObjectMixin, DetailView):
    model = Item
    context_object_name = "item"
    template_name = "kennisplein/item_detail.html"

    def get_queryset(self):
        # Staff may preview drafts; everyone else sees published items only.
        queryset = Item.objects.all() if self.request.user.is_staff else Item.objects.published()
        return queryset.for_detail()

    def get_context_data(self, **kwargs):
        # Lazy: read only when the page's cached fragment is rendered again.
        related = SimpleLazyObject(lambda: Item.objects.published().related_to(self.object))
        return super().get_context_data(related=related, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_published:
            add_never_cache_headers(response)
        return response


def factsheet_pdf(request, slug):
    """A factsheet item as a PDF, rendered from the same HTML as the page."""
    queryset = Item.objects.all() if request.user.is_staff else Item.objects.published()
    item = get_object_or_404(queryset.filter(type=ItemType.FACTSHEET).for_detail(), slug=slug)
    pdf = render_pdf(
        request,
        "kennisplein/factsheet_pdf.html",
        {"item": item},
        stylesheets=["css/site.css", "kennisplein/factsheet.css"],
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}.pdf"'
    if not item.is_published:
        add_never_cache_headers(response)
    return response


class LatestItemsFeed(Feed):
    title = "Werken aan Herstel — nieuw op het kennisplein"
    description = "Nieuwe methoden, tools, onderzoek en tips voor herstelgericht werken."

    def link(self):
        return reverse("kennisplein:item-list")

    def items(self):
        return Item.objects.published().for_cards().newest_first()[:30]

    def item_title(self, item):
        return item.titel

    def item_description(self, item):
        return item.samenvatting

    def item_pubdate(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.publicatiedatum, time(9)))

    def item_updateddate(self, item):
        return item.gewijzigd

    def item_categories(self, item):
        return [item.get_type_display()]


class LatestItemsAtomFeed(LatestItemsFeed):
    feed_type = Atom1Feed
    subtitle = LatestItemsFeed.description


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /beheer/",
        "Disallow: /gesprekstool/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
