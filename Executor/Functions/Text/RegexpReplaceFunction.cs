using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using IOx.Pg.Executor.Kernels;
using IOx.Pg.Storage.Arrow;

namespace IOx.Pg.Executor.Functions.Text;

/// <summary>
/// regexp_replace(source, pattern, replacement[, flags]) → text with PostgreSQL's semantics: the
/// first match replaced, or every non-overlapping match with flag g (after an empty match the search
/// moves on one character, so 'x*' on 'abc' gives '-a-b-c-'). In the replacement \1..\9 insert
/// that group's text (nothing when the group did not take part or does not exist), \&amp; the whole
/// match, \\ one backslash; a backslash before anything else stays as written. NULL when any
/// argument is NULL. A replacement without group references runs on spans with no allocation per
/// row; one with them needs .NET's Match objects, which allocate. When pattern, replacement and
/// flags are constants, a dictionary (tag) column is rewritten once per entry and keeps its indices.
/// </summary>
public sealed class RegexpReplaceFunction(bool constantArguments) : ScalarFunction
{
    /// <summary>The state left by the last batch (compiled pattern, buffers); null while a batch has it.</summary>
    private RegexpCache? _idle;

    /// <inheritdoc/>
    public override string Name => "regexp_replace";

    /// <inheritdoc/>
    public override DataType ReturnType => DataType.Utf8;

    /// <inheritdoc/>
    public override Column Invoke(Column[] args, int length)
    {
        RegexpCache cache = Interlocked.Exchange(ref _idle, null) ?? new RegexpCache("regexp_replace", allowGlobal: true);
        try
        {
            if (constantArguments && args[0] is DictionaryColumn d && d.Dictionary.Length <= length && length > 0 && !RegexpLikeFunction.AnyNull(args, 0))
            {
                // Once per entry (the constant arguments' columns are at least that long); rows keep their indices.
                var entries = (StringColumn)Replace([d.Dictionary, .. args[1..]], d.Dictionary.Length, cache);
                return new DictionaryColumn(d.Indices.ToArray(), entries, length, d.ValidityBuffer, d.NullCount);
            }

            return Replace(args, length, cache);
        }
        finally
        {
            _idle = cache;
        }
    }

    /// <summary>The results of one batch, row by row.</summary>
    private static Column Replace(Column[] args, int length, RegexpCache cache)
    {
        var builder = new StringColumnBuilder(length);
        var scratch = new ArrayBufferWriter<byte>(256);
        for (int i = 0; i < length; i++)
        {
            bool anyNull = false;
            foreach (Column arg in args)
            {
                anyNull |= arg.IsNull(i);
            }

            if (anyNull)
            {
                builder.AppendNull();
                continue;
            }

            scratch.ResetWrittenCount();
            Apply(args, i, cache, scratch);
            builder.Append(scratch.WrittenSpan);
        }

        return builder.Build();
    }

    /// <summary>Writes row <paramref name="row"/>'s result (no argument NULL) to <paramref name="output"/>.</summary>
    private static void Apply(Column[] args, int row, RegexpCache cache, ArrayBufferWriter<byte> output)
    {
        Regex regex = cache.Get(ColumnFactory.Utf8(args[1], row), args.Length > 3 ? ColumnFactory.Utf8(args[3], row) : default, out RegexpFlags flags);
        ReadOnlySpan<char> source = cache.DecodeSource(ColumnFactory.Utf8(args[0], row));
        ReadOnlySpan<char> replacement = cache.DecodeReplacement(ColumnFactory.Utf8(args[2], row));
        try
        {
            if (HasGroupReference(replacement))
            {
                ReplaceWithGroups(regex, source, replacement, flags.Global, output);
            }
            else
            {
                ReplaceWithoutGroups(regex, source, replacement, flags.Global, output);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw RegexpCache.Timeout();
        }
    }

    /// <summary>Whether the replacement names a group (\1..\9).</summary>
    private static bool HasGroupReference(ReadOnlySpan<char> replacement)
    {
        for (int i = 0; i + 1 < replacement.Length; i++)
        {
            if (replacement[i] == '\\')
            {
                if (replacement[i + 1] is >= '1' and <= '9')
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }

    /// <summary>The span path: matches as (index, length) only.</summary>
    private static void ReplaceWithoutGroups(Regex regex, ReadOnlySpan<char> source, ReadOnlySpan<char> replacement, bool global, ArrayBufferWriter<byte> output)
    {
        int copied = 0;
        foreach (ValueMatch m in regex.EnumerateMatches(source))
        {
            Write(source[copied..m.Index], output);
            Expand(replacement, source.Slice(m.Index, m.Length), null, output);
            copied = m.Index + m.Length;
            if (!global)
            {
                break;
            }
        }

        Write(source[copied..], output);
    }

    /// <summary>The Match path, for replacements that reference groups.</summary>
    private static void ReplaceWithGroups(Regex regex, ReadOnlySpan<char> source, ReadOnlySpan<char> replacement, bool global, ArrayBufferWriter<byte> output)
    {
        string text = source.ToString();
        int copied = 0;
        for (Match m = regex.Match(text); m.Success; m = m.NextMatch())
        {
            Write(source[copied..m.Index], output);
            Expand(replacement, source.Slice(m.Index, m.Length), m, output);
            copied = m.Index + m.Length;
            if (!global)
            {
                break;
            }
        }

        Write(source[copied..], output);
    }

    /// <summary>Writes the replacement for one match, expanding \1..\9, \&amp; and \\ (PostgreSQL's rules).</summary>
    private static void Expand(ReadOnlySpan<char> replacement, ReadOnlySpan<char> whole, Match? match, ArrayBufferWriter<byte> output)
    {
        int start = 0;
        for (int i = 0; i < replacement.Length; i++)
        {
            if (replacement[i] != '\\' || i + 1 == replacement.Length)
            {
                continue;
            }

            char next = replacement[i + 1];
            if (next is >= '1' and <= '9')
            {
                Write(replacement[start..i], output);
                int group = next - '0';
                if (match is not null && group < match.Groups.Count && match.Groups[group].Success)
                {
                    Write(match.Groups[group].ValueSpan, output);
                }

                start = i + 2;
                i++;
            }
            else if (next == '&')
            {
                Write(replacement[start..i], output);
                Write(whole, output);
                start = i + 2;
                i++;
            }
            else if (next == '\\')
            {
                // One backslash out of two.
                Write(replacement[start..(i + 1)], output);
                start = i + 2;
                i++;
            }
        }

        Write(replacement[start..], output);
    }

    /// <summary>Appends UTF-16 <paramref name="chars"/> as UTF-8.</summary>
    private static void Write(ReadOnlySpan<char> chars, ArrayBufferWriter<byte> output)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        int written = Encoding.UTF8.GetBytes(chars, output.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length)));
        output.Advance(written);
    }
}
