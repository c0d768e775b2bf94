"""tui9 widgets that are not scenes: the challenge panel."""
