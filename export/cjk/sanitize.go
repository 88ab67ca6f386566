package cjk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Substitute is drawn in place of a character the font has no glyph for, so the reader sees
// that something was there instead of a silent gap.
const Substitute = '□'

// Sanitize prepares user text for a PDF whose font can draw the runes for which has is true:
// CR LF and lone CR become LF, U+2028/U+2029 become LF, a tab becomes a space, other control
// characters and invisible format characters (zero-width spaces, BOM, bidi marks, variation
// selectors) are removed, and every other rune the font cannot draw — including invalid UTF-8
// and characters outside the Basic Multilingual Plane when the font lacks them — becomes
// Substitute (or '?' if even that is missing). The result has only drawable runes and LF.
func Sanitize(s string, has func(rune) bool) string {
	var b strings.Builder
	b.Grow(len(s))
	sub := Substitute
	if !has(sub) {
		sub = '?'
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && n <= 1:
			b.WriteRune(sub)
		case unicode.IsControl(r):
			// dropped: C0/C1 controls and DEL have no visible form
		case invisible(r) && !has(r):
			// dropped: format characters only steer rendering
		case has(r):
			b.WriteRune(r)
		default:
			b.WriteRune(sub)
		}
	}
	return b.String()
}

// invisible reports format characters and variation selectors, which have no visible form of
// their own.
func invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
}

// StripControls removes what an XML-based file (xlsx) cannot hold or a cell should not show:
// control characters other than LF (tab becomes a space, CR LF becomes LF) and invalid UTF-8
// (replaced by U+FFFD). Unlike Sanitize it keeps every printable character, because a
// spreadsheet program picks its own fonts.
func StripControls(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError && n <= 1:
			b.WriteRune(utf8.RuneError)
		case unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			// not allowed in XML 1.0 or invisible
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
