// Package imm tells the Windows input method (IMM32) where the caret of the program's focused
// text field is, so that the pinyin composition and the candidate list open at the caret
// instead of the screen's top-left corner. It subclasses the window procedure of the window
// Fyne's GLFW driver created; the program supplies the caret (see internal/caret). Only the
// Windows build has it: elsewhere the package is empty and nothing changes.
package imm

// ProbeEnv names a folder through which the Wine smoke test (scripts/wine-smoke.sh) checks the
// IME support (Window.Probe); it is never set in normal use.
const ProbeEnv = "SANXIANG_IME_PROBE"
