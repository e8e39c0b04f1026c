"""The app's screens: children, a child's workspace, an entry, the trash, help."""
