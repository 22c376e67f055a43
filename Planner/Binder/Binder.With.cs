using System.Diagnostics.CodeAnalysis;
using IOx.Pg.Planner.Sql.Ast;
using IOx.Pg.Storage.Arrow;
using IOx.Pg.Storage.Errors;

namespace IOx.Pg.Planner.Binder;

/// <summary>
/// WITH queries (non-recursive): a name in FROM that matches a WITH item visible at that point
/// reads that item's query, bound afresh at each reference (so a query used twice is planned
/// twice; the result is the same as PostgreSQL's evaluated-once CTE because our queries have no
/// side effects and a statement sees one snapshot per table). A WITH item sees the items before
/// it in its own list and every item of enclosing queries; an inner item hides an outer one of
/// the same name. Also the column alias lists of FROM items and WITH items.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The WITH items visible to this binder's query, by name, each with the items visible to it.</summary>
    private Dictionary<string, CommonTableEntry> _commonTables = new(StringComparer.Ordinal);

    /// <summary>A binder for a subquery of this one: same storage, session, now() and parameters, and the WITH items visible here.</summary>
    private Binder Child() => new(_storage, _session, _now, _parameters) { _commonTables = new(_commonTables, StringComparer.Ordinal), _workTables = _workTables };

    /// <summary>Makes the WITH items of <paramref name="select"/> visible (42712 for a name given twice in one WITH).</summary>
    private void RegisterCommonTables(SelectStatement select)
    {
        for (int i = 0; i < select.With.Count; i++)
        {
            CommonTableExpression cte = select.With[i];
            for (int j = 0; j < i; j++)
            {
                if (select.With[j].Name == cte.Name)
                {
                    throw new SqlException(SqlState.DuplicateAlias, $"WITH query name \"{cte.Name}\" specified more than once", cte.Position + 1);
                }
            }

            _commonTables[cte.Name] = new CommonTableEntry(cte, new Dictionary<string, CommonTableEntry>(_commonTables, StringComparer.Ordinal));
        }
    }

    /// <summary>The scope of a WITH item named like <paramref name="table"/>, bound now; false when no visible item has that name.</summary>
    private bool TryResolveCommonTable(TableRef table, [NotNullWhen(true)] out TableScope? scope)
    {
        if (TryResolveWorkTable(table, out scope))
        {
            return true;
        }

        if (!_commonTables.TryGetValue(table.Name, out CommonTableEntry? entry))
        {
            scope = null;
            return false;
        }

        var binder = new Binder(_storage, _session, _now, _parameters) { _commonTables = new(entry.Visible, StringComparer.Ordinal) };
        BoundQuery inner = entry.Query.Recursive ? BindRecursiveCommonTable(binder, entry.Query) : binder.Bind(entry.Query.Query);
        var fields = new Field[inner.Columns.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = new Field(inner.Columns[i].Name, inner.Columns[i].Type, ElementType: inner.Columns[i].ElementType, Children: inner.Columns[i].StructFields);
        }

        scope = new TableScope(inner.Plan, new Schema(fields), table.Alias ?? table.Name);
        if (entry.Query.ColumnAliases is not null)
        {
            scope = Renamed(scope, entry.Query.ColumnAliases, entry.Query.Position);
        }

        return true;
    }

    /// <summary>The scope with its first columns renamed by an alias list (42P10 when the list is longer than the columns).</summary>
    private static TableScope Renamed(TableScope scope, IReadOnlyList<string> names, int position)
    {
        if (names.Count > scope.Schema.Count)
        {
            throw new SqlException(SqlState.InvalidColumnReference,
                $"table \"{scope.RefName}\" has {scope.Schema.Count} columns available but {names.Count} columns specified", position + 1);
        }

        var fields = new Field[scope.Schema.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = i < names.Count ? scope.Schema[i] with { Name = names[i] } : scope.Schema[i];
        }

        var schema = new Schema(fields);
        return scope.Subplan is not null ? new TableScope(scope.Subplan, schema, scope.RefName) : new TableScope(scope.Table, schema, scope.Alias) { RetentionCutoff = scope.RetentionCutoff };
    }

    /// <summary>A WITH item and the items visible to its own query.</summary>
    private sealed record CommonTableEntry(CommonTableExpression Query, Dictionary<string, CommonTableEntry> Visible);
}
