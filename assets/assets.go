// Package assets holds the data compiled into every sanxiang binary: the built-in indicator
// catalogs and the CJK font, so that the program works on an offline PC with no Chinese fonts.
package assets

import _ "embed"

// BuiltinCatalogJSON is the 陕西省全面推行“三项制度”工作指标体系 (id shaanxi-2020), transcribed from the seed.
//
//go:embed catalogs/shaanxi-2020.json
var BuiltinCatalogJSON []byte

// FontRegular is Noto Sans SC Regular (TrueType, glyf outlines, GBK coverage), for GUI and PDF text.
// It is fetched by scripts/fetch-fonts.sh; without it the build fails instead of shipping boxes.
//
//go:embed fonts/NotoSansSC-Regular.ttf
var FontRegular []byte

// FontBold is Noto Sans SC Bold, for headings in the GUI and the PDFs.
//
//go:embed fonts/NotoSansSC-Bold.ttf
var FontBold []byte

// FontLicense is the SIL Open Font License text that must travel with the embedded font.
//
//go:embed fonts/OFL.txt
var FontLicense string

// Icon is the program icon (a seal-red square with 评), shown in the title bar and task bar.
//
//go:embed icon.png
var Icon []byte
