using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace LoCoPi.Web.RateLimiting;

/// <summary>
/// The key a client's requests are counted under: its IPv4 address, or its IPv6 /64 network (one
/// household or one phone is handed a whole /64, so counting single IPv6 addresses would let it
/// pick a fresh one for every request). Behind a reverse proxy this is the proxy's address unless
/// ASP.NET Core's forwarded-headers middleware is set up for that proxy.
/// </summary>
public static class ClientPartition
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}
