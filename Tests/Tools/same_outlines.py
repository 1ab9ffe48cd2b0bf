"""Compares the outlines of two TrueType fonts glyph by glyph, as fontTools reads them.

Usage: same_outlines.py ORIGINAL.ttf DECODED.ttf
Prints JSON: the glyph count of each and the glyphs whose contours, points (position and
on-curve bit), components, instructions, bounding box or horizontal metrics differ.
The WOFF2 tests run it on a subset and on what Google's reference decoder made of its WOFF2.
"""
import json
import sys

from fontTools.ttLib import TTFont


def outline(font, name):
    glyph = font["glyf"][name]
    fact = {"contours": glyph.numberOfContours}
    if glyph.numberOfContours == 0:
        return fact
    fact["box"] = [glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax]
    if glyph.isComposite():
        fact["components"] = [
            [c.glyphName, getattr(c, "x", None), getattr(c, "y", None), c.flags,
             getattr(c, "transform", None) and [list(row) for row in c.transform]]
            for c in glyph.components
        ]
    else:
        fact["ends"] = list(glyph.endPtsOfContours)
        fact["points"] = [list(p) for p in glyph.coordinates]
        fact["on_curve"] = [f & 1 for f in glyph.flags]
    program = glyph.program.getBytecode() if hasattr(glyph, "program") else b""
    fact["instructions"] = program.hex()
    return fact


def main():
    original, decoded = TTFont(sys.argv[1]), TTFont(sys.argv[2])
    names = original.getGlyphOrder()
    differing = []
    for name in names:
        if outline(original, name) != outline(decoded, name):
            differing.append({"glyph": name, "original": outline(original, name), "decoded": outline(decoded, name)})
        elif original["hmtx"][name] != decoded["hmtx"][name]:
            differing.append({"glyph": name, "original": original["hmtx"][name], "decoded": decoded["hmtx"][name]})
    print(json.dumps({"glyphs": len(names), "decoded_glyphs": len(decoded.getGlyphOrder()),
                      "differing": differing[:5], "differing_count": len(differing)}))


main()
