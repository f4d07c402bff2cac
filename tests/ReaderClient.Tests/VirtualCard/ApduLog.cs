using System.Collections.Concurrent;

namespace LoCoPi.ReaderClient.Tests.VirtualCard;

/// <summary>Every command APDU any virtual card received, with the application selected when it arrived.</summary>
public sealed class ApduLog
{
    private readonly ConcurrentQueue<(byte[] Apdu, string? Application)> _entries = new();

    public int Count => _entries.Count;

    public IReadOnlyList<string> Commands => _entries.Select(e => Convert.ToHexString(e.Apdu)).ToList();

    public void Record(byte[] apdu, string? application) => _entries.Enqueue((apdu.ToArray(), application));

    /// <summary>
    /// The privacy law of DOMAIN.md as an assertion: no SELECT ever named JPKI or an application
    /// holding the individual number, and no command ever ran while one of them was selected.
    /// </summary>
    public IReadOnlyList<string> IndividualNumberAccesses() =>
        _entries.Where(e =>
                (e.Application is not null && CardImage.IsIndividualNumberApplication(Convert.FromHexString(e.Application)))
                || (e.Apdu.Length > 5 && e.Apdu[1] == 0xA4 && e.Apdu[2] == 0x04
                    && CardImage.IsIndividualNumberApplication(e.Apdu.AsSpan(5, Math.Min(e.Apdu[4], e.Apdu.Length - 5)))))
            .Select(e => Convert.ToHexString(e.Apdu))
            .ToList();
}
