"""`python -m api.cli`: the `crm` command (a server starts its worker this way)."""

from api.cli import main

main()
