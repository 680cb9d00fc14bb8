"""Chinese text helpers every stage shares: numerals, invisible characters, dates, organisation
names, report words and page furniture.

One copy of each, so the reader, the extractor and the rules cannot drift apart (a date the
signature finder reads must be the date the chrome remover keeps). Like `core/` and `expr.py`, this
package imports no stage package (ingest, extract, rules, engine, scoring, render, cli): every stage
may import it.
"""
