"""What leaves the store for other tools: the JSON document (``document``)."""
