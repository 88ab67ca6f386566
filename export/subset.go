package export

import "codeberg.org/go-pdf/fpdf"

// FontSubset is the embedded fonts cut to what one document prints, so that other packages'
// PDFs (the bureau's 复核意见书 and 推荐名单) use the same fonts, subset names and □ rule as
// the unit's exports without cutting fonts a second way.
type FontSubset struct{ fs *fontSet }

// CutFonts cuts the embedded Noto Sans SC regular and bold faces to ASCII, this package's
// static labels and every text each passes to add (user texts included: what the fonts lack
// will print as □).
func CutFonts(each func(add func(string))) (*FontSubset, error) {
	fs, err := cutFonts(each)
	if err != nil {
		return nil, err
	}
	return &FontSubset{fs: fs}, nil
}

// Has reports whether both faces of the subset can draw r; cjk.Sanitize takes it.
func (s *FontSubset) Has(r rune) bool { return s.fs.has(r) }

// Families under which AddTo registers the faces (fpdf SetFont family names, style "").
const (
	FamilyRegular = familyRegular
	FamilyBold    = familyBold
)

// AddTo registers both faces with p under FamilyRegular and FamilyBold.
func (s *FontSubset) AddTo(p *fpdf.Fpdf) {
	p.AddUTF8FontFromBytes(familyRegular, "", s.fs.regular)
	p.AddUTF8FontFromBytes(familyBold, "", s.fs.bold)
}

// SubsetNames renames the registered faces in a finished PDF to their subset names
// ("SXREGU+NotoSansSC-Regular"), in place, as the unit's PDFs are.
func SubsetNames(pdf []byte) []byte { return subsetNames(pdf) }

// XLSXLines is how many lines text takes in a spreadsheet column width Excel units wide, wrapped
// as the unit's 自评表 wraps (and as Excel, WPS and LibreOffice show it in 10 pt 宋体).
func XLSXLines(text string, width float64) int { return lineCount(text, width) }

// XLSXRowHeight is the row height in points that shows n such lines, within Excel's limit.
func XLSXRowHeight(n int) float64 { return rowHeight(n) }
