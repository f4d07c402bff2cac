using System.Text.Json;
using LoCoPi.Web.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LoCoPi.Web.Validation;

/// <summary>
/// The one place the edge refuses a <c>cardId</c> shaped like the individual number (API.md: 400
/// <c>individual_number_refused</c>, never stored, logged or echoed): in a path, before
/// authentication, so the value goes no further than routing; in a body, before it is parsed into a
/// request (<see cref="Json.JsonBody"/> asks here), so no endpoint can forget it and no validation
/// message can quote it.
/// </summary>
public static class IndividualNumberRefusal
{
    /// <summary>The field and route value that carry a card's service ID.</summary>
    public const string CardIdName = "cardId";

    public static IApplicationBuilder UseIndividualNumberRefusal(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            if (context.Request.RouteValues.TryGetValue(CardIdName, out var value) && IndividualNumber.HasShape(value as string))
            {
                await Problems.WriteAsync(context, ProblemCatalog.IndividualNumberRefused);
                return;
            }

            await next(context);
        });

    /// <summary>
    /// True when the body is an object with a top-level <c>cardId</c> (any letter case, as the
    /// parser binds it) of the individual number's shape. A body that stops being valid JSON is
    /// read up to that point: the field may come before the fault.
    /// </summary>
    public static bool IsInBody(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1
                    && string.Equals(reader.GetString(), CardIdName, StringComparison.OrdinalIgnoreCase)
                    && reader.Read() && reader.TokenType == JsonTokenType.String
                    && IndividualNumber.HasShape(reader.GetString()))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed from here on: the parser answers invalid_request for the rest.
        }

        return false;
    }

    /// <summary>The same rule for one item of a batch.</summary>
    public static bool IsInItem(JsonElement item)
        => item.ValueKind == JsonValueKind.Object && item.EnumerateObject().Any(p =>
            string.Equals(p.Name, CardIdName, StringComparison.OrdinalIgnoreCase)
            && p.Value.ValueKind == JsonValueKind.String && IndividualNumber.HasShape(p.Value.GetString()));
}
