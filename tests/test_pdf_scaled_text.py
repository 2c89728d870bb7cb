"""Horizontally scaled PDF text (Tz) keeps its glyph height: PDFium's text matrix carries
the horizontal scale in `a`, so the em must come from the vertical basis vector."""
import math

from linter.readers.pdf import glyph_em


def test_em_ignores_horizontal_scaling():
    assert glyph_em(12, (1, 0, 0, 1)) == 12  # upright, unscaled
    assert glyph_em(12, (2, 0, 0, 1)) == 12  # Tz 200: twice as wide, not taller
    assert glyph_em(12, (0.5, 0, 0, 1)) == 12  # squeezed
    assert math.isclose(glyph_em(12, (0, 1, -1, 0)), 12)  # rotated 90°
    assert math.isclose(glyph_em(10, (1, 0, 0, 1.5)), 15)  # a vertical scale does count
