"""The warehouse contract: extracted figures as a documented long table (one row per table cell), the
form in which a data team keeps them in SQL or Parquet and checks them with the exported GX suites."""
