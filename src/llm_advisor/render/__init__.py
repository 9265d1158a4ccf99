"""Drawing results: one ``Output`` decides the mode (Rich table, plain, JSON, markdown, CSV)
and owns both streams; the other modules draw one kind of result each."""
