// Package scoring holds the domain of a self-assessment without any I/O: the indicator system
// (Catalog: Areas › Categories › Indicators › Criteria, with the application materials it
// declares), a unit's answers, the exact arithmetic in tenths of a point (Tenths, Hundredths),
// the score and converted score by the catalog's N/A policy, and the problems a user must fix.
// Files, databases and screens live in other packages; they call this one.
package scoring
