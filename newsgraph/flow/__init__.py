"""The flow of news into the store: copies and versions of arriving articles (`copies`, `versions`),
live sources (pages fetched by `fetch`, feeds and folders followed by `watch`) and alerts with the
watchlist (`alerts`, `alert_delivery`, `watchlist`).

``http`` is the polite fetcher (robots.txt, a delay per host, limits), ``fetch`` turns pages into
raw documents, ``watch`` polls feeds and folders, ``state`` keeps what they remember in the store.
Everything they read goes through ``workflow.analyze``, the path files take.
"""
