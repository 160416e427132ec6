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
