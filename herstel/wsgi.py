import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herstel.settings.prod")

application = get_wsgi_application()

# The lemmatiser loads its Dutch dictionary on first use (0.25 s): in each server process at
# start, not in the first search a visitor makes of it.
from kennisplein.search import forms  # noqa: E402

forms("brieven")
