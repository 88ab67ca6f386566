package scoring

import (
	"os"
	"path/filepath"
	"testing"
)

func otherCatalog(t testing.TB) *Catalog {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "catalog-other.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseCatalog(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSet(t *testing.T) {
	s, err := BuiltinSet()
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Default()
	if err != nil || b.ID != BuiltinID || !s.IsBuiltin(b) {
		t.Fatalf("Default = %v, %v", b, err)
	}
	if c, ok := s.ByHash(builtinV1Hash); !ok || c != b {
		t.Error("the built-in is not found by its version-1 hash")
	}
	other := otherCatalog(t)
	if !s.Add(other) || s.Add(other) {
		t.Error("Add reports a new catalog wrongly")
	}
	if s.IsBuiltin(other) {
		t.Error("an added catalog counts as built in")
	}
	if s.Add(nil) || s.Add(&Catalog{ID: "x"}) {
		t.Error("a catalog without a hash was added")
	}
	cases := []struct {
		id, hash string
		want     *Catalog
	}{
		{BuiltinID, "", b},
		{BuiltinID, b.Hash, b},
		{BuiltinID, builtinV1Hash, b},
		{other.ID, other.Hash, other},
		{other.ID, "0000", other},  // unknown hash: by id
		{"", other.Hash, other},    // hash alone
		{BuiltinID, other.Hash, b}, // a hash of another id is not taken
		{"nope", "", nil},
		{"", "", nil},
	}
	for _, tc := range cases {
		got, ok := s.Find(tc.id, tc.hash)
		if got != tc.want || ok != (tc.want != nil) {
			t.Errorf("Find(%q, %.8q) = %v, %v", tc.id, tc.hash, got, ok)
		}
	}
	// a file of the same id added later (the CLI's --catalog) wins a lookup by id
	edited := *other
	edited.Hash = "f00d"
	s.Add(&edited)
	if got, _ := s.Find(other.ID, ""); got != &edited {
		t.Error("the later catalog of an id does not win")
	}
	all := s.All()
	if len(all) != 3 || all[0] != b {
		t.Errorf("All = %d catalogs, first %v", len(all), all[0].ID)
	}
	var nilSet *Set
	if _, ok := nilSet.Find(BuiltinID, ""); ok || nilSet.All() != nil {
		t.Error("a nil set finds something")
	}
	if _, err := nilSet.Default(); err == nil {
		t.Error("a nil set has a default")
	}
}

func TestCatalogKeepsItsFile(t *testing.T) {
	c := otherCatalog(t)
	again, err := ParseCatalog(c.File)
	if err != nil || again.Hash != c.Hash {
		t.Fatalf("the kept file does not parse to the same catalog: %v", err)
	}
}
