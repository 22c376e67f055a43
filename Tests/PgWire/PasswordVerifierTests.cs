using IOx.Pg.Protocol.PgWire.Auth;
using Npgsql;

namespace IOx.Pg.Tests.PgWire;

/// <summary>Our SCRAM verifiers and md5 secrets are exactly what a real PostgreSQL 15 stores for the same password (and salt).</summary>
public sealed class PasswordVerifierTests : IClassFixture<RealPostgres>
{
    /// <summary>The reference server.</summary>
    private readonly RealPostgres _postgres;

    /// <summary>Creates the tests over the shared server.</summary>
    public PasswordVerifierTests(RealPostgres postgres) => _postgres = postgres;

    [Theory]
    [InlineData("wonderland")]
    [InlineData("with spaces and 'quotes'")]
    [InlineData("pässwörd")]
    public async Task ScramVerifierMatchesPostgres(string password)
    {
        string stored = await StoredPasswordAsync("scram-sha-256", password);
        Assert.True(ScramVerifier.TryParse(stored, out ScramVerifier? theirs), stored);
        ScramVerifier ours = ScramVerifier.Create(password, theirs.Salt, theirs.Iterations);
        Assert.Equal(stored, ours.ToString());
    }

    [Fact]
    public async Task Md5SecretMatchesPostgres()
    {
        string stored = await StoredPasswordAsync("md5", "wonderland");
        Assert.Equal(stored, Md5Password.Hash("wonderland", "verifier_role"));
    }

    [Fact]
    public void MalformedVerifierTextIsRejected()
    {
        Assert.False(ScramVerifier.TryParse("SCRAM-SHA-256$4096:c2FsdA==$bad", out _));
        Assert.False(ScramVerifier.TryParse("md5abc", out _));
        Assert.False(ScramVerifier.TryParse("SCRAM-SHA-256$x:c2FsdA==$AAAA:AAAA", out _));
    }

    /// <summary>Sets the password of a fresh role in PostgreSQL with <paramref name="encryption"/> and returns what pg_authid holds.</summary>
    private async Task<string> StoredPasswordAsync(string encryption, string password)
    {
        await using var connection = new NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DROP ROLE IF EXISTS verifier_role; SET password_encryption = '{encryption}'; CREATE ROLE verifier_role LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'; SELECT rolpassword FROM pg_authid WHERE rolname = 'verifier_role'",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
