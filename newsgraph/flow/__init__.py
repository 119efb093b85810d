"""The flow of news into the store: copies, versions, live sources and alerts."""
