"""The app's screens: children, a child's workspace, an entry, the trash, and every
modal dialog (help, questions, file pickers, letters, imports)."""
