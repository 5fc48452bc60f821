namespace Scripto.Core.Persistence;

/// <summary>
/// A time as SQLite stores it for EF Core and Microsoft.Data.Sqlite: <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (the fraction's
/// trailing zeros dropped, and the point with them when there is none). Written straight into UTF-8 bytes for the
/// writer's statements: the same text as <see cref="Reference"/>, without the format string's parsing per value.
/// </summary>
internal static class SqliteTime
{
    public const int MaxLength = 27; // 2026-11-27 05:00:00.1234567

    /// <summary>How Microsoft.Data.Sqlite writes a DateTime as text: what <see cref="Format"/> must equal.</summary>
    public static string Reference(DateTime time) =>
        time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes the time into <paramref name="text"/> (at least <see cref="MaxLength"/> bytes); the bytes written.</summary>
    public static int Format(DateTime time, Span<byte> text)
    {
        Digits(text[..4], time.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), time.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), time.Day);
        text[10] = (byte)' ';
        Digits(text.Slice(11, 2), time.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), time.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), time.Second);
        var fraction = (int)(time.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0) return 19;
        text[19] = (byte)'.';
        Digits(text.Slice(20, 7), fraction);
        var length = MaxLength;
        while (text[length - 1] == (byte)'0') length--;
        return length;
    }

    /// <summary>
    /// Reads a time in that format (the fraction optional, 1 to 7 digits) as DateTime.Parse would, without its
    /// general parser; false for any other text, which the caller then hands to the provider's own parsing.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime time)
    {
        time = default;
        if (text.Length is < 19 or 20 or > MaxLength
            || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || !Number(text[..4], out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
            || !Number(text.Slice(11, 2), out var hour) || !Number(text.Slice(14, 2), out var minute) || !Number(text.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var fraction = 0;
        if (text.Length > 19)
        {
            if (text[19] != '.' || !Number(text[20..], out fraction)) return false;
            for (var i = text.Length - 20; i < 7; i++) fraction *= 10;
        }
        time = new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
        return true;
    }

    private static bool Number(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
