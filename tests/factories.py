import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from kennisplein.models import Pijler


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("een-lang-wachtwoord-voor-tests")


class PijlerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pijler
        django_get_or_create = ["slug"]

    naam = factory.Sequence(lambda n: f"Pijler {n}")
    slug = factory.LazyAttribute(lambda pijler: slugify(pijler.naam))
    kleur = "groen"
    korte_tekst = factory.LazyAttribute(lambda pijler: f"Korte uitleg over {pijler.naam}.")
    uitleg = "Een **uitleg** in Markdown."
    tips = "- Eerste tip\n- Tweede tip"
    volgorde = factory.Sequence(int)


# --- kennisplein ---
import datetime  # noqa: E402

from kennisplein.models import Doelgroep, Item, ItemStatus, ItemType, Thema  # noqa: E402


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema
        django_get_or_create = ["slug"]

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda thema: slugify(thema.naam))


class DoelgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doelgroep
        django_get_or_create = ["slug"]

    naam = factory.Sequence(lambda n: f"Doelgroep {n}")
    slug = factory.LazyAttribute(lambda doelgroep: slugify(doelgroep.naam))


class ItemFactory(factory.django.DjangoModelFactory):
    """A published item; pass pijlers=[…], themas=[…], doelgroepen=[…] to tag it."""

    class Meta:
        model = Item
        skip_postgeneration_save = True

    type = ItemType.TOOL
    titel = factory.Sequence(lambda n: f"Werkvorm nummer {n}")
    slug = factory.LazyAttribute(lambda item: slugify(item.titel))
    samenvatting = "Een korte samenvatting over een werkvorm voor professionals."
    inhoud = "Uitleg over de **werkvorm** in een paar zinnen."
    status = ItemStatus.GEPUBLICEERD
    publicatiedatum = factory.Sequence(
        lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n)
    )

    @factory.post_generation
    def pijlers(self, create, extracted, **kwargs):
        if create and extracted:
            self.pijlers.set(extracted)

    @factory.post_generation
    def themas(self, create, extracted, **kwargs):
        if create and extracted:
            self.themas.set(extracted)

    @factory.post_generation
    def doelgroepen(self, create, extracted, **kwargs):
        if create and extracted:
            self.doelgroepen.set(extracted)
