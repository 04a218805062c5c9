"""`python -m archiva` runs the command line."""

from archiva.cli import main

main()
