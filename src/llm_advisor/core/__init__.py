"""The pure core: the cost model, the recommender's rules and ranking, comparisons, cost
reports, freshness and the price audit.  No I/O, no clock, no environment, no Rich or Typer."""
