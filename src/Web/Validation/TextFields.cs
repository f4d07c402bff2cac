using System.Diagnostics.CodeAnalysis;

namespace LoCoPi.Web.Validation;

/// <summary>Free-text fields (names, reasons): present, not blank, not absurdly long.</summary>
public static class TextFields
{
    public const int MaxLength = 200;

    public static bool IsValid([NotNullWhen(true)] string? value, int maxLength = MaxLength)
        => !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && !value.Any(char.IsControl);
}
