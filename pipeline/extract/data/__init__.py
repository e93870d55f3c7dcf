"""Extraction rules kept as data: furniture.yml (page furniture), agencies.yml (wire services)."""
