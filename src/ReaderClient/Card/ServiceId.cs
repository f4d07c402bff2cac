namespace LoCoPi.ReaderClient.Card;

/// <summary>
/// The service ID written in our card application: the platform's <c>cardId</c>, a pseudonym
/// (1–64 characters of <c>A-Z a-z 0-9 - _ .</c>), never the individual number.
/// </summary>
internal static class ServiceId
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(IsAllowed);

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
