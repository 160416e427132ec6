import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from gesprekstool.models import (
    Aanknopingspunt,
    Antwoord,
    Gesprek,
    Onderdeel,
    Regel,
    Stelling,
)
from herstel.models import (
    Bereik,
    Bijeenkomst,
    Bouwsteen,
    Les,
    Opbrengst,
    Organisatie,
    Programma,
    Project,
    Projectorganisatie,
    Regio,
    Werkplaats,
)
from kennisplein.models import Doelgroep, Item, ItemStatus, ItemType, Pijler, Thema


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


# --- herstel (project records) ---


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio
        django_get_or_create = ["slug"]

    naam = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.LazyAttribute(lambda regio: slugify(regio.naam))


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.LazyAttribute(lambda org: slugify(org.naam))
    soort = "gi"


class ProgrammaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programma
        django_get_or_create = ["slug"]

    naam = factory.Sequence(lambda n: f"Programma {n}")
    slug = factory.LazyAttribute(lambda programma: slugify(programma.naam))
    samenvatting = "Een programma met projecten."
    doel = "Het doel van het programma."
    startjaar = 2015
    eindjaar = 2017
    gepubliceerd = True


class BouwsteenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bouwsteen
        django_get_or_create = ["slug"]

    programma = factory.SubFactory(ProgrammaFactory)
    naam = factory.Sequence(lambda n: f"Bouwsteen {n}")
    slug = factory.LazyAttribute(lambda bouwsteen: slugify(bouwsteen.naam))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Project {n}")
    slug = factory.LazyAttribute(lambda project: slugify(project.naam))
    samenvatting = "Wat dit project deed."
    doel = "Het doel van het project."
    startjaar = 2016
    eindjaar = 2017
    status = "afgerond"
    gepubliceerd = True

    @factory.post_generation
    def regios(self, create, extracted, **kwargs):
        if create and extracted:
            self.regios.set(extracted)


class ProjectorganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Projectorganisatie

    project = factory.SubFactory(ProjectFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = "projectleiding"


class OpbrengstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opbrengst

    project = factory.SubFactory(ProjectFactory)
    titel = factory.Sequence(lambda n: f"Opbrengst {n}")
    soort = "tool"


class BereikFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bereik

    project = factory.SubFactory(ProjectFactory)
    label = factory.Sequence(lambda n: f"deelnemers {n}")
    aantal = 10


class LesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Les

    project = factory.SubFactory(ProjectFactory)
    titel = factory.Sequence(lambda n: f"Les {n}")


class WerkplaatsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Werkplaats

    project = factory.SubFactory(ProjectFactory)
    naam = factory.Sequence(lambda n: f"Werkplaats {n}")


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bijeenkomst

    werkplaats = factory.SubFactory(WerkplaatsFactory)
    volgnummer = factory.Sequence(lambda n: n + 1)
    thema = factory.Sequence(lambda n: f"Thema {n}")


# --- gesprekstool ---


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


# --- kennisplein ---


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


# --- accounts (saved conversations) ---


class ProfielFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Profiel"

    gebruiker = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
