
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):
    """The models as migrations 0001-0014 left them, without their search machinery (triggers,
    search vectors, accent folding in SQL): 0002 removes that from databases made by them and
    adds the search of today. A database made by the old migrations takes this one as applied."""

    replaces = [
        ("kennisplein", "0001_initial"),
        ("kennisplein", "0002_item_thema"),
        ("kennisplein", "0003_item_fields_bijlage_doelgroep_zoekwoord"),
        ("kennisplein", "0004_search_triggers"),
        ("kennisplein", "0005_tag_indexes"),
        ("kennisplein", "0006_search_vector_bulk_load_switch"),
        ("kennisplein", "0007_item_rank_vector"),
        ("kennisplein", "0008_rank_vector_index"),
        ("kennisplein", "0009_facet_id_arrays"),
        ("kennisplein", "0010_derived_fields_not_serialized"),
        ("kennisplein", "0011_titel_vector_narrow_rows"),
        ("kennisplein", "0012_content_version_commits_with_the_content"),
        ("kennisplein", "0013_drop_facet_id_arrays"),
        ("kennisplein", "0014_whole_word_indexes"),
    ]

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Doelgroep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80, unique=True, verbose_name='slug')),
                ('naam', models.CharField(max_length=120, unique=True, verbose_name='naam')),
                ('volgorde', models.PositiveSmallIntegerField(default=0, help_text='Lager komt eerder in het filter.', verbose_name='volgorde')),
            ],
            options={
                'verbose_name': 'doelgroep',
                'verbose_name_plural': 'doelgroepen',
                'ordering': ['volgorde', 'naam'],
            },
        ),
        migrations.CreateModel(
            name='Pijler',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80, unique=True, verbose_name='slug')),
                ('naam', models.CharField(max_length=80, unique=True, verbose_name='naam')),
                ('kleur', models.CharField(choices=[('groen', 'Groen'), ('blauw', 'Blauw'), ('oranje', 'Oranje'), ('paars', 'Paars')], default='groen', max_length=10, verbose_name='kleur')),
                ('korte_tekst', models.CharField(help_text='Eén of twee zinnen voor de kaart op de homepage. Schrijf op B1-niveau.', max_length=240, verbose_name='korte tekst')),
                ('uitleg', models.TextField(help_text='Wat deze pijler inhoudt en waarom hij ertoe doet. Markdown mag.', verbose_name='uitleg')),
                ('tips', models.TextField(blank=True, help_text="Praktische tips, één per regel als lijst (begin de regel met '- '). Markdown.", verbose_name='tips voor de professional')),
                ('volgorde', models.PositiveSmallIntegerField(default=0, help_text='Lager komt eerder.', verbose_name='volgorde')),
            ],
            options={
                'verbose_name': 'pijler',
                'verbose_name_plural': 'pijlers',
                'ordering': ['volgorde', 'naam'],
            },
        ),
        migrations.CreateModel(
            name='Thema',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80, unique=True, verbose_name='slug')),
                ('naam', models.CharField(max_length=120, unique=True, verbose_name='naam')),
            ],
            options={
                'verbose_name': 'thema',
                'verbose_name_plural': "thema's",
                'ordering': ['naam'],
            },
        ),
        migrations.CreateModel(
            name='Item',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('type', models.CharField(choices=[('artikel', 'Artikel'), ('methode', 'Methode'), ('tool', 'Tool of werkvorm'), ('onderzoek', 'Onderzoek'), ('praktijkvoorbeeld', 'Praktijkvoorbeeld'), ('video', 'Video'), ('factsheet', 'Factsheet'), ('tip', 'Tip')], max_length=20, verbose_name='soort')),
                ('titel', models.CharField(max_length=200, verbose_name='titel')),
                ('slug', models.SlugField(help_text="Het laatste stuk van het webadres. Verander dit niet meer na publicatie: andere pagina's linken ernaar.", max_length=200, unique=True, verbose_name='slug')),
                ('samenvatting', models.TextField(help_text='Twee of drie zinnen: wat is het en wat heb je eraan?', verbose_name='samenvatting')),
                ('inhoud', models.TextField(blank=True, help_text='Markdown: ## voor een tussenkop, - voor een opsomming, **vet**, [tekst](https://…) voor een link. HTML en scripts worden weggefilterd.', verbose_name='inhoud')),
                ('bron', models.CharField(blank=True, help_text='Wie heeft het gemaakt of uitgegeven, bijvoorbeeld een project of organisatie.', max_length=200, verbose_name='bron of organisatie')),
                ('afbeelding', models.ImageField(blank=True, upload_to='kennisplein/afbeeldingen/', verbose_name='afbeelding')),
                ('afbeelding_alt', models.CharField(blank=True, help_text='Wat staat er op de afbeelding? Verplicht als je een afbeelding kiest; schermlezers lezen dit voor.', max_length=250, verbose_name='beschrijving van de afbeelding')),
                ('video', models.FileField(blank=True, help_text='Een eigen videobestand (mp4 of webm). Dan is ook een ondertitelbestand nodig.', upload_to='kennisplein/video/', validators=[django.core.validators.FileExtensionValidator(['mp4', 'webm'])], verbose_name='videobestand')),
                ('ondertitels', models.FileField(blank=True, help_text='Ondertitels bij het videobestand, als WebVTT-bestand (.vtt).', upload_to='kennisplein/video/', validators=[django.core.validators.FileExtensionValidator(['vtt'])], verbose_name='ondertitels')),
                ('video_url', models.URLField(blank=True, help_text='Een video op een andere website (bijvoorbeeld YouTube of Vimeo). Bezoekers zien eerst een knop; pas na een klik gaan ze naar die website.', verbose_name='link naar video elders')),
                ('status', models.CharField(choices=[('concept', 'Concept'), ('gepubliceerd', 'Gepubliceerd')], default='concept', help_text='Alleen gepubliceerde items zijn te zien voor bezoekers.', max_length=20, verbose_name='status')),
                ('publicatiedatum', models.DateField(blank=True, help_text='Leeg laten bij publiceren: dan wordt het vandaag.', null=True, verbose_name='publicatiedatum')),
                ('aangemaakt', models.DateTimeField(auto_now_add=True, db_default=django.db.models.functions.datetime.Now(), verbose_name='aangemaakt')),
                ('gewijzigd', models.DateTimeField(auto_now=True, db_default=django.db.models.functions.datetime.Now(), verbose_name='gewijzigd')),
                ('doelgroepen', models.ManyToManyField(blank=True, help_text='Voor wie is dit vooral bedoeld?', related_name='items', to='kennisplein.doelgroep', verbose_name='doelgroepen')),
                ('gerelateerd', models.ManyToManyField(blank=True, help_text="Kies zelf wat erbij past. Leeg laten: de site kiest items met dezelfde thema's en pijlers.", to='kennisplein.item', verbose_name='gerelateerde items')),
                ('pijlers', models.ManyToManyField(related_name='items', to='kennisplein.pijler', verbose_name='pijlers')),
                ('themas', models.ManyToManyField(blank=True, related_name='items', to='kennisplein.thema', verbose_name="thema's")),
            ],
            options={
                'verbose_name': 'kennisitem',
                'verbose_name_plural': 'kennisitems',
                'ordering': ['titel'],
            },
        ),
        migrations.CreateModel(
            name='Bijlage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('titel', models.CharField(help_text="Zoals bezoekers de link zien, bijvoorbeeld 'Werkblad tijdlijnen'.", max_length=200, verbose_name='titel')),
                ('bestand', models.FileField(help_text='PDF, Word, Excel, PowerPoint of OpenDocument.', upload_to='kennisplein/bijlagen/', validators=[django.core.validators.FileExtensionValidator(['pdf', 'doc', 'docx', 'odt', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp'])], verbose_name='bestand')),
                ('grootte', models.PositiveBigIntegerField(default=0, editable=False, verbose_name='grootte in bytes')),
                ('volgorde', models.PositiveSmallIntegerField(default=0, verbose_name='volgorde')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bijlagen', to='kennisplein.item', verbose_name='item')),
            ],
            options={
                'verbose_name': 'bijlage',
                'verbose_name_plural': 'bijlagen',
                'ordering': ['volgorde', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Zoekwoord',
            fields=[
                ('woord', models.CharField(max_length=60, primary_key=True, serialize=False, verbose_name='woord')),
                ('aantal', models.PositiveIntegerField(default=0, verbose_name='in hoeveel items')),
            ],
            options={
                'verbose_name': 'zoekwoord',
                'verbose_name_plural': 'zoekwoorden',
                'ordering': ['woord'],
            },
        ),
        migrations.AddIndex(
            model_name='item',
            index=models.Index(fields=['status', '-publicatiedatum', '-id'], name='item_status_nieuwste_idx'),
        ),
        migrations.AddConstraint(
            model_name='item',
            constraint=models.CheckConstraint(condition=models.Q(('afbeelding', ''), models.Q(('afbeelding_alt', ''), _negated=True), _connector='OR'), name='item_afbeelding_heeft_alt_tekst'),
        ),
        migrations.AddConstraint(
            model_name='item',
            constraint=models.CheckConstraint(condition=models.Q(('video', ''), models.Q(('ondertitels', ''), _negated=True), _connector='OR'), name='item_video_heeft_ondertitels'),
        ),
        migrations.AddConstraint(
            model_name='item',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'gepubliceerd'), _negated=True), ('publicatiedatum__isnull', False), _connector='OR'), name='item_gepubliceerd_heeft_datum'),
        ),
    ]
