using System.Buffers.Binary;
using System.Globalization;

namespace IOx.Pg.Storage.Wal;

/// <summary>
/// Replays the log at start-up: every segment in sequence order, every valid record in order,
/// handed to a handler. Damage rules (docs/wal.md):
/// <list type="bullet">
/// <item>A bad record in the last segment with no valid record after it is a torn tail (a crash
/// during a write that was never acknowledged): warned about, cut off (the file is truncated
/// there) and replay goes on. A last segment shorter than its header is a torn creation: removed.</item>
/// <item>Any other damage (a bad record followed by valid ones, anything bad in an earlier
/// segment, a bad header) is corruption: <see cref="WalCorruptException"/> naming the segment and
/// offset, unless <c>recover</c> is set; then the segment is copied aside as
/// <c>&lt;name&gt;.corrupt</c>, cut at the damage, a warning is given, and replay goes on with the
/// next segment (the records after the damage in that segment are lost).</item>
/// </list>
/// </summary>
public static class WalReplayer
{
    /// <summary>A valid record found after damage must have a sequence within this distance of the last good one.</summary>
    private const ulong MaxSequenceGap = 1UL << 32;

    /// <summary>Replays the segments in <paramref name="directory"/> into <paramref name="handler"/>.</summary>
    /// <exception cref="WalCorruptException">Damage that is not a torn tail, without <paramref name="recover"/>.</exception>
    public static WalReplayResult Replay(string directory, bool recover, WalRecordHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        List<WalSegmentFile> segments = WalSegmentFile.List(directory);
        var warnings = new List<string>();
        ulong lastSequence = 0;
        ulong highestName = 0;
        long records = 0;
        for (int i = 0; i < segments.Count; i++)
        {
            WalSegmentFile segment = segments[i];
            highestName = Math.Max(highestName, segment.FirstSequence);
            records += ReplaySegment(segment, isLast: i == segments.Count - 1, recover, handler, warnings, ref lastSequence);
        }

        ulong next = Math.Max(lastSequence, highestName) + 1;
        return new WalReplayResult(segments.Count, records, next, warnings);
    }

    /// <summary>Replays one segment; returns the records applied.</summary>
    private static long ReplaySegment(WalSegmentFile segment, bool isLast, bool recover, WalRecordHandler handler, List<string> warnings, ref ulong lastSequence)
    {
        byte[] bytes = File.ReadAllBytes(segment.Path);
        WalSegmentHeader? header = WalSegmentHeader.TryRead(bytes, out string? problem);
        if (header is null && isLast && bytes.Length <= WalFormat.HeaderSize)
        {
            // Created but its header never made durable: the crash came before any record was written to it.
            warnings.Add($"WAL segment {segment.Path} has a torn header ({problem}); it holds no records and was removed");
            File.Delete(segment.Path);
            DirectorySync.Sync(Path.GetDirectoryName(segment.Path)!);
            return 0;
        }

        if (header is null || header.Value.FirstSequence != segment.FirstSequence)
        {
            string reason = problem ?? $"header sequence {header!.Value.FirstSequence} does not match the file name";
            Corrupt(segment, 0, reason, recover, warnings);
            return 0;
        }

        long count = 0;
        int offset = WalFormat.HeaderSize;
        while (offset < bytes.Length)
        {
            string? damage = TryReadRecord(bytes, offset, segment.FirstSequence, lastSequence, out WalRecord record, out int frameLength);
            if (damage is null)
            {
                handler(in record);
                lastSequence = record.Sequence;
                count++;
                offset += frameLength;
                continue;
            }

            if (isLast && !HasValidRecordAfter(bytes, offset + 1, segment.FirstSequence, lastSequence))
            {
                warnings.Add($"WAL segment {segment.Path} has a torn tail at byte offset {offset} ({damage}); cut off {bytes.Length - offset} bytes of an unacknowledged write");
                Truncate(segment.Path, offset);
                return count;
            }

            Corrupt(segment, offset, damage, recover, warnings);
            return count;
        }

        return count;
    }

