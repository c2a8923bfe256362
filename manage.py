#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

It uses the local development settings (debug on) unless DJANGO_SETTINGS_MODULE names others;
production sets DJANGO_SETTINGS_MODULE=claimtracker.settings.production.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings.local")
    from claimtracker.commands import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
