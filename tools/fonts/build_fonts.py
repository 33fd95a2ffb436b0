#!/usr/bin/env python3
"""Build ecotown's bundled fonts from Debian's fonts-noto-core.

Run it through tools/fonts/build-fonts.sh, which installs what is missing.
Everything it writes goes into templates/static/fonts/ (see README.md there):

  noto-sans-{400,700}.woff2        Latin (Noto Sans subset, plus U+2212 MINUS SIGN, see add_minus)
  noto-sans-thai-{400,700}.woff2   Thai (Noto Sans Thai subset)
  noto-sans-math-400.woff2         arrows, ≈ ≠ ≤ ≥ (Noto Sans Math subset)
  noto-sans-symbols2-400.woff2     ✓ ✗ ▲ ▼ ● ○ ■ □ ◆ … (Noto Sans Symbols 2 subset)
  noto-sans-{400,700}.ttf, noto-sans-thai-{400,700}.ttf   the same subsets as TrueType
  ecotown-sans-{400,700}.ttf       all of the above merged into one font per weight (for charts)
  noto-sans-thai-print-{400,700}.woff2   the Thai subset for printed briefs (see print_variant)
  fonts.css                        @font-face rules, family "Ecotown Sans"
  OFL.txt                          the licence, with the copyright lines of every source font

The output is deterministic: fontTools keeps each source's head.modified when subsetting, and the
merged fonts get a fixed head.created/modified (the newest source font's), so two runs give
byte-identical files.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
import textwrap

from fontTools.merge import Merger, Options as MergeOptions
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

SRC = "/usr/share/fonts/truetype/noto"
DEB_COPYRIGHT = "/usr/share/doc/fonts-noto-core/copyright"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "templates", "static", "fonts")
FAMILY = "Ecotown Sans"

STYLE = {400: "Regular", 700: "Bold"}

# What the site needs. pyftsubset silently skips code points a font does not have.
LATIN_UNICODES = (
    "U+0020-007E,U+00A0-00FF,"  # Basic Latin, Latin-1 Supplement (° × ² ³ ¹ ± · « » …)
    "U+2000-206F,"  # General Punctuation (– — ‘ ’ “ ” … • ‰ ′ ″, spaces, ZWSP/ZWJ/ZWNJ, word joiner)
    "U+2070-209F,"  # superscripts and subscripts (CO₂, CH₄, N₂O, m⁻¹)
    "U+20AC,"  # € (฿ is U+0E3F, in the Thai font)
    "U+2212"  # − MINUS SIGN (not in Noto Sans 2.004; added by add_minus)
)
THAI_UNICODES = "U+0020,U+00A0,U+0E00-0E7F,U+200B-200D,U+25CC"  # 25CC: dotted circle for lone marks
MATH_UNICODES = "U+2190-21FF,U+2248,U+2260,U+2264-2265"  # arrows, ≈ ≠ ≤ ≥
SYMBOLS2_UNICODES = "U+25A0-25FF,U+2713-2718"  # geometric shapes, ✓ ✔ ✕ ✖ ✗ ✘ (+ arrows Math lacks)

# Common pyftsubset options: keep every OpenType feature (Thai needs ccmp/mark/mkmk/kern, Latin
# keeps tnum/lnum/frac/sups/…), drop hinting (smaller; browsers and ab_glyph do not need it), keep
# all name records (the licence and copyright are in name IDs 0, 13, 14), keep a visible .notdef box
# (a missing glyph in a chart shows as a box, not as nothing).
SUBSET_ARGS = [
    "--layout-features=*",
    "--no-hinting",
    "--name-IDs=*",
    "--notdef-outline",
    "--no-recalc-timestamp",
]


def src(name):
    return os.path.join(SRC, name)


def cmap_of(path):
    return set(TTFont(path, lazy=True).getBestCmap())


def add_minus(in_path, out_path):
    """Noto Sans 2.004 (Debian) has no U+2212 MINUS SIGN. Add one drawn exactly like the horizontal
    bar of the font's own plus sign (same advance, side bearings, height and stroke), which is how
    Noto Sans Math and later Noto Sans releases draw it."""
    font = TTFont(in_path, recalcTimestamp=False)
    glyf = font["glyf"]
    coords, ends, _ = glyf["plus"].getCoordinates(glyf)
    assert list(ends) == [11], "unexpected plus outline"
    xs = [x for x, _ in coords]
    x_min, x_max = min(xs), max(xs)
    bar = sorted({y for x, y in coords if x in (x_min, x_max)})
    assert len(bar) == 2, bar
    y0, y1 = bar
    pen = TTGlyphPen(None)
    pen.moveTo((x_min, y0))
    pen.lineTo((x_min, y1))
    pen.lineTo((x_max, y1))
    pen.lineTo((x_max, y0))
    pen.closePath()
    glyph = pen.glyph()
    order = font.getGlyphOrder() + ["minus"]
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    glyf["minus"] = glyph
    glyph.recalcBounds(glyf)
    font["hmtx"]["minus"] = font["hmtx"]["plus"]
    font["maxp"].numGlyphs = len(order)
    if "GDEF" in font and font["GDEF"].table.GlyphClassDef:
        font["GDEF"].table.GlyphClassDef.classDefs["minus"] = 1  # base glyph
    assert 0x2212 not in font.getBestCmap(), "the font has a minus sign now: drop add_minus"
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[0x2212] = "minus"
    font.save(out_path)


def subset(in_path, out_path, unicodes, extra=()):
    flavor = ["--flavor=woff2"] if out_path.endswith(".woff2") else []
    cmd = ["pyftsubset", in_path, "--unicodes=" + unicodes, *SUBSET_ARGS, *extra, *flavor,
           "--output-file=" + out_path]
    subprocess.run(cmd, check=True)


def set_name(font, name_id, value):
    name = font["name"]
    name.removeNames(nameID=name_id)
    if value is not None:
        name.setName(value, name_id, 3, 1, 0x409)


def merge(parts, out_path, weight):
    """Merge Latin + Thai + Math + Symbols 2 into one font (first font wins a code point)."""
    fonts = [TTFont(p) for p in parts]
    merged = Merger(options=MergeOptions(drop_tables=["MATH"])).merge(parts)
    style = STYLE[weight]
    ps = "EcotownSans-" + style
    versions = "; ".join(
        "%s %s" % (f["name"].getDebugName(1), f["name"].getDebugName(5).split(";")[0].replace("Version ", ""))
        for f in fonts)
    copyrights = []
    for f in fonts:
        c = f["name"].getDebugName(0)
        if c not in copyrights:
            copyrights.append(c)
    set_name(merged, 0, " ".join(copyrights))
    set_name(merged, 1, FAMILY)
    set_name(merged, 2, style)
    set_name(merged, 3, "%s;%s" % (ps, versions))
    set_name(merged, 4, "%s %s" % (FAMILY, style))
    set_name(merged, 5, "Version 1.000; subset and merge of " + versions)
    set_name(merged, 6, ps)
    set_name(merged, 10, "Subset of Noto Sans, Noto Sans Thai, Noto Sans Math and Noto Sans Symbols 2 "
                         "merged into one font for ecotown's charts. Not the original Noto fonts.")
    for nid in (16, 17, 21, 22, 25):
        set_name(merged, nid, None)
    head = merged["head"]
    head.fontRevision = 1.0
    # Fixed timestamps: the newest source font's, so the build does not depend on the clock.
    stamp = max(f["head"].modified for f in fonts)
    head.created = head.modified = stamp
    # One line height for both scripts: Latin ascender, Thai descender (below-marks and ฤ ฎ ฏ).
    asc = max(f["hhea"].ascent for f in fonts[:2])
    desc = min(f["hhea"].descent for f in fonts[:2])
    glyf = merged["glyf"]
    y_max = max(glyf[g].yMax for g in merged.getGlyphOrder() if glyf[g].numberOfContours)
    y_min = min(glyf[g].yMin for g in merged.getGlyphOrder() if glyf[g].numberOfContours)
    hhea, os2 = merged["hhea"], merged["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = asc, desc, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = asc, desc, 0
    os2.usWinAscent, os2.usWinDescent = max(asc, y_max), max(-desc, -y_min)
    os2.usWeightClass = weight
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if weight == 700 else 0b1000000)
    head.macStyle = 1 if weight == 700 else 0
    os2.recalcUnicodeRanges(merged)
    merged.recalcTimestamp = False
    merged.save(out_path)


# The advance given to Thai mark glyphs in the print variant, in units of the em.
PRINT_MARK_ADVANCE = 0.2


def print_variant(in_path, out_path):
    """The Thai font for printed briefs: the same glyphs, outlines and layout tables, but every
    mark glyph (GDEF class 3) that has no advance gets one of PRINT_MARK_ADVANCE em.

    Why: Noto Sans Thai's marks have zero advance and are placed by GPOS anchors. Chromium's PDF
    writer copies the font's advances into the PDF's glyph widths, so text extractors see zero-
    width marks: pdfminer breaks a line between two of them (an upper vowel and a tone mark, as in
    ที่), and pdftotext reads the gap a mark shifted left over a tall consonant (ป ฝ ฟ) leaves as a
    space (เป็ น). The layout does not change: HarfBuzz, which Chromium shapes with, zeroes the
    advance of every GDEF mark in Thai, so the page prints pixel for pixel the same (checked by
    rendering a brief with both fonts), while the PDF's widths now make each mark overlap its
    neighbours, as extractors expect. brief.css uses this font in print only; screens keep the
    unchanged font, whatever engine shapes it.

    Also runnable on its own (build_fonts.py --print-variants) from the committed subsets."""
    font = TTFont(in_path)
    classes = font["GDEF"].table.GlyphClassDef.classDefs
    advance = int(font["head"].unitsPerEm * PRINT_MARK_ADVANCE)
    hmtx = font["hmtx"]
    for glyph, glyph_class in sorted(classes.items()):
        if glyph_class == 3 and hmtx[glyph][0] == 0:
            hmtx[glyph] = (advance, hmtx[glyph][1])
    # A modified font gets its own name (so `pdffonts` tells which one a PDF embeds).
    style = font["name"].getDebugName(2) or "Regular"
    set_name(font, 1, "Noto Sans Thai Print")
    set_name(font, 4, "Noto Sans Thai Print %s" % style)
    set_name(font, 6, "NotoSansThaiPrint-%s" % style)
    for name_id in (16, 17):
        set_name(font, name_id, None)
    font.flavor = "woff2"
    font.save(out_path)


def print_variants():
    for weight in STYLE:
        print_variant(os.path.join(OUT, "noto-sans-thai-%d.woff2" % weight),
                      os.path.join(OUT, "noto-sans-thai-print-%d.woff2" % weight))


def ranges(codepoints):
    cps = sorted(codepoints)
    out, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        out.append("U+%04X" % cps[i] if i == j else "U+%04X-%04X" % (cps[i], cps[j]))
        i = j + 1
    return ", ".join(out)


def write_css(faces):
    """faces: (file, weight, unicode set) in priority order; each face gets only the code points
    no earlier face has, so the unicode-ranges do not overlap."""
    lines = [
        "/* Ecotown Sans: Noto Sans (Latin) + Noto Sans Thai, with a few symbols from Noto Sans Math",
        "   and Noto Sans Symbols 2. Subset fonts, SIL Open Font License 1.1: see OFL.txt and README.md.",
        "   Generated by tools/fonts/build-fonts.sh; do not edit by hand.",
        "   Use: font-family: \"Ecotown Sans\", sans-serif; with font-weight 400 or 700. The symbol",
        "   files (math, symbols2) have one weight and serve both. A browser downloads a file only",
        "   when the page uses a character in its unicode-range. */",
    ]
    for file, weight, cps in faces:
        lines += [
            "@font-face {",
            '  font-family: "%s";' % FAMILY,
            "  font-style: normal;",
            "  font-weight: %d;" % weight,
            "  font-display: swap;",
            '  src: url("%s") format("woff2");' % file,
            "  unicode-range: %s;" % ranges(cps),
            "}",
        ]
    with open(os.path.join(OUT, "fonts.css"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def debian_ofl():
    """The OFL 1.1 text as Debian ships it in fonts-noto-core's copyright file (the standalone
    'License: OFL-1.1' paragraph), unfolded from the Debian control-file format."""
    with open(DEB_COPYRIGHT, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next(i for i, line in enumerate(lines)
                 if line == "License: OFL-1.1" and lines[i + 1].startswith(" "))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        body.append(line[1:])
    paras, cur = [], []
    for line in body:
        if line == ".":
            paras.append(" ".join(cur))
            cur = []
        else:
            cur.append(line.strip())
    paras.append(" ".join(cur))
    assert paras[0] == "PREAMBLE" and paras[-1].endswith("DEALINGS IN THE FONT SOFTWARE."), paras
    return "\n\n".join(textwrap.fill(p, 78, break_long_words=False, break_on_hyphens=False)
                       for p in paras)


def write_ofl(sources):
    out = [
        "The font files in this folder are subsets (\"Modified Versions\" under the licence below) of",
        "fonts from the Noto project, taken from Debian's fonts-noto-core package (%s)." % deb_version(),
        "",
    ]
    for file_names, path in sources:
        f = TTFont(path, lazy=True)
        n = f["name"]
        out += [
            "%s, version %s (%s)" % (n.getDebugName(1), n.getDebugName(5).split(";")[0].replace("Version ", ""),
                                     os.path.basename(path) if isinstance(path, str) else ""),
            "  %s" % n.getDebugName(0),
            "  used in: %s" % file_names,
            "",
        ]
    out += [
        "Changes: reduced to the characters the site uses (pyftsubset), hinting removed, converted",
        "to WOFF2; a U+2212 MINUS SIGN glyph (a copy of the plus sign's horizontal bar) added to",
        "Noto Sans; ecotown-sans-*.ttf merge the subsets into one font named \"Ecotown Sans\".",
        "The Noto fonts declare no Reserved Font Name: the copyright lines above (and the name table",
        "of each font) name none, so the modified versions may keep their names.",
        "\"Noto\" is a trademark of Google LLC.",
        "",
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "This license is copied below, and is also available with a FAQ at:",
        "https://openfontlicense.org",
        "",
        "-" * 78,
        "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007",
        "-" * 78,
        "",
        debian_ofl(),
    ]
    with open(os.path.join(OUT, "OFL.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


def deb_version():
    try:
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "fonts-noto-core"],
                           check=True, capture_output=True, text=True).stdout.strip()
        return "version " + v
    except (OSError, subprocess.CalledProcessError):
        return "version unknown"


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        math_src, sym2_src = src("NotoSansMath-Regular.ttf"), src("NotoSansSymbols2-Regular.ttf")
        # Symbols 2 also supplies the 13 arrows Noto Sans Math lacks.
        math_cps = cmap_of(math_src)
        extra_arrows = sorted(c for c in range(0x2190, 0x2200) if c not in math_cps and c in cmap_of(sym2_src))
        sym2_unicodes = SYMBOLS2_UNICODES + "".join(",U+%04X" % c for c in extra_arrows)

        merged_parts = {}
        for weight, style in STYLE.items():
            latin_src = os.path.join(tmp, "NotoSans-%s-minus.ttf" % style)
            add_minus(src("NotoSans-%s.ttf" % style), latin_src)
            thai_src = src("NotoSansThai-%s.ttf" % style)
            for ext in ("woff2", "ttf"):
                subset(latin_src, os.path.join(OUT, "noto-sans-%d.%s" % (weight, ext)), LATIN_UNICODES)
                subset(thai_src, os.path.join(OUT, "noto-sans-thai-%d.%s" % (weight, ext)), THAI_UNICODES)
            merged_parts[weight] = [os.path.join(OUT, "noto-sans-%d.ttf" % weight),
                                    os.path.join(OUT, "noto-sans-thai-%d.ttf" % weight)]
        subset(math_src, os.path.join(OUT, "noto-sans-math-400.woff2"), MATH_UNICODES, ["--drop-tables+=MATH"])
        subset(sym2_src, os.path.join(OUT, "noto-sans-symbols2-400.woff2"), sym2_unicodes)
        math_ttf, sym2_ttf = os.path.join(tmp, "math.ttf"), os.path.join(tmp, "symbols2.ttf")
        subset(math_src, math_ttf, MATH_UNICODES, ["--drop-tables+=MATH"])
        subset(sym2_src, sym2_ttf, sym2_unicodes)

        for weight in STYLE:
            merge(merged_parts[weight] + [math_ttf, sym2_ttf],
                  os.path.join(OUT, "ecotown-sans-%d.ttf" % weight), weight)

        # CSS: Thai gets the Thai block and the dotted circle (so a lone mark after U+25CC shapes in
        # the Thai font); Latin everything else it has; the symbol fonts only what those lack. The
        # ranges do not overlap, so the order of the rules does not matter. The symbol fonts have
        # one weight but are declared for 700 too: browsers build the font for a weight only from
        # the rules declaring that weight, so without it bold text would take symbols from a
        # system font.
        thai_only = set(range(0x0E00, 0x0E80)) | {0x25CC}
        text_faces, claimed = {}, set()
        for weight in STYLE:
            latin, thai = "noto-sans-%d.woff2" % weight, "noto-sans-thai-%d.woff2" % weight
            text_faces[weight] = [(latin, cmap_of(os.path.join(OUT, latin)) - thai_only),
                                  (thai, cmap_of(os.path.join(OUT, thai)) & thai_only)]
            claimed |= text_faces[weight][0][1] | text_faces[weight][1][1]
        symbol_faces = []
        for file in ("noto-sans-math-400.woff2", "noto-sans-symbols2-400.woff2"):
            cps = cmap_of(os.path.join(OUT, file)) - claimed
            symbol_faces.append((file, cps))
            claimed |= cps
        faces = [(file, weight, cps) for weight in STYLE
                 for file, cps in text_faces[weight] + symbol_faces]
        write_css(faces)

        print_variants()

        write_ofl([
            ("noto-sans-400.*, ecotown-sans-400.ttf", src("NotoSans-Regular.ttf")),
            ("noto-sans-700.*, ecotown-sans-700.ttf", src("NotoSans-Bold.ttf")),
            ("noto-sans-thai-400.*, noto-sans-thai-print-400.woff2, ecotown-sans-400.ttf", src("NotoSansThai-Regular.ttf")),
            ("noto-sans-thai-700.*, noto-sans-thai-print-700.woff2, ecotown-sans-700.ttf", src("NotoSansThai-Bold.ttf")),
            ("noto-sans-math-400.woff2, ecotown-sans-*.ttf", math_src),
            ("noto-sans-symbols2-400.woff2, ecotown-sans-*.ttf", sym2_src),
        ])

    for name in sorted(os.listdir(OUT)):
        path = os.path.join(OUT, name)
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        print("%8d  %s  %s" % (os.path.getsize(path), digest[:16], name))


if __name__ == "__main__":
    if sys.argv[1:] == ["--print-variants"]:
        sys.exit(print_variants())
    sys.exit(main())
