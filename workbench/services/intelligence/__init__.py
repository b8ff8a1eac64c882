"""Claim intelligence: suggested claims for a source, corroboration across sources, contradictions and
confidence. Everything here runs offline over the project's own claims and the bundled reference data.

Suggestions: suggest.py finds the checkable sentences of a text; actors.py the entities they name;
sentences.py splits text into exact spans; review.py ties these to a project: what is still to review
for a source (not claimed, not dismissed), and the undoable commands that accept suggestions as claims
or dismiss them.

Across sources: analysis.py runs one pass over the project (figures.py, origins.py for copied
articles, corroboration.py, conflicts.py and membership.py for disagreements, confidence.py for the
ICD 203 rule); judging.py holds the analyst's undoable confirmations, breaks and judgements;
records.py the JSON views.
"""
