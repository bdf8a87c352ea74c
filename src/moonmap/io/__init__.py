"""Reading and writing: exports, citations and uploads."""
