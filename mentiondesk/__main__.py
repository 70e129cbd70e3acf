"""`python -m mentiondesk` is the `mentiondesk` command."""

from mentiondesk.cli_entry import main

main()
