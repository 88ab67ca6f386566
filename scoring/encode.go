package scoring

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// EncodeCatalog writes c as a catalog file (the current CatalogVersion, one-space indent, a final
// newline) and parses the result back, so that what is returned is exactly what a reader of the
// bytes gets, its Hash included; a catalog that does not add up is refused like a bad file.
// Codes, labels and sequence numbers are derived again from the order, so c needs only titles,
// points, criterion numbers and texts.
func EncodeCatalog(c *Catalog) ([]byte, *Catalog, error) {
	f := catalogFile{Format: CatalogFormat, Version: CatalogVersion, ID: c.ID, Title: c.Title,
		Total: json.Number(c.Total.String()), NAPolicy: string(c.NAPolicy)}
	if f.NAPolicy == "" {
		f.NAPolicy = string(NARescale)
	}
	ms := materialsToFile(c.Materials)
	f.Materials = &ms
	for _, a := range c.Areas {
		fa := catalogArea{Title: a.Title, Points: json.Number(a.Points.String())}
		for _, cat := range a.Categories {
			fc := catalogCategory{Title: cat.Title, Points: json.Number(cat.Points.String())}
			for _, ind := range cat.Indicators {
				fi := catalogIndicator{Title: ind.Title, Points: json.Number(ind.Points.String())}
				for _, cr := range ind.Criteria {
					fi.Criteria = append(fi.Criteria, catalogCriterion{No: cr.No, Text: cr.Text, Points: json.Number(cr.Points.String())})
				}
				fc.Indicators = append(fc.Indicators, fi)
			}
			fa.Categories = append(fa.Categories, fc)
		}
		f.Areas = append(f.Areas, fa)
	}
	data, err := encodeCatalogFile(f)
	if err != nil {
		return nil, nil, err
	}
	back, err := ParseCatalog(data)
	if err != nil {
		return nil, nil, err
	}
	return data, back, nil
}

// encodeCatalogFile is the one layout of catalog files: no HTML escaping, one-space indent.
func encodeCatalogFile(f catalogFile) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("写出指标体系失败：%w", err)
	}
	return buf.Bytes(), nil
}
