"""Small helpers every stage may use: ids and clocks, text fingerprints, the dataset lock.

Nothing here imports a stage, so any stage can import it without a cycle.
"""
