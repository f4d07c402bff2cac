namespace LoCoPi.Runtime.Tests.Grains;

public static class TestGrains
{
    public static void Register(GrainTypeRegistry registry, Probe probe, GrainTypeOptions? counterOptions = null)
    {
        registry
            .AddInterface<ICounterGrain>("counter", static (invoker, id) => new CounterGrainReference(invoker, id))
            .AddGrain("counter", _ => new CounterGrain(probe), counterOptions)
            .AddInterface<IChainGrain>("chain", static (invoker, id) => new ChainGrainReference(invoker, id))
            .AddGrain("chain", static _ => new ChainGrain())
            .AddInterface<IAlarmGrain>("alarm", static (invoker, id) => new AlarmGrainReference(invoker, id))
            .AddGrain("alarm", _ => new AlarmGrain(probe));
    }
}
