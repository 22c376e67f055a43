namespace IOx.Pg.Planner.Engine;

/// <summary>A notice a statement raises without failing (PostgreSQL's WARNING "there is no transaction in progress").</summary>
public sealed record SessionNotice(string Severity, string SqlState, string Message);