    /// <summary>Reads the frame at <paramref name="offset"/>; returns null when it is a valid record, else what is wrong.</summary>
    private static string? TryReadRecord(byte[] bytes, int offset, ulong segmentFirst, ulong lastSequence, out WalRecord record, out int frameLength)
    {
        record = default;
        frameLength = 0;
        int remaining = bytes.Length - offset;
        if (remaining < WalFormat.FrameHeaderSize)
        {
            return $"record header is cut short ({remaining} of {WalFormat.FrameHeaderSize} bytes)";
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
        if (length < WalFormat.MinPayloadSize || length > WalFormat.MaxPayloadSize)
        {
            return $"record length {length} is out of range";
        }

        if (length > remaining - WalFormat.FrameHeaderSize)
        {
            return $"record of {length} bytes is cut short ({remaining - WalFormat.FrameHeaderSize} bytes present)";
        }

        var payload = new ReadOnlyMemory<byte>(bytes, offset + WalFormat.FrameHeaderSize, (int)length);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
        uint actual = Crc32C.Compute(payload.Span);
        if (stored != actual)
        {
            return string.Create(CultureInfo.InvariantCulture, $"record checksum mismatch (stored 0x{stored:X8}, computed 0x{actual:X8})");
        }

        if (!WalRecordCodec.TryDecode(payload, out record, out string? problem))
        {
            return problem;
        }

        if (record.Sequence < segmentFirst || record.Sequence <= lastSequence)
        {
            return $"record sequence {record.Sequence} is out of order (after {lastSequence}, segment starts at {segmentFirst})";
        }

        frameLength = WalFormat.FrameHeaderSize + (int)length;
        return null;
    }

    /// <summary>
    /// Whether any valid record starts at or after <paramref name="start"/>: the test that tells
    /// a torn tail (nothing valid follows) from damage in the middle. Candidates are filtered by
    /// a plausible length and sequence before their checksum is computed, so the scan is linear in practice.
    /// </summary>
    private static bool HasValidRecordAfter(byte[] bytes, int start, ulong segmentFirst, ulong lastSequence)
    {
        ulong floor = Math.Max(segmentFirst, lastSequence + 1);
        for (int p = start; p + WalFormat.FrameHeaderSize + WalFormat.MinPayloadSize <= bytes.Length; p++)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(p));
            if (length < WalFormat.MinPayloadSize || length > bytes.Length - p - WalFormat.FrameHeaderSize)
            {
                continue;
            }

            ulong sequence = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(p + WalFormat.FrameHeaderSize));
            if (sequence < floor || sequence - floor > MaxSequenceGap)
            {
                continue;
            }

            if (TryReadRecord(bytes, p, segmentFirst, lastSequence, out _, out _) is null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Damage that is not a torn tail: an error, or with recovery a warning, a copy aside and a cut.</summary>
    private static void Corrupt(WalSegmentFile segment, long offset, string reason, bool recover, List<string> warnings)
    {
        if (!recover)
        {
            throw new WalCorruptException(segment.Path, offset, reason);
        }

        string aside = segment.Path + ".corrupt";
        File.Copy(segment.Path, aside, overwrite: true);
        if (offset < WalFormat.HeaderSize)
        {
            // Nothing in it can be trusted: keep only the copy.
            File.Delete(segment.Path);
            DirectorySync.Sync(Path.GetDirectoryName(segment.Path)!);
            warnings.Add($"WAL segment {segment.Path} is corrupt at byte offset {offset} ({reason}); recovery skipped the whole segment and moved it to {aside}");
            return;
        }

        Truncate(segment.Path, offset);
        DirectorySync.Sync(Path.GetDirectoryName(segment.Path)!);
        warnings.Add($"WAL segment {segment.Path} is corrupt at byte offset {offset} ({reason}); recovery skipped the rest of the segment (a copy of it is in {aside})");
    }

    /// <summary>Cuts <paramref name="path"/> to <paramref name="length"/> bytes, durably.</summary>
    private static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }
}
