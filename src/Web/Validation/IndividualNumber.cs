namespace LoCoPi.Web.Validation;

/// <summary>
/// Recognises a value shaped like the 12-digit individual number (個人番号): eleven digits and the
/// check digit the law computes from them. The platform never reads, sends, logs or stores one, so
/// a card id of this shape is refused before it goes anywhere. This file is also compiled into the
/// reader client (linked from its project), so the terminal and the server refuse the same values.
/// </summary>
public static class IndividualNumber
{
    private const int Length = 12;

    /// <summary>
    /// True when <paramref name="value"/> is 12 ASCII digits whose last is the check digit of the
    /// first 11 (番号法施行令 第8条; 算式は総務省令第85号 第5条): with P<sub>n</sub> the n-th of the
    /// 11 digits counted from the right and Q<sub>n</sub> = n + 1 for n ≤ 6, n − 5 for n ≥ 7, the
    /// check digit is 0 when Σ P<sub>n</sub>·Q<sub>n</sub> mod 11 ≤ 1, else 11 minus that remainder.
    /// </summary>
    public static bool HasShape(string? value)
    {
        if (value is not { Length: Length } || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var n = 1; n <= Length - 1; n++)
        {
            var digit = value[Length - 1 - n] - '0';
            sum += digit * (n <= 6 ? n + 1 : n - 5);
        }

        var remainder = sum % 11;
        var check = remainder <= 1 ? 0 : 11 - remainder;
        return value[Length - 1] - '0' == check;
    }
}
