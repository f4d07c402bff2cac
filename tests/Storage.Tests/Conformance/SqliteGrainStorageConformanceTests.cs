using LoCoPi.Storage.Tests.Support;
using Xunit;

namespace LoCoPi.Storage.Tests.Conformance;

public sealed class SqliteGrainStorageConformanceTests(SqliteProvider provider)
    : GrainStorageConformanceRunner(provider), IClassFixture<SqliteProvider>;
