using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace IOx.Pg.Protocol.LineProtocol;

/// <summary>Line-level checks: UTF-8, the reserved key <c>time</c>, duplicate keys.</summary>
public ref partial struct LineProtocolReader
{
    /// <summary>
    /// Checks what the grammar cannot: the line is valid UTF-8, no key is <c>time</c>, and no key
    /// repeats among tags and fields.
    /// </summary>
    private bool CheckLine(int lineStart, int lineEnd)
    {
        ReadOnlySpan<byte> body = _body;
        if (!Utf8.IsValid(body[lineStart..lineEnd]))
        {
            return Fail(LineErrorKind.InvalidUtf8, "the line is not valid UTF-8", lineStart);
        }

        int keys = _tagCount + _fieldCount;
        for (int i = 0; i < keys; i++)
        {
            if (KeyAt(i).SequenceEqual("time"u8))
            {
                string what = i < _tagCount ? "tag" : "field";
                return Fail(LineErrorKind.ReservedKey, $"{what} key 'time' is not allowed: time is the timestamp column", lineStart);
            }
        }

        return keys <= 64 ? CheckDuplicatesSmall(keys, lineStart) : CheckDuplicatesHashed(keys, lineStart);
    }

    /// <summary>
    /// Duplicate check for lines of up to 64 keys (the common case): each key's cheap hash marks
    /// one of 256 slots in a stack bitmap; only a key landing on a marked slot is compared with
    /// the earlier keys, so a typical line does no byte comparisons at all.
    /// </summary>
    private bool CheckDuplicatesSmall(int keys, int lineStart)
    {
        Span<ulong> seen = stackalloc ulong[4];
        seen.Clear();
        for (int i = 0; i < keys; i++)
        {
            ReadOnlySpan<byte> key = KeyAt(i);
            uint slot = CheapHash(key) & 255;
            ref ulong word = ref seen[(int)(slot >> 6)];
            ulong bit = 1UL << (int)(slot & 63);
            if ((word & bit) != 0)
            {
                for (int j = 0; j < i; j++)
                {
                    if (key.SequenceEqual(KeyAt(j)))
                    {
                        return FailDuplicate(j, i, lineStart);
                    }
                }
            }

            word |= bit;
        }

        return true;
    }

    /// <summary>A hash of length, first, middle and last byte: enough to tell typical keys apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint CheapHash(ReadOnlySpan<byte> key)
    {
        // Keys are never empty (the parser refuses empty keys).
        uint h = (uint)key.Length * 0x9E3779B1u;
        h ^= key[0] * 0x85EBCA6Bu;
        h ^= key[^1] * 0xC2B2AE35u;
        h ^= key[key.Length >> 1] * 0x27D4EB2Fu;
        return h ^ (h >> 15) ^ (h >> 24);
    }

    /// <summary>Duplicate check for wide lines: sort (hash, index) pairs, compare keys only within equal hashes.</summary>
    private bool CheckDuplicatesHashed(int keys, int lineStart)
    {
        _buffers.EnsureKeyHashes(keys);
        Span<long> hashes = _buffers.KeyHashes.AsSpan(0, keys);
        for (int i = 0; i < keys; i++)
        {
            var hash = default(HashCode);
            hash.AddBytes(KeyAt(i));
            hashes[i] = ((long)hash.ToHashCode() << 32) | (uint)i;
        }

        hashes.Sort();
        for (int run = 0; run < keys;)
        {
            int runEnd = run + 1;
            while (runEnd < keys && (hashes[runEnd] >> 32) == (hashes[run] >> 32))
            {
                runEnd++;
            }

            for (int i = run + 1; i < runEnd; i++)
            {
                for (int j = run; j < i; j++)
                {
                    int a = (int)(uint)hashes[j];
                    int b = (int)(uint)hashes[i];
                    if (KeyAt(a).SequenceEqual(KeyAt(b)))
                    {
                        return FailDuplicate(Math.Min(a, b), Math.Max(a, b), lineStart);
                    }
                }
            }

            run = runEnd;
        }

        return true;
    }

    /// <summary>Reports keys <paramref name="first"/> &lt; <paramref name="second"/> (tags first, then fields) as equal.</summary>
    private bool FailDuplicate(int first, int second, int lineStart)
    {
        string key = Show(KeyAt(first));
        if (second < _tagCount)
        {
            return Fail(LineErrorKind.DuplicateTag, $"duplicate tag key {key}", lineStart);
        }

        return first >= _tagCount
            ? Fail(LineErrorKind.DuplicateField, $"duplicate field key {key}", lineStart)
            : Fail(LineErrorKind.TagAndField, $"key {key} is used as both a tag and a field", lineStart);
    }

    /// <summary>Key <paramref name="index"/> counting tags first, then fields.</summary>
    private readonly ReadOnlySpan<byte> KeyAt(int index) =>
        index < _tagCount
            ? _buffers.Tags[index].Key.Resolve(_body, _buffers.Scratch)
            : _buffers.Fields[index - _tagCount].Key.Resolve(_body, _buffers.Scratch);

    /// <summary>A token for an error message.</summary>
    private readonly string Show(TextRange range) =>
        LineValueParser.Show(range.Resolve(_body, _buffers.Scratch));
}
