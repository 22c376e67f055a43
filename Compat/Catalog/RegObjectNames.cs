using System.Globalization;
using IOx.Pg.Planner.Engine;

namespace IOx.Pg.Compat.Catalog;

/// <summary>
/// regclassout / regtypeout / regprocout: the name an OID prints as. A relation is qualified with
/// its schema when the search path would not find it unqualified; a type prints as format_type
/// does; a function is qualified (pg_catalog.) when its name is overloaded, as regprocout does so
/// that regprocin reads the text back. An OID naming nothing prints as its number, 0 as <c>-</c>.
/// </summary>
internal sealed class RegObjectNames
{
    /// <summary>pg_type OID of regproc.</summary>
    public const int Regproc = 24;

    /// <summary>pg_type OID of regclass.</summary>
    public const int Regclass = 2205;

    /// <summary>pg_type OID of regtype.</summary>
    public const int Regtype = 2206;

    /// <summary>The system relations.</summary>
    private readonly SystemCatalog _catalog;

    /// <summary>The session's tables and search path, taken once per statement.</summary>
    private readonly CatalogSnapshot _snapshot;

    /// <summary>The session's effective search path.</summary>
    private readonly List<string> _searchPath;

    /// <summary>Names OIDs for the statement <paramref name="snapshot"/> was taken for.</summary>
    public RegObjectNames(SystemCatalog catalog, CatalogSnapshot snapshot, Session session)
    {
        _catalog = catalog;
        _snapshot = snapshot;
        _searchPath = SearchPath.Effective(session);
    }

    /// <summary>The text of <paramref name="oid"/> as a value of reg* type <paramref name="pgType"/>.</summary>
    public string Name(int pgType, long oid)
    {
        if (oid == 0)
        {
            return "-";
        }

        string? name = pgType switch
        {
            Regclass => RelationName(oid),
            Regtype => BuiltinTypes.Find(oid) is not null || _snapshot.Tables.Any(t => t.TypeOid == oid) ? CatalogFunctions.FormatType(oid, null, _snapshot) : null,
            Regproc => ProcName(oid),
            _ => null,
        };
        return name ?? oid.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The relation's name, schema-qualified when not visible unqualified, or null.</summary>
    private string? RelationName(long oid)
    {
        if (_snapshot.TableByOid(oid) is { } table)
        {
            return Qualified("public", table.Name);
        }

        foreach (CatalogRelation relation in _catalog.Relations)
        {
            if (relation.Oid == oid)
            {
                return Qualified(relation.SchemaName, relation.Name);
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="name"/> as regclassout prints it: bare when the first schema of the search
    /// path holding a relation of that name is <paramref name="schema"/>, else schema.name.
    /// </summary>
    private string Qualified(string schema, string name)
    {
        foreach (string s in _searchPath)
        {
            bool holds = s == "public" ? _snapshot.TableByName(name) is not null : _catalog.Relations.Any(r => r.SchemaName == s && r.Name == name);
            if (holds)
            {
                return s == schema ? QuoteIdent.Quote(name) : $"{QuoteIdent.Quote(schema)}.{QuoteIdent.Quote(name)}";
            }
        }

        return $"{QuoteIdent.Quote(schema)}.{QuoteIdent.Quote(name)}";
    }

    /// <summary>The function's name, pg_catalog-qualified when several functions have it, or null.</summary>
    private static string? ProcName(long oid)
    {
        string? name = null;
        foreach (BuiltinProc proc in BuiltinProcs.All)
        {
            if (proc.Oid == oid)
            {
                name = proc.Name;
                break;
            }
        }

        if (name is null)
        {
            return null;
        }

        int count = 0;
        foreach (BuiltinProc proc in BuiltinProcs.All)
        {
            count += proc.Name == name ? 1 : 0;
        }

        return count > 1 ? $"pg_catalog.{QuoteIdent.Quote(name)}" : QuoteIdent.Quote(name);
    }
}
