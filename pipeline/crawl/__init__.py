"""pipeline/crawl"""
