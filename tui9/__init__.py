"""tui9: a terminal tutorial game for "Deep Neural Networks 1"."""

__version__ = "0.1.0"
