"""Sources that fetch mentions of the brand from social platforms, and the poller driving them."""
