using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Places;

/// <summary>Stored state of <see cref="PlaceGrain"/>.</summary>
public sealed class PlaceState
{
    public string Name { get; set; } = "";

    public string Kind { get; set; } = "";

    public long PointsPerVisit { get; set; }

    public int? Capacity { get; set; }

    public string? Category { get; set; }
}

/// <summary>A place's definition; read on every touch, so it answers from memory.</summary>
public sealed class PlaceGrain : Grain<PlaceState>, IPlaceGrain
{
    public async Task<UpsertReply> DefineAsync(PlaceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var created = !RecordExists;
        State.Name = definition.Name;
        State.Kind = definition.Kind;
        State.PointsPerVisit = definition.PointsPerVisit;
        State.Capacity = definition.Capacity;
        State.Category = definition.Category;
        RaiseEvent(new PlaceDefined(
            Key, definition.Name, definition.Kind, definition.PointsPerVisit, definition.Capacity, definition.Category));
        await WriteStateAsync();
        return UpsertReply.Done(created);
    }

    public Task<PlaceDefinition?> GetAsync()
        => Task.FromResult(RecordExists
            ? new PlaceDefinition(Key, State.Name, State.Kind, State.PointsPerVisit, State.Capacity, State.Category)
            : null);
}
