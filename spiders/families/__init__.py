"""The spider: one DiscoverySpider (discovery.py) serves every source family, driven by each
source's seeds, feeds and sitemaps in dataset.yml; a family that needs parsing of its own would
get a module here."""
