"""Pages of teacher development (docs/development.md); access is decided in `zhiliang.development.access`."""
