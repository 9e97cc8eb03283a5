package ui

import (
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// termApp is what the App needs of tview's Application: the event loop,
// the queue that brings background results onto it, focus and input
// capture. Tests put a mocked implementation behind it (mockApp, in
// term_test.go) so the background paths run, race detector and all, with
// the test stepping the event loop — as dundee/gdu's TermApplication and
// MockedApp do.
type termApp interface {
	Run() error
	Stop()
	SetScreen(screen tcell.Screen) *tview.Application
	SetRoot(root tview.Primitive, fullscreen bool) *tview.Application
	SetFocus(p tview.Primitive) *tview.Application
	SetInputCapture(capture func(event *tcell.EventKey) *tcell.EventKey) *tview.Application
	GetInputCapture() func(event *tcell.EventKey) *tcell.EventKey
	EnableMouse(enable bool) *tview.Application
	QueueUpdate(f func()) *tview.Application
	QueueUpdateDraw(f func()) *tview.Application
	ForceDraw() *tview.Application
}

// failure is the first panic of a background goroutine.
type failure struct {
	mu  sync.Mutex
	err error
}

// background runs work on its own goroutine. A panic there would end the
// process with the terminal left in raw mode and the screen unreadable:
// it is caught instead, the event loop is stopped (which restores the
// terminal) and Run returns the panic, with its stack, as an error.
func (a *App) background(what string, work func()) {
	go func() {
		defer func() {
			if p := recover(); p != nil {
				a.fail(fmt.Errorf("%s: panic: %v\n%s", what, p, debug.Stack()))
			}
		}()
		work()
	}()
}

// fail records the first failure and stops the event loop.
func (a *App) fail(err error) {
	a.failed.mu.Lock()
	first := a.failed.err == nil
	if first {
		a.failed.err = err
	}
	a.failed.mu.Unlock()
	if first {
		a.tv.Stop()
	}
}

// failure returns what stopped the app from a background goroutine, or nil.
func (a *App) failure() error {
	a.failed.mu.Lock()
	defer a.failed.mu.Unlock()
	return a.failed.err
}

// offUI runs work off the UI goroutine while the event loop runs and then
// applies its result on the UI goroutine with a redraw; before Run (tests
// without a mocked event loop) it runs both at once. work must not touch
// the App.
func (a *App) offUI(what string, work func() (apply func())) {
	if !a.running {
		work()()
		return
	}
	a.background(what, func() {
		apply := work()
		a.tv.QueueUpdateDraw(apply)
	})
}
