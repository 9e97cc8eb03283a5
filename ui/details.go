package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/rivo/tview"
)

// detailsView is the packet details tree of the selected packet. The tree
// is decoded on demand when the selection changes (one packet read) and
// dropped when the next packet is selected. Which subtrees are expanded is
// remembered by field path across packets, as in Wireshark, so stepping
// through a flow keeps the TCP layer open.
type detailsView struct {
	*tview.TreeView
	theme    *theme
	expanded map[string]bool
	chosen   string // path of the field the user moved to, "" until they do
	// onField is called with the byte range of the field under the cursor.
	onField func(start, n int)
}

func newDetailsView(th *theme) *detailsView {
	d := &detailsView{TreeView: tview.NewTreeView(), theme: th, expanded: map[string]bool{}}
	d.SetGraphics(false) // the ▸/▾ markers show the structure; lines would cost width at 80 columns
	d.SetChangedFunc(func(n *tview.TreeNode) {
		if ref, ok := n.GetReference().(nodeRef); ok {
			d.chosen = ref.path
		}
		d.highlight(n)
	})
	d.SetSelectedFunc(func(n *tview.TreeNode) { d.toggle(n) })
	return d
}

// nodeRef is what each tree node carries.
type nodeRef struct {
	path  string
	field *decode.Field
	text  string // the label, made printable and escaped for tview
}

// setText shows a subtree's state in front of its label, as Wireshark's
// triangles do: ▸ collapsed, ▾ expanded.
func setText(n *tview.TreeNode) {
	ref, ok := n.GetReference().(nodeRef)
	if !ok {
		return
	}
	switch {
	case len(n.GetChildren()) == 0:
		n.SetText("  " + ref.text)
	case n.IsExpanded():
		n.SetText("▾ " + ref.text)
	default:
		n.SetText("▸ " + ref.text)
	}
}

// show replaces the tree with a packet's fields.
func (d *detailsView) show(fields []decode.Field, err error) {
	root := tview.NewTreeNode("")
	if err != nil {
		root.AddChild(tview.NewTreeNode(tview.Escape(decode.Printable("cannot read packet: " + err.Error()))))
	}
	var selected *tview.TreeNode
	prev := d.chosen
	var add func(parent *tview.TreeNode, fs []decode.Field, prefix string)
	add = func(parent *tview.TreeNode, fs []decode.Field, prefix string) {
		for i := range fs {
			f := &fs[i]
			key := f.Name
			if key == "" {
				key = "#" + f.Label
			}
			path := prefix + "/" + key
			text := tview.Escape(decode.Printable(f.Label))
			n := tview.NewTreeNode(text).
				SetReference(nodeRef{path, f, text}).
				SetTextStyle(d.theme.normal).
				SetSelectedTextStyle(d.theme.selected)
			if len(f.Children) > 0 {
				n.SetExpanded(d.expanded[path])
				add(n, f.Children, path)
			}
			setText(n)
			if path == prev {
				selected = n
			}
			parent.AddChild(n)
		}
	}
	add(root, fields, "")
	d.SetRoot(root).SetTopLevel(1)
	switch {
	case selected != nil:
		// The field chosen in the previous packet stays chosen, as in
		// Wireshark, with its bytes highlighted.
		d.SetCurrentNode(selected)
		d.highlight(selected)
	case len(root.GetChildren()) > 0:
		d.SetCurrentNode(root.GetChildren()[0])
		if d.onField != nil {
			d.onField(0, 0) // nothing chosen yet: no bytes highlighted
		}
	}
}

func (d *detailsView) highlight(n *tview.TreeNode) {
	ref, ok := n.GetReference().(nodeRef)
	if !ok || d.onField == nil {
		return
	}
	d.onField(ref.field.Start, ref.field.Len)
}

// toggle expands or collapses a subtree and remembers the choice.
func (d *detailsView) toggle(n *tview.TreeNode) {
	d.setExpanded(n, !n.IsExpanded())
}

func (d *detailsView) setExpanded(n *tview.TreeNode, on bool) {
	ref, ok := n.GetReference().(nodeRef)
	if !ok || len(n.GetChildren()) == 0 {
		return
	}
	n.SetExpanded(on)
	d.expanded[ref.path] = on
	setText(n)
}

// setAll expands or collapses every subtree.
func (d *detailsView) setAll(on bool) {
	if root := d.GetRoot(); root != nil {
		root.Walk(func(n, _ *tview.TreeNode) bool {
			if n != root {
				d.setExpanded(n, on)
			}
			return true
		})
	}
}

// allExpanded reports whether every subtree is expanded.
func (d *detailsView) allExpanded() bool {
	all := true
	if root := d.GetRoot(); root != nil {
		root.Walk(func(n, _ *tview.TreeNode) bool {
			if n != root && len(n.GetChildren()) > 0 && !n.IsExpanded() {
				all = false
			}
			return all
		})
	}
	return all
}

// InputHandler adds Wireshark's keys to the tree: Right expands, Left
// collapses (or moves to the parent), and '*' expands all subtrees (or
// collapses them all when they already are).
func (d *detailsView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	base := d.TreeView.InputHandler()
	return func(ev *tcell.EventKey, setFocus func(p tview.Primitive)) {
		cur := d.GetCurrentNode()
		switch {
		case ev.Key() == tcell.KeyRight && cur != nil:
			d.setExpanded(cur, true)
			return
		case ev.Key() == tcell.KeyLeft && cur != nil:
			if cur.IsExpanded() && len(cur.GetChildren()) > 0 {
				d.setExpanded(cur, false)
				return
			}
			d.toParent(cur)
			return
		case ev.Key() == tcell.KeyRune && ev.Rune() == '*':
			d.setAll(!d.allExpanded())
			return
		case ev.Key() == tcell.KeyTab || ev.Key() == tcell.KeyBacktab || ev.Key() == tcell.KeyEscape:
			return // the app handles these
		}
		base(ev, setFocus)
	}
}

func (d *detailsView) toParent(n *tview.TreeNode) {
	root := d.GetRoot()
	if root == nil {
		return
	}
	root.Walk(func(c, parent *tview.TreeNode) bool {
		if c == n && parent != nil && parent != root {
			d.SetCurrentNode(parent)
			if ref, ok := parent.GetReference().(nodeRef); ok {
				d.chosen = ref.path
			}
			d.highlight(parent)
			return false
		}
		return true
	})
}
