"""The speed benchmark of the customer list (issue #3): `make bench` or `python -m bench`.

It generates a seeded data set into its own databases, serves the app with gunicorn over real
HTTP on 127.0.0.1, measures the list, its filters and exports, and writes docs/benchmarks.md.
"""
