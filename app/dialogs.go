package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dialogWidth keeps message dialogs wide enough that wrapped Chinese reads as sentences.
const dialogWidth = 460

// wrapped is a label for text that may take several lines (dialog texts, instructions),
// broken by Chinese line-breaking rules (cjkLabel): Fyne's word wrap breaks at the last space
// that fits, so a Chinese sentence with one Latin word or number ended a half-empty line there.
func wrapped(text string) *cjkLabel { return newCJKLabel(text, fyne.TextStyle{}) }

// wrappedIn is wrapped in one of the theme's signal colours (a warning under a choice).
func wrappedIn(text string, imp widget.Importance) *cjkLabel {
	l := wrapped(text)
	l.lines.Importance = imp
	return l
}

// hintText is hint for text that may take several lines: the same grey, broken by Chinese
// line-breaking rules.
func hintText(text string) *cjkLabel {
	l := wrapped(text)
	l.rich = widget.NewRichText(&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true, SizeName: theme.SizeNameText}})
	return l
}

// atLeast gives obj a minimum size (wrapped labels otherwise shrink to one character per line).
func atLeast(obj fyne.CanvasObject, w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return container.NewStack(r, obj)
}

// messageBody is the content of a message dialog, wrapped by Chinese line-breaking rules:
// Fyne's word wrap breaks at the first space it finds, so "……”2025 年度" or "这里的 sanxiang"
// ended a half-empty line before the Latin word.
func messageBody(text string) fyne.CanvasObject {
	return atLeast(newCJKLabel(text, fyne.TextStyle{}), dialogWidth, 0)
}

// showInfo shows a message with a single 确定 button; Esc and Enter press it.
func showInfo(win fyne.Window, title, text string) dialog.Dialog {
	d := newMessage(win, title, "确定", messageBody(text))
	d.Show()
	return d
}

// newMessage is a message dialog (not yet shown) whose only button, button, closes it, as do
// Esc and Enter (okCloses); Fyne's dialog.NewCustom with a button that Enter presses also when
// it holds the focus.
func newMessage(win fyne.Window, title, button string, content fyne.CanvasObject) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, content, win)
	d.SetButtons([]fyne.CanvasObject{newDialogButton(button, nil, widget.MediumImportance, d.Hide)})
	okCloses(win, d)
	return d
}

// dialogButton is a dialog's button that Enter presses too while it holds the focus (after
// Tab), as in Windows dialogs; Fyne's buttons press only on Space.
type dialogButton struct{ widget.Button }

// newDialogButton is a dialogButton; icon may be nil.
func newDialogButton(text string, icon fyne.Resource, imp widget.Importance, tapped func()) *dialogButton {
	b := &dialogButton{}
	b.Text, b.Icon, b.Importance, b.OnTapped = text, icon, imp, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter (either key) and on Space.
func (b *dialogButton) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		b.Tapped(nil)
		return
	}
	b.Button.TypedKey(ev)
}

// escCloses makes Esc close d as its 确定/取消 button would (Fyne's dialogs ignore Esc), and keeps
// Enter from acting while d shows: Enter neither runs a confirmation's action (only a button
// the user focused with Tab takes it) nor reaches the page under d.
// Only for dialogs whose dismissal does nothing: a choice whose both answers act uses keysHeld.
func escCloses(win fyne.Window, d dialog.Dialog) { dialogKeys(win, d, true, false) }

// okCloses is escCloses for a message whose only button (确定/关闭) does nothing but close it:
// Enter presses that button too, as in Windows dialogs.
func okCloses(win fyne.Window, d dialog.Dialog) { dialogKeys(win, d, true, true) }

// keysHeld keeps Esc and Enter from acting while d shows (a choice whose both answers act):
// neither answers it, nor reaches the page under d.
func keysHeld(win fyne.Window, d dialog.Dialog) { dialogKeys(win, d, false, false) }

