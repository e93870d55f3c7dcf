"""pipeline/process"""
