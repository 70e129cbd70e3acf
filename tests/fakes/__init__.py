"""Local fake servers that speak the real platforms' wire formats (aiohttp on 127.0.0.1)."""
