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
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
                return;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Handles one message; false for Terminate.</summary>
    private async ValueTask<bool> HandleMessageAsync(PgFrame frame)
    {
        byte code = frame.Code;
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
                await HandleQueryAsync(QueryMessage.Parse(BodyOf(frame))).ConfigureAwait(false);
                return true;
            case FrontendCode.Flush:
                await FlushAsync(_stopping).ConfigureAwait(false);
                return true;
            case FrontendCode.Parse:
                RunExtended(HandleParse, ParseMessage.Parse(BodyOf(frame)));
                return true;
            case FrontendCode.Bind:
                RunExtended(HandleBind, BindMessage.Parse(BodyOf(frame)));
                return true;
            case FrontendCode.Describe:
                RunExtended(HandleDescribe, DescribeMessage.Parse(BodyOf(frame)));
                return true;
            case FrontendCode.Close:
                RunExtended(HandleClose, CloseMessage.Parse(BodyOf(frame)));
                return true;
            case FrontendCode.Execute:
                await HandleExecuteAsync(ExecuteMessage.Parse(BodyOf(frame))).ConfigureAwait(false);
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
}
