"""`python -m mentiondesk` is the `mentiondesk` command."""

from mentiondesk.cli import main

main()
