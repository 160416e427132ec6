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


# --- gesprekstool ---
from gesprekstool.models import (  # noqa: E402
    Aanknopingspunt,
    Antwoord,
    Gesprek,
    Onderdeel,
    Regel,
    Stelling,
)


class OnderdeelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Onderdeel
        django_get_or_create = ["slug"]

    titel = factory.Sequence(lambda n: f"Onderdeel {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.titel))
    intro_professional = "Uitleg voor de professional."
    intro_jongere = "Uitleg voor jou."
    pictogram = "algemeen"
    volgorde = factory.Sequence(int)


class StellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stelling

    onderdeel = factory.SubFactory(OnderdeelFactory)
    code = factory.Sequence(lambda n: f"stelling-{n}")
    tekst = factory.Sequence(lambda n: f"Ik ben stelling nummer {n}.")
    doorvragen = "Hoe bedoel je dat?\nKun je een voorbeeld geven?"
    volgorde = factory.Sequence(int)


class AanknopingspuntFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanknopingspunt

    onderdeel = factory.SubFactory(OnderdeelFactory)
    titel = factory.Sequence(lambda n: f"Tip {n}")
    tekst = "Doe samen iets kleins."
    regel = Regel.ALTIJD


class GesprekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gesprek


class AntwoordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Antwoord

    gesprek = factory.SubFactory(GesprekFactory)
    stelling = factory.SubFactory(StellingFactory)
    stelling_tekst = factory.LazyAttribute(lambda a: a.stelling.tekst)
    score = 5
