"""Claim intelligence: suggested claims for a source (and, beside them, corroboration and conflicts).

suggest.py finds the checkable sentences of a text; actors.py the entities they name;
sentences.py splits text into exact spans; review.py ties these to a project: what is
still to review for a source (not claimed, not dismissed), and the undoable commands
that accept suggestions as claims or dismiss them.
"""