// dialogKeys is the dialog's handling of Esc (closes d when esc) and Enter (closes d when
// enter, else is dropped): while d shows, the window's typed-key handler (which gets the keys
// no focused widget takes — a dialog's buttons hold the focus only after Tab) is d's, and the one
// before it comes back when d closes (when no other dialog is open by then).
func dialogKeys(win fyne.Window, d dialog.Dialog, esc, enter bool) {
	c := win.Canvas()
	before := c.OnTypedKey()
	open := true
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if open {
			switch k.Name {
			case fyne.KeyEscape:
				if esc {
					d.Hide()
				}
				return
			case fyne.KeyReturn, fyne.KeyEnter:
				if enter {
					d.Hide()
				}
				return
			}
		}
		if before != nil {
			before(k)
		}
	})
	d.SetOnClosed(func() {
		open = false
		// Fyne runs a confirmation's action before this: a dialog that action opened now holds
		// the keys and gives them back to this handler, which, closed, passes them on to before.
		if c.Overlays().Top() == nil {
			c.SetOnTypedKey(before)
		}
	})
}

// showError shows an error in Chinese; err's text is already Chinese (storage, scoring, export).
func showError(win fyne.Window, title string, err error) dialog.Dialog {
	return showInfo(win, title, err.Error())
}

// showConfirm asks before something that cannot be undone lightly; fn runs only on the
// confirming button.
func showConfirm(win fyne.Window, title, text, ok string, fn func()) dialog.Dialog {
	return showConfirmContent(win, title, messageBody(text), ok, fn)
}

// showConfirmContent is showConfirm with custom content (e.g. a problem list). It looks as
// Fyne's dialog.NewCustomConfirm and, as there, fn runs once the dialog is hidden; Enter runs it
// only when the user focused the ok button (Tab), and closes when 取消 holds the focus.
func showConfirmContent(win fyne.Window, title string, body fyne.CanvasObject, ok string, fn func()) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(title, body, win)
	yes := false
	d.SetOnClosed(func() { // set first: runs before escCloses gives the keys back, as Fyne's callback
		if yes {
			fn()
		}
	})
	cancel := newDialogButton("取消", theme.CancelIcon(), widget.MediumImportance, d.Hide)
	confirm := newDialogButton(ok, theme.ConfirmIcon(), widget.HighImportance, func() { yes = true; d.Hide() })
	d.SetButtons([]fyne.CanvasObject{cancel, confirm})
	escCloses(win, d) // Esc is 取消
	d.Show()
	return d
}

// showChoice asks a question whose both answers do something; fn gets true for ok. It looks as
// Fyne's dialog.NewCustomConfirm and, as there, fn runs once the dialog is hidden; Enter and Esc
// answer nothing unless the user focused a button (Tab), which then takes Enter as in Windows.
func showChoice(win fyne.Window, title string, body fyne.CanvasObject, ok, cancel string, fn func(bool)) dialog.Dialog {
	d := dialog.NewCustomWithoutButtons(title, body, win)
	answer := false
	d.SetOnClosed(func() { fn(answer) }) // set first: runs before keysHeld gives the keys back
	no := newDialogButton(cancel, theme.CancelIcon(), widget.MediumImportance, d.Hide)
	yes := newDialogButton(ok, theme.ConfirmIcon(), widget.HighImportance, func() { answer = true; d.Hide() })
	d.SetButtons([]fyne.CanvasObject{no, yes})
	keysHeld(win, d)
	d.Show()
	return d
}

// bold is a bold label.
func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// hint is secondary text (instructions, legends) in the placeholder grey, which stays readable;
// LowImportance labels are drawn in the much lighter "disabled" grey.
func hint(text string) *widget.RichText {
	r := widget.NewRichText(&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true, SizeName: theme.SizeNameText}})
	r.Wrapping = fyne.TextWrapWord
	return r
}

// colored is a label in one of the theme's signal colours.
func colored(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = imp
	return l
}

// fixedWidth lays obj out exactly w wide and as tall as it needs (a grid-wrap cell would fix
// the height too, before the theme that sizes obj is known).
func fixedWidth(w float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&widthLayout{w: w}, obj)
}

type widthLayout struct{ w float32 }

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(l.w, h)
}

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
