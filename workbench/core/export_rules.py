"""The US 3A090 parameters (88 FR 73458, October 2023) as pure functions."""

from __future__ import annotations


def total_processing_performance(dense_tflops: float, bits: int) -> float:
    """TPP = 2 x MacTOPS x bit length; a multiply-accumulate is two operations, so MacTOPS = TFLOPS / 2."""
    mac_tops = dense_tflops / 2
    return 2 * mac_tops * bits


def classify_3a090(tpp: float | None, density: float | None) -> str:
    """ "3A090.a", "3A090.b", "below 3A090", or "" when the figures do not decide it."""
    if tpp is None:
        return ""
    if tpp >= 4800 or (density is not None and tpp >= 1600 and density >= 5.92):
        return "3A090.a"
    if tpp < 1600:
        return "below 3A090"
    if density is None:
        return ""
    if (tpp >= 2400 and 1.6 <= density < 5.92) or (3.2 <= density < 5.92):
        return "3A090.b"
    return "below 3A090"
