"""A project-local PostgreSQL for development and tests when DATABASE_URL is not set.

pgserver ships PostgreSQL 16 binaries in a wheel and runs them without root. The server is
shared by every process that asks for the same data folder and stops when the last one exits.
"""

import warnings
from pathlib import Path


def embedded_database_url(data_dir: Path) -> str:
    # Without XDG_RUNTIME_DIR (containers, CI) platformdirs warns and falls back to /tmp: fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver  # imported lazily: production never needs it

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    return server.get_uri()
