namespace IOx.Pg.Executor.Values;

/// <summary>
/// Finds a member or element of a JSON text already known to be valid (a json or jsonb value):
/// the span of its text, as <c>-&gt;</c> returns it (json keeps the member's own spacing). The last
/// of duplicate keys wins, as PostgreSQL's json operators do; a negative index counts from the end.
/// </summary>
public static class JsonPath
{
    /// <summary>The value of member <paramref name="key"/> of the top-level object, or false.</summary>
    public static bool TryMember(string json, string key, out int start, out int end)
    {
        start = end = 0;
        int p = SkipSpace(json, 0);
        if (p >= json.Length || json[p] != '{')
        {
            return false;
        }

        bool found = false;
        p = SkipSpace(json, p + 1);
        while (p < json.Length && json[p] == '"')
        {
            int keyEnd = SkipValue(json, p);
            string name = JsonText.DecodeString(json[p..keyEnd]);
            p = SkipSpace(json, SkipSpace(json, keyEnd) + 1);
            int valueEnd = SkipValue(json, p);
            if (name == key)
            {
                (start, end, found) = (p, valueEnd, true);
            }

            p = SkipSpace(json, valueEnd);
            p = p < json.Length && json[p] == ',' ? SkipSpace(json, p + 1) : json.Length;
        }

        return found;
    }

    /// <summary>Element <paramref name="index"/> (from 0; negative from the end) of the top-level array, or false.</summary>
    public static bool TryElement(string json, long index, out int start, out int end)
    {
        start = end = 0;
        int p = SkipSpace(json, 0);
        if (p >= json.Length || json[p] != '[')
        {
            return false;
        }

        var spans = new List<(int Start, int End)>();
        p = SkipSpace(json, p + 1);
        while (p < json.Length && json[p] != ']')
        {
            int valueEnd = SkipValue(json, p);
            spans.Add((p, valueEnd));
            p = SkipSpace(json, valueEnd);
            p = p < json.Length && json[p] == ',' ? SkipSpace(json, p + 1) : json.Length;
        }

        long i = index < 0 ? spans.Count + index : index;
        if (i < 0 || i >= spans.Count)
        {
            return false;
        }

        (start, end) = spans[(int)i];
        return true;
    }

    /// <summary>The end of the value starting at <paramref name="p"/>.</summary>
    private static int SkipValue(string json, int p)
    {
        char c = json[p];
        if (c == '"')
        {
            p++;
            while (json[p] != '"')
            {
                p += json[p] == '\\' ? 2 : 1;
            }

            return p + 1;
        }

        if (c is '{' or '[')
        {
            int depth = 0;
            do
            {
                char d = json[p];
                if (d == '"')
                {
                    p = SkipValue(json, p);
                    continue;
                }

                depth += d is '{' or '[' ? 1 : d is '}' or ']' ? -1 : 0;
                p++;
            }
            while (depth > 0);
            return p;
        }

        while (p < json.Length && json[p] is not (',' or '}' or ']' or ' ' or '\t' or '\n' or '\r'))
        {
            p++;
        }

        return p;
    }

    /// <summary>The first non-blank position at or after <paramref name="p"/>.</summary>
    private static int SkipSpace(string json, int p)
    {
        while (p < json.Length && json[p] is ' ' or '\t' or '\n' or '\r')
        {
            p++;
        }

        return p;
    }
}
