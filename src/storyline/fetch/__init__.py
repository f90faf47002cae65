"""Fetching from the web, politely: the HTTP client (``client``), robots.txt (``robots``),
canonical URLs (``urls``), finding a site's feed or sitemap (``discovery``) and reading what a
poll of a source brings (``poller``). The store is never touched here: ``engine.follow`` is.
"""
