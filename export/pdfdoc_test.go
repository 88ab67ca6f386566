package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// PDF.Table, as export/bureau uses it: the header on every page, rows never split unless taller
// than a page, and then continued line by line with （续） in the empty first cell, nothing lost.
func TestPDFTableAcrossPages(t *testing.T) {
	var tall []string
	for i := 1; i <= 90; i++ {
		tall = append(tall, fmt.Sprintf("第%d行意见", i))
	}
	rows := []Row{}
	for i := 1; i <= 40; i++ {
		rows = append(rows, Row{Cells: []Cell{{Text: fmt.Sprint(i)}, {Text: fmt.Sprintf("单位%d", i)}, {Text: "属实"}}})
	}
	rows = append(rows, Row{Bold: true, Fill: 238, Cells: []Cell{{Text: "41"}, {Text: "长意见单位"}, {Text: strings.Join(tall, "\n")}}})
	rows = append(rows, Row{Cells: []Cell{{Text: "42"}, {Text: "最后一个单位"}, {Text: "完"}}})
	fs, err := CutFonts(func(add func(string)) {
		add("序号单位复核意见属实长意见最后一个完第行（续）")
	})
	if err != nil {
		t.Fatal(err)
	}
	d := NewPDF(fs, PDFOptions{Title: "表格测试", Author: "测试", Date: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC), FooterLeft: "左", FooterRight: "右"})
	d.AddPage()
	d.Paragraph("表格之前的一段文字。", 0)
	d.Table(Table{Cols: []Column{{"序号", 15, 'C'}, {"单位", 60, 'L'}, {"复核意见", 105, 'L'}}, Size: 9, Pad: 1.1,
		Header: true, TitlesAligned: true}, rows)
	path := filepath.Join(t.TempDir(), "t.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Output(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	pages := pdfText(t, path)
	if len(pages) < 3 {
		t.Fatalf("%d pages, want the 90-line row to run over a page break", len(pages))
	}
	all := ""
	for i, p := range pages {
		if !strings.Contains(squeeze(p), "序号单位复核意见") {
			t.Errorf("page %d lacks the header:\n%s", i+1, p)
		}
		all += squeeze(p)
	}
	if !strings.Contains(all, "（续）") {
		t.Error("the continued row does not say （续）")
	}
	want := "40单位40属实41长意见单位" + squeeze(strings.Join(tall, "")) + "42最后一个单位完"
	if !isSubsequence(want, all) {
		t.Errorf("rows lost or out of order:\n%s", all)
	}
	// the tall row starts on a fresh page (it does not fit below the 40 rows) and ends on another
	first, last := -1, -1
	for i, p := range pages {
		if strings.Contains(p, "第1行意见") {
			first = i
		}
		if strings.Contains(p, "第90行意见") {
			last = i
		}
	}
	if first < 0 || last <= first {
		t.Errorf("the tall row's first line is on page %d, its last on page %d", first+1, last+1)
	}
}
