package export

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSXNew makes the sheets in order with the program's font, properties and recalculation.
func TestXLSXNew(t *testing.T) {
	f, err := XLSXNew(XLSXDoc{Sheets: []string{"甲", "乙", "丙"}, Title: "标题", Subject: "主题",
		Created: time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"甲", "乙", "丙"}) {
		t.Errorf("sheets %v", got)
	}
	if font, _ := f.GetDefaultFont(); font != XLSXFont {
		t.Errorf("default font %q", font)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Title != "标题" || props.Subject != "主题" || props.Created != "2020-05-06T07:08:09Z" ||
		!strings.Contains(props.Creator, "sanxiang") {
		t.Errorf("properties %+v, %v", props, err)
	}
	calc, err := f.GetCalcProps()
	if err != nil || calc.FullCalcOnLoad == nil || !*calc.FullCalcOnLoad {
		t.Errorf("calc properties %+v, %v", calc, err)
	}
	var buf bytes.Buffer
	if err := XLSXWrite(&buf, f, func() error { return f.SetCellStr("甲", "A1", "文字") }); err != nil || buf.Len() == 0 {
		t.Errorf("XLSXWrite: %v, %d bytes", err, buf.Len())
	}
	if err := XLSXWrite(&buf, f, func() error { return f.SetCellStr("无此表", "A1", "x") }); err == nil || !strings.Contains(err.Error(), "生成 Excel 失败") {
		t.Errorf("a failing step: %v", err)
	}
}

// The styles carry what they are given: edges, fill, number format, protection, link colour.
func TestXLSXNewStyle(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for _, s := range []XLSXCellStyle{
		{Edges: XLSXAllEdges, Bold: true, Size: 10, Horizontal: "center", Fill: "D9D9D9"},
		{Edges: []string{"left", "right"}, Size: 10, Horizontal: "left", NumFmt: "0.0", Unlocked: true},
		{Size: 12, Horizontal: "left", Link: true},
	} {
		id, err := XLSXNewStyle(f, s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Border) != len(s.Edges) || got.Font.Family != XLSXFont || got.Font.Bold != s.Bold || got.Font.Size != s.Size ||
			got.Alignment.Horizontal != s.Horizontal || !got.Alignment.WrapText || got.Alignment.Vertical != "top" {
			t.Errorf("%+v: got font %+v, %d borders, alignment %+v", s, got.Font, len(got.Border), got.Alignment)
		}
		if (s.Fill != "") != (len(got.Fill.Color) == 1 && got.Fill.Color[0] == s.Fill) {
			t.Errorf("%+v: fill %+v", s, got.Fill)
		}
		if (s.NumFmt != "") != (got.CustomNumFmt != nil && *got.CustomNumFmt == s.NumFmt) {
			t.Errorf("%+v: number format %v", s, got.CustomNumFmt)
		}
		if s.Unlocked != (got.Protection != nil && !got.Protection.Locked) {
			t.Errorf("%+v: protection %+v", s, got.Protection)
		}
		if s.Link != (got.Font.Underline == "single") {
			t.Errorf("%+v: underline %q", s, got.Font.Underline)
		}
	}
}

// XLSXPageSetup freezes the header rows and FrozenCols columns, and writes the footer with the
// texts made safe and "&" escaped, the right part only when given.
func TestXLSXPageSetup(t *testing.T) {
	for _, tc := range []struct {
		page       XLSXPage
		topLeft    string
		pane       string
		footerPart string
		noRight    bool
	}{
		{XLSXPage{FooterLeft: "甲&乙\x07单位 2020 年度"}, "A3", "bottomLeft", "&L&9甲&&乙单位 2020 年度&C&9第 &P 页 共 &N 页", true},
		{XLSXPage{Landscape: true, FooterLeft: "区司法局", FooterRight: "报送包校验码 ABCD", FrozenCols: 2}, "C3", "bottomRight",
			"&L&9区司法局&C&9第 &P 页 共 &N 页&R&9报送包校验码 ABCD", false},
	} {
		f := excelize.NewFile()
		if err := XLSXPageSetup(f, "Sheet1", tc.page, cellText); err != nil {
			t.Fatal(err)
		}
		panes, err := f.GetPanes("Sheet1")
		if err != nil || !panes.Freeze || panes.XSplit != tc.page.FrozenCols || panes.YSplit != 2 || panes.TopLeftCell != tc.topLeft || panes.ActivePane != tc.pane {
			t.Errorf("%+v: panes %+v, %v", tc.page, panes, err)
		}
		hf, err := f.GetHeaderFooter("Sheet1")
		if err != nil || hf.OddFooter != tc.footerPart || tc.noRight && strings.Contains(hf.OddFooter, "&R") {
			t.Errorf("%+v: footer %q, %v", tc.page, hf.OddFooter, err)
		}
		layout, err := f.GetPageLayout("Sheet1")
		if err != nil || layout.Orientation == nil || (*layout.Orientation == "landscape") != tc.page.Landscape {
			t.Errorf("%+v: layout %+v, %v", tc.page, layout, err)
		}
		f.Close()
	}
}
