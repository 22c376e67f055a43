namespace IOx.Pg.Planner.Sql.Ast;

/// <summary>How a SET value item was written: PostgreSQL flattens each kind differently (a quoted list item keeps its quotes in search_path).</summary>
public enum SettingArgumentKind
{
    /// <summary>A bare word or keyword (folded to lower case), e.g. <c>on</c>, <c>public</c>.</summary>
    Word,
    /// <summary>A "quoted" identifier, kept exactly.</summary>
    QuotedIdentifier,
    /// <summary>A 'string' literal.</summary>
    String,
    /// <summary>A number, with its sign, as written.</summary>
    Number,
}

/// <summary>One item of a SET value list: <c>SET search_path = "$user", public</c> has two.</summary>
public sealed record SettingArgument(SettingArgumentKind Kind, string Text);
