using System.Text.Json.Serialization;

namespace LoCoPi.Runtime.Tests.Storage;

public sealed partial class JsonGrainSerializerTests
{
    [Fact]
    public void State_is_camel_case_json_and_round_trips()
    {
        var serializer = new JsonGrainSerializer();

        var bytes = serializer.SerializeState(new Balance { Yen = 5_000, Owner = "020235" });

        Assert.Equal("{\"yen\":5000,\"owner\":\"020235\"}", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(5_000, serializer.DeserializeState<Balance>(bytes).Yen);
    }

    [Fact]
    public void Injected_options_of_a_source_generated_context_are_used()
    {
        var serializer = new JsonGrainSerializer(SnakeContext.Default.Options);

        var bytes = serializer.SerializeEvent(new Charged(1_000));

        Assert.Equal("{\"amount_yen\":1000}", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(1_000, serializer.DeserializeEvent<Charged>(bytes).AmountYen);
    }

    [Fact]
    public void Chained_contexts_resolve_before_reflection()
    {
        var options = JsonGrainSerializer.CreateOptions(SnakeContext.Default);

        Assert.Same(SnakeContext.Default, options.TypeInfoResolverChain[0]);
        Assert.Equal("{\"amountYen\":5}", System.Text.Encoding.UTF8.GetString(new JsonGrainSerializer(options).SerializeEvent(new Charged(5))));
    }

    public sealed class Balance
    {
        public long Yen { get; set; }

        public string Owner { get; set; } = "";
    }

    public sealed record Charged(long AmountYen) : IJournalEvent
    {
        public static string EventType => "wallet.charged";
    }

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(Charged))]
    private sealed partial class SnakeContext : JsonSerializerContext;
}
