/// The private PostgreSQL cluster started by `scripts/test`.
public enum TestDatabase {}
