namespace IOx.Pg.Storage.Catalog;

/// <summary>
/// A PostgreSQL login role kept in the catalog: its SCRAM-SHA-256 verifier in PostgreSQL's text
/// form (never the password; null: no password, so no password login), whether it may log in,
/// and whether it is a superuser.
/// </summary>
public sealed record CatalogRole(string Name, string? PasswordVerifier, bool CanLogin, bool Superuser);
