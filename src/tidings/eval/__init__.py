"""Scorers for public gold data sets, one module per stage."""
