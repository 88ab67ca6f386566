// Package desktop is the program's Fyne-free contact with the desktop it runs on: the main
// window's remembered sizes (kept beside the database, never in %APPDATA%), the monitor's work
// area, maximising and bringing a window to the front (Win32), and the places a file picker
// offers (the real known folders, drives with their kind and label).
package desktop

import (
	"encoding/json"
	"os"
	"path/filepath"

	"sanxiang/internal/atomicfile"
)

// WindowFileName is the file beside the database that keeps the window sizes per monitor.
const WindowFileName = "sanxiang-window.json"

// WindowState is a remembered window on one monitor, in Fyne's logical pixels.
type WindowState struct {
	Width     float32 `json:"width"`
	Height    float32 `json:"height"`
	Maximised bool    `json:"maximised,omitempty"`
}

// WindowFile is where the sizes of the program using dbPath are kept (in portable mode on the
// stick, beside the database).
func WindowFile(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), WindowFileName)
}

// LoadWindowStates reads the remembered sizes by monitor key; a missing or damaged file is no
// sizes.
func LoadWindowStates(path string) map[string]WindowState {
	out := map[string]WindowState{}
	if data, err := os.ReadFile(path); err == nil {
		if json.Unmarshal(data, &out) != nil {
			return map[string]WindowState{}
		}
	}
	return out
}

// SaveWindowState remembers st for the monitor key, keeping the others (atomic write).
func SaveWindowState(path, key string, st WindowState) error {
	states := LoadWindowStates(path)
	if old, ok := states[key]; ok && st.Maximised {
		st.Width, st.Height = old.Width, old.Height // keep the normal size for un-maximising
	}
	states[key] = st
	data, err := json.MarshalIndent(states, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data)
}

// Place is a shortcut of the file picker.
type Place struct {
	Name, Path string
}
