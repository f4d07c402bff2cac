using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace LoCoPi.Web.Validation;

/// <summary>API.md: identifiers in paths and bodies are 1–64 characters of <c>A-Z a-z 0-9 - _ .</c>.</summary>
public static partial class Identifiers
{
    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Tenant ids starting with "_" are reserved for the platform ("_system").</summary>
    public static bool IsValidTenant([NotNullWhen(true)] string? value) => IsValid(value) && value[0] != '_';

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
