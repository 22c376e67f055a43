namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// pgjdbc (Debian libpostgresql-jdbc-java, what Metabase and Tableau use), run by the JDK's
/// source launcher (scripts/test.sh installs both): typed rows, a PreparedStatement past
/// prepareThreshold (named server-side statement), errors, fetch size through a portal inside a
/// transaction, DatabaseMetaData getTables / getColumns / getSchemas / getTypeInfo over our
/// pg_catalog, getPrimaryKeys and getIndexInfo (their queries need _pg_expandarray's record, (keys).x
/// on a subquery column and smallint &amp;: our tables have no keys or indexes, so both give no rows,
/// with the column labels PostgreSQL 15 gives for such a table), and Metabase's describe-database
/// query as a prepared statement.
/// </summary>
public sealed class PgJdbcTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task PgJdbcQueriesPreparesFetchesInChunksAndReadsMetadata()
    {
        const string db = "pgjdbc";
        Assert.True((await server.WriteAsync(db, "cpu,host=a usage=1.5,n=2i,ok=true 1704067200000000000\ncpu,host=b usage=2.25,n=3i,ok=false 1704067210000000000")).IsSuccessStatusCode);
        const string jar = "/usr/share/java/postgresql.jar";
        Assert.True(File.Exists(jar), $"{jar} is missing: scripts/test.sh installs libpostgresql-jdbc-java");
        string stdout = await InteropClient.RunAsync("java", "-cp", jar, "PgJdbcClient.java", $"jdbc:postgresql://{server.Host.PgEndPoint.Address}:{server.Host.PgEndPoint.Port}/{db}");
        Assert.Equal(
            """
            product=PostgreSQL 15
            row=a|1.5|2|true|2024-01-01T00:00:00Z
            row=b|2.25|3|false|2024-01-01T00:00:10Z
            prepared=1111111
            error=22012
            fetched=ab
            tables=cpu;
            columns=time:timestamptz;host:text;usage:float8;n:int8;ok:bool;
            primary-keys=0 table_cat,table_schem,table_name,column_name,key_seq,pk_name
            index-info=0 TABLE_CAT,TABLE_SCHEM,TABLE_NAME,NON_UNIQUE,INDEX_QUALIFIER,INDEX_NAME,TYPE,ORDINAL_POSITION,COLUMN_NAME,ASC_OR_DESC,CARDINALITY,PAGES,FILTER_CONDITION
            schemas=information_schema;pg_catalog;public;
            type-info=bool:-7;int8:-5;float8:8;text:12;timestamptz:93;
            metabase-tables=public.cpu:TABLE;

            """.Replace("\r", "", StringComparison.Ordinal),
            stdout);
    }
}
