"""Claim intelligence: suggested claims, corroboration across sources, contradictions and confidence.

Everything here runs offline over the project's own claims and the bundled reference
data; nothing is downloaded.
"""
