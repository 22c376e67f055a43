using System.Buffers;
using System.IO.Pipelines;
using IOx.Pg.Protocol.PgWire;
using IOx.Pg.Protocol.PgWire.Messages.Backend;
using IOx.Pg.Protocol.PgWire.Messages.Frontend;

namespace IOx.Pg.Server.PgWire;

/// <summary>The message loop: frames are taken from the pipe and dispatched by type byte.</summary>
internal sealed partial class PgConnection
{
    /// <summary>Reads and handles messages until Terminate or end of stream.</summary>
    private async ValueTask MessageLoopAsync()
    {
        while (true)
        {
            ReadResult read = await _reader.ReadAsync(_stopping).ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            bool terminate = false;
            while (!terminate && PgFrameReader.TryReadMessage(buffer, out PgFrame frame))
            {
                // The frame points into the pipe's buffer, which stays valid until AdvanceTo below.
                terminate = !await HandleMessageAsync(frame).ConfigureAwait(false);
                buffer = buffer.Slice(frame.FrameLength);
            }

            if (terminate || read.IsCompleted)
            {
                // End of stream, possibly inside a message: PostgreSQL just closes too.
                _reader.AdvanceTo(buffer.End);
                await FlushAsync(_stopping).ConfigureAwait(false);
                return;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Handles one message; false for Terminate.</summary>
    private async ValueTask<bool> HandleMessageAsync(PgFrame frame)
    {
        byte code = frame.Code;
        if (_copyIn is not null)
        {
            return await HandleCopyInMessageAsync(frame).ConfigureAwait(false);
        }

        if (code == FrontendCode.Terminate)
        {
            return false;
        }

        if (code == FrontendCode.Sync)
        {
            await HandleSyncAsync().ConfigureAwait(false);
            return true;
        }

        if (_skipUntilSync)
        {
            // After an extended-protocol error everything up to Sync is discarded, as PostgreSQL does.
            return true;
        }

        switch (code)
        {
            case FrontendCode.Query:
                QueryMessage? query = ParseSimple(frame);
                if (query is null)
                {
                    await SendReadyAsync().ConfigureAwait(false);
                }
                else
                {
                    await HandleQueryAsync(query).ConfigureAwait(false);
                }

                return true;
            case FrontendCode.Flush:
                await FlushAsync(_stopping).ConfigureAwait(false);
                return true;
            case FrontendCode.Parse:
                RunExtended(BodyOf(frame), ParseMessage.Parse, _handleParse);
                return true;
            case FrontendCode.Bind:
                RunExtended(BodyOf(frame), BindMessage.Parse, _handleBind);
                return true;
            case FrontendCode.Describe:
                RunExtended(BodyOf(frame), DescribeMessage.Parse, _handleDescribe);
                return true;
            case FrontendCode.Close:
                RunExtended(BodyOf(frame), CloseMessage.Parse, _handleClose);
                return true;
            case FrontendCode.Execute:
                ExecuteMessage? execute = ParseExtended(BodyOf(frame), ExecuteMessage.Parse);
                if (execute is not null)
                {
                    await HandleExecuteAsync(execute).ConfigureAwait(false);
                }

                return true;
            case FrontendCode.CopyData:
            case FrontendCode.CopyDone:
            case FrontendCode.CopyFail:
                // Outside COPY these are ignored, per the protocol: a failed COPY's client may still be sending.
                return true;
            case FrontendCode.FunctionCall:
                ErrorResponse.Write(_output, PgSeverity.Error, Storage.Errors.SqlState.FeatureNotSupported, "the function call protocol is not supported");
                await SendReadyAsync().ConfigureAwait(false);
                return true;
            default:
                throw new PgProtocolException($"invalid frontend message type {code}");
        }
    }

    /// <summary>Parses a Query body; a malformed one (08P01, 22021) is reported and gives null.</summary>
    private QueryMessage? ParseSimple(in PgFrame frame)
    {
        try
        {
            return QueryMessage.Parse(BodyOf(frame));
        }
        catch (Storage.Errors.SqlException ex)
        {
            ReportStatementError(ex);
            return null;
        }
    }

    /// <summary>Parses an extended-protocol body; a malformed one is reported, starts skipping until Sync, and gives null.</summary>
    private T? ParseExtended<T>(ReadOnlySpan<byte> body, BodyParser<T> parse)
        where T : class
    {
        try
        {
            return parse(body);
        }
        catch (Storage.Errors.SqlException ex)
        {
            ReportStatementError(ex);
            _skipUntilSync = true;
            return null;
        }
    }

    /// <summary>Parses and handles a synchronous extended-protocol message under the statement catch ladder.</summary>
    private void RunExtended<T>(ReadOnlySpan<byte> body, BodyParser<T> parse, Action<T> handler)
        where T : class
    {
        T? message = ParseExtended(body, parse);
        if (message is not null)
        {
            RunExtended(handler, message);
        }
    }

    /// <summary>Parses a message body (a span cannot be captured, so the parsers are passed as this delegate).</summary>
    private delegate T BodyParser<out T>(ReadOnlySpan<byte> body);
}
