using LoCoPi.Grains.Interfaces.Places;

namespace LoCoPi.Web.Live;

/// <summary>
/// What a dashboard shows about a place besides its counters: its name (a facility's name, never a
/// person's), its kind, and its capacity (a shelter's beds), so a screen reads 「朝日町図書館」 and
/// 「12 / 300」 rather than <c>library</c> and a bare count.
/// </summary>
public sealed record LivePlaceInfo(string PlaceId, string Name, string Kind, int? Capacity)
{
    /// <summary>The most places one <c>placeInfo</c> call describes: a dashboard asks for its tenant's places, not more.</summary>
    public const int MaxPlacesPerCall = 500;

    public static LivePlaceInfo From(PlaceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new LivePlaceInfo(definition.PlaceId, definition.Name, definition.Kind, definition.Capacity);
    }
}
