// Package archtest holds only a test: it reads the imports of every package of the module and
// enforces the layering of docs/architecture.md (SQL only in storage, Fyne only in app and the
// desktop main, scoring pure, workflows below the GUI and CLI). It has no code of its own.
package archtest
