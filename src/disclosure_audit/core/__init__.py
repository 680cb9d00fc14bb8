"""What every stage after extraction shares: the finding records, the run context and the stacked
frames. It imports no stage package (ingest, extract, rules, engine, scoring, render), so rule
kinds can depend on it without depending on the engine that runs them."""
