using System.Globalization;
using IOx.Pg.Server.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IOx.Pg.Tests.EndToEnd;

/// <summary>
/// What the in-process server tests share: starting a <see cref="ServerHost"/> (disposed again if
/// start-up throws) and reading query results as '|'-joined text ("NULL" for null, timestamps in
/// round-trip form), so a test compares whole rows.
/// </summary>
internal static class InProcessServer
{
    /// <summary>A started server with <paramref name="options"/>.</summary>
    public static async Task<ServerHost> StartAsync(ServerOptions options, ILoggerFactory loggerFactory)
    {
        var host = new ServerHost(options, loggerFactory);
        try
        {
            await host.StartAsync(CancellationToken.None);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>A connection (no pooling, no type loading) to <paramref name="database"/> of <paramref name="host"/>.</summary>
    public static async Task<NpgsqlConnection> ConnectAsync(ServerHost host, string database)
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder
        {
            Host = host.PgEndPoint.Address.ToString(),
            Port = host.PgEndPoint.Port,
            Username = "postgres",
            Database = database,
            Pooling = false,
            Timeout = 10,
            CommandTimeout = 60,
        }.ConnectionString);
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        await using NpgsqlDataSource source = builder.Build();
        return await source.OpenConnectionAsync();
    }

    /// <summary>Runs <paramref name="sql"/> on <paramref name="database"/> over a fresh connection; rows as '|'-joined text.</summary>
    public static async Task<List<string>> QueryAsync(ServerHost host, string database, string sql)
    {
        await using NpgsqlConnection connection = await ConnectAsync(host, database);
        return await QueryAsync(connection, sql);
    }

    /// <summary>Runs <paramref name="sql"/> on <paramref name="connection"/>; rows as '|'-joined text.</summary>
    public static async Task<List<string>> QueryAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var cells = new string[reader.FieldCount];
            for (int i = 0; i < cells.Length; i++)
            {
                object value = reader.GetValue(i);
                cells[i] = value switch
                {
                    DBNull => "NULL",
                    DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
                };
            }

            rows.Add(string.Join("|", cells));
        }

        return rows;
    }
}
