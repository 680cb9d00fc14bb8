"""What reviewers still check by hand in the prose, as pure functions over paragraph text (no
report, no table, no engine): enumerations with a gap or a repeat, words printed twice, a stated
total whose own breakdown exceeds it, a section 五 that names no problem or no measure, fee
statements. The rule kinds that use them add the evidence and the table lookups.

Every function is precision-first: it returns a fault only on a positive reading of the text, and
stays silent on anything it cannot read with certainty.
"""
