using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using IOx.Pg.Protocol.PgWire;

namespace IOx.Pg.Server.PgWire;

/// <summary>TLS: an SSLRequest answered 'S' when a certificate is configured, then the session continues over an SslStream.</summary>
internal sealed partial class PgConnection
{
    /// <summary>The TLS layer over <see cref="_stream"/> once negotiated; null for a plain connection.</summary>
    private SslStream? _tls;

    /// <summary>
    /// Answers 'S' and runs the TLS handshake; the pipes are then rebuilt over the encrypted stream.
    /// Bytes the client sent after its SSLRequest but before the handshake would be read as if
    /// they had come encrypted (CVE-2021-23214 in PostgreSQL): they end the connection.
    /// </summary>
    private async ValueTask StartTlsAsync()
    {
        if (_reader.TryRead(out ReadResult pending))
        {
            bool early = !pending.Buffer.IsEmpty;
            _reader.AdvanceTo(pending.Buffer.Start);
            if (early)
            {
                throw new PgProtocolException("received unencrypted data after SSL request");
            }
        }

        _output.WriteByte((byte)'S');
        await FlushAsync(_stopping).ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _writer.CompleteAsync().ConfigureAwait(false);

        var tls = new SslStream(_stream, leaveInnerStreamOpen: true);
        _tls = tls;
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificate = _security.TlsCertificate,
            ClientCertificateRequired = false,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        try
        {
            await tls.AuthenticateAsServerAsync(options, _stopping).ConfigureAwait(false);
        }
        catch (AuthenticationException ex)
        {
            // The client refused our certificate or spoke no TLS we accept: nothing can be sent.
            throw new IOException("TLS handshake failed", ex);
        }

        _reader = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        _writer = PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true));
    }
}
