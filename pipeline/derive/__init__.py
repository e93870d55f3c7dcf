"""pipeline/derive"""
