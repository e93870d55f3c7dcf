"""The antitrust lens: events declared in dataset.yml, and the sentences of articles reporting them.

- `dates`: resolve "last week", "in 2014", "on Friday" against an article's own date (pure).
- `mentions`: find sentences that report an event and match them to known events (pure).
- `store`: write events, relations and event mentions to the database (I/O edge).
"""
