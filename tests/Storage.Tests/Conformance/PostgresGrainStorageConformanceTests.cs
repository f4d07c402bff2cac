using LoCoPi.Storage.Tests.Support;
using Xunit;

namespace LoCoPi.Storage.Tests.Conformance;

public sealed class PostgresGrainStorageConformanceTests(PostgresProvider provider)
    : GrainStorageConformanceRunner(provider), IClassFixture<PostgresProvider>;
