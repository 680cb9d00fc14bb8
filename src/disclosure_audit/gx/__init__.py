"""Great Expectations inside and out: the table rules compiled to SQL checks over the `facts` long
table (warehouse.facts), exported as GX suites, and run through GX by `run --engine gx`.

GX itself is imported only inside this package's functions (it costs ~3.5 s to import); nothing on
the default paths imports this package."""
