namespace LoCoPi.Runtime;

/// <summary>
/// The identity of a virtual actor: its grain type, the tenant (municipality) it belongs to and its
/// key. Keys are exact text: <c>"020235"</c> and <c>"20235"</c> are different grains.
/// </summary>
public readonly record struct GrainId(string Type, string Tenant, string Key)
{
    public override string ToString() => $"{Type}/{Tenant}/{Key}";
}
