using System.Security.Cryptography;
using System.Text;

namespace LoCoPi.NaiveBaseline.Http;

/// <summary>The operator token for the setup endpoint; the same variable the Silo reads.</summary>
internal sealed class AdminToken(string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public static AdminToken FromConfiguration(IConfiguration configuration) =>
        new(configuration["LOCOPI_ADMIN_TOKEN"] is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException("Set LOCOPI_ADMIN_TOKEN: the setup endpoint needs an admin token."));

    public bool Matches(HttpRequest request) =>
        BearerToken.From(request) is { } presented
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
}
