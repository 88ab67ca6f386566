package scoring

import (
	"fmt"
	"sort"
	"sync"
)

// Set is the one registry of the catalogs the program knows: the built-in ones, those stored in
// the open database, and one given on the command line. main builds it and hands it to storage,
// exchange, pack, app and the CLI, so no package decides by itself which catalogs exist.
// Its methods are safe for concurrent use.
type Set struct {
	mu      sync.RWMutex
	byHash  map[string]*Catalog // by Hash and by every FormerHashes entry
	order   []*Catalog          // in the order added (later ones win a lookup by id)
	builtin map[string]bool     // hashes of the catalogs compiled into the program
}

// NewSet is a set holding cats as built-in catalogs (the first one is the Default).
func NewSet(cats ...*Catalog) *Set {
	s := &Set{byHash: map[string]*Catalog{}, builtin: map[string]bool{}}
	for _, c := range cats {
		if s.Add(c) {
			s.builtin[c.Hash] = true
		}
	}
	return s
}

// BuiltinSet is the set of the catalogs compiled into the program, for main to start from.
func BuiltinSet() (*Set, error) {
	c, err := Builtin()
	if err != nil {
		return nil, err
	}
	return NewSet(c), nil
}

// Add registers c (under its hash and former hashes) and reports whether it was new; a catalog
// already known by its hash is kept as it is.
func (s *Set) Add(c *Catalog) bool {
	if c == nil || c.Hash == "" {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.byHash[c.Hash]; ok {
		return false
	}
	s.byHash[c.Hash] = c
	for _, h := range c.FormerHashes {
		if _, ok := s.byHash[h]; !ok {
			s.byHash[h] = c
		}
	}
	s.order = append(s.order, c)
	return true
}

// With is a new set holding s's catalogs (built-in ones still built in) and cs, for reading a
// file that brings its own catalog without registering that catalog yet; s may be nil.
func (s *Set) With(cs ...*Catalog) *Set {
	out := NewSet()
	if s != nil {
		s.mu.RLock()
		for _, c := range s.order {
			out.Add(c)
			if s.builtin[c.Hash] {
				out.builtin[c.Hash] = true
			}
		}
		s.mu.RUnlock()
	}
	for _, c := range cs {
		out.Add(c)
	}
	return out
}

// ByHash finds a catalog by the SHA-256 of its file, also by a former file's hash.
func (s *Set) ByHash(hash string) (*Catalog, bool) {
	if s == nil {
		return nil, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.byHash[hash]
	return c, ok
}

// Find is the catalog an assessment file names: by hash when given and known, otherwise the
// catalog with that id added last (a file given with --catalog wins over the built-in).
func (s *Set) Find(id, hash string) (*Catalog, bool) {
	if c, ok := s.ByHash(hash); ok && (id == "" || c.ID == id) {
		return c, true
	}
	if s == nil || id == "" {
		return nil, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := len(s.order) - 1; i >= 0; i-- {
		if s.order[i].ID == id {
			return s.order[i], true
		}
	}
	return nil, false
}

// IsBuiltin reports whether c is compiled into the program (then packages need not carry it).
func (s *Set) IsBuiltin(c *Catalog) bool {
	if s == nil || c == nil {
		return false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.builtin[c.Hash]
}

// Default is the catalog a new assessment gets unless the user picks another: the first built-in.
func (s *Set) Default() (*Catalog, error) {
	if s != nil {
		s.mu.RLock()
		defer s.mu.RUnlock()
		for _, c := range s.order {
			if s.builtin[c.Hash] {
				return c, nil
			}
		}
	}
	return nil, fmt.Errorf("程序中没有内置的指标体系")
}

// All lists the known catalogs, built-in ones first, then by title and id, for choosing one.
func (s *Set) All() []*Catalog {
	if s == nil {
		return nil
	}
	s.mu.RLock()
	out := append([]*Catalog(nil), s.order...)
	builtin := s.builtin
	s.mu.RUnlock()
	sort.SliceStable(out, func(i, j int) bool {
		bi, bj := builtin[out[i].Hash], builtin[out[j].Hash]
		if bi != bj {
			return bi
		}
		if out[i].Title != out[j].Title {
			return out[i].Title < out[j].Title
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Describe is the one-line name of a catalog for lists and messages: its title, its id and the
// first characters of its hash (two catalogs may share a title).
func Describe(c *Catalog) string {
	if c == nil {
		return ""
	}
	h := c.Hash
	if len(h) > 8 {
		h = h[:8]
	}
	return fmt.Sprintf("%s（%s，%s）", c.Title, c.ID, h)
}
