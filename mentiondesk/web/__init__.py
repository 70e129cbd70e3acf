"""The desk: the web pages where community managers work the queue and see the numbers."""

from mentiondesk.web.app import create_app
from mentiondesk.web.server import serve

__all__ = ["create_app", "serve"]
