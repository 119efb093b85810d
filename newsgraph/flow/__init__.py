"""Live sources and the store's changes: pages fetched (`fetch`), feeds and folders followed (`watch`).

``http`` is the polite fetcher (robots.txt, a delay per host, limits), ``fetch`` turns pages into
raw documents, ``watch`` polls feeds and folders, ``state`` keeps what they remember in the store.
Everything they read goes through ``workflow.analyze``, the path files take.
"""
