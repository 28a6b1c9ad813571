"""The 1M-contact benchmark: `python -m bench.seed` loads PostgreSQL, `python -m bench.run`
times the contact lists, search and a long timeline. See bench/README.md."""
