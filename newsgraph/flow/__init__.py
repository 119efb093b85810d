"""The store's flow: live sources (fetch, watch), alerts and watchlists; the store's changes, told."""
