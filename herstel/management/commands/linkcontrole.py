"""`manage.py linkcontrole`: check the links in all Markdown texts, for cron (say, nightly).

Silent when every link works (exit 0). When links are broken it lists them and exits with 1, so
cron mails the list. A run that starts while another is busy skips itself quietly (exit 0): the
lock is herstel.locks.only_one_run.
"""

from django.core.management import BaseCommand, CommandError

from herstel.linkcheck import find_problems, store_problems
from herstel.locks import only_one_run

LOCK_KEY = 20_261_202  # arbitrary; opruimen uses 20_261_201


class Command(BaseCommand):
    help = (
        "Controleert de links in alle teksten (Markdown) en zet wat niet werkt in het beheer "
        "onder Linkproblemen. Stil als alles werkt; exitcode 1 als er linkproblemen zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--zonder-extern",
            action="store_true",
            help="Controleer alleen links naar deze website, niet naar andere sites.",
        )
        parser.add_argument(
            "--timeout", type=float, default=5.0, help="Seconden per verzoek aan een andere site."
        )
        parser.add_argument(
            "--sites-tegelijk", type=int, default=8, help="Hoeveel andere sites tegelijk."
        )

    def handle(self, *args, zonder_extern, timeout, sites_tegelijk, verbosity, **options):
        if timeout <= 0 or sites_tegelijk < 1:
            raise CommandError("--timeout moet groter zijn dan 0 en --sites-tegelijk minstens 1.")
        with only_one_run(LOCK_KEY) as locked:
            if not locked:
                if verbosity > 1:
                    self.stdout.write("Er loopt al een linkcontrole; deze slaat over.")
                return
            problems = find_problems(
                external=not zonder_extern, timeout=timeout, max_hosts=sites_tegelijk
            )
            store_problems(problems)
        if not problems:
            if verbosity > 1:
                self.stdout.write("Alle links werken.")
            return
        for problem in problems:
            self.stdout.write(
                f"{problem.source} ({problem.field}): {problem.link} — {problem.message}"
            )
        raise CommandError(f"{len(problems)} link(s) werken niet.", returncode=1)
