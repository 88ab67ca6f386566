// Package oserrtest helps tests check that a message a user reads has no English in it.
package oserrtest

import "strings"

// English returns the first run of three or more ASCII letters in text once the allowed
// strings (the paths the message names) are taken out, or "" when the text has none.
func English(text string, allowed ...string) string {
	for _, a := range allowed {
		if a != "" {
			text = strings.ReplaceAll(text, a, "")
		}
	}
	start := -1
	for i := 0; i <= len(text); i++ {
		letter := i < len(text) && (text[i] >= 'a' && text[i] <= 'z' || text[i] >= 'A' && text[i] <= 'Z')
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			if i-start >= 3 {
				return text[start:i]
			}
			start = -1
		}
	}
	return ""
}
