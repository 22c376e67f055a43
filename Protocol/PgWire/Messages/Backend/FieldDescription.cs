namespace IOx.Pg.Protocol.PgWire.Messages.Backend;

/// <summary>
/// One column of a RowDescription: name, source table OID and column number (0 when not a
/// table column), type OID, type size (-1 varlena), type modifier (-1 none) and format code
/// (0 text; from a portal Describe, the format the Bind chose).
/// </summary>
public readonly record struct FieldDescription(string Name, int TableOid, short ColumnNumber, int TypeOid, short TypeSize, int TypeModifier, PgFormat Format);
